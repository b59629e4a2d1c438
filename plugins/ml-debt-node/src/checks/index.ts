import { catalogChecks } from './cat';
import { reproducibilityChecks } from './rep';
import { versioningChecks } from './ver';
import { configurationChecks } from './cfg';
import { codeSmellChecks } from './sml';
import { satdChecks } from './dbt';
import { notebookChecks } from './nb';
import { testingChecks } from './tst';
import { operationsChecks } from './ops';
import { monitoringChecks } from './mon';
import { documentationChecks } from './doc';
import { modelChecks } from './mdl';
import { MlDebtCheck } from '../engine/types';

/**
 * The built-in check catalogue: the 49 indicators of the research catalogue
 * (CAT-01 … DOC-02) and the model-persistence checks MDL-01 and MDL-02, in
 * catalogue order.
 *
 * @public
 */
export const BUILTIN_CHECKS: readonly MlDebtCheck[] = Object.freeze([
  ...catalogChecks,
  ...reproducibilityChecks,
  ...versioningChecks,
  ...configurationChecks,
  ...codeSmellChecks,
  ...satdChecks,
  ...notebookChecks,
  ...testingChecks,
  ...operationsChecks,
  ...monitoringChecks,
  ...documentationChecks,
  ...modelChecks,
]);

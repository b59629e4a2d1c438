import { MlDebtCheck } from '../../engine/types';
import { SML_01 } from './SML-01';
import { SML_02 } from './SML-02';
import { SML_03 } from './SML-03';
import { SML_04 } from './SML-04';
import { SML_05 } from './SML-05';
import { SML_06 } from './SML-06';

/** The SML-* checks, in id order. */
export const codeSmellChecks: MlDebtCheck[] = [
  SML_01,
  SML_02,
  SML_03,
  SML_04,
  SML_05,
  SML_06,
];

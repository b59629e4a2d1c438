import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { firstN } from '../support';
import { automationEvidence } from '../ops/support';
import { dataValidation } from './TST-05.validation';

/** Annotations of an upstream data Resource that say its quality is checked there. */
const QUALITY_ANNOTATION =
  /quality|expectations|great[-_]?expectations|soda|data[-_]?contract|monte[-_]?carlo|validation/i;

/**
 * TST-05 — No data schema / validation (Breck Data 1, Monitor 2; Sculley's
 * data-testing debt).
 */
export const TST_05: MlDebtCheck = {
  id: 'TST-05',
  title: 'No data schema or validation',
  category: 'testing',
  weight: 3,
  confidence: 'high',
  mlTestScore: ['data.1', 'monitor.2'],
  debtType: 'Data testing debt',
  appliesToExperimental: false,
  rationale:
    'When data replaces code, the data needs tests: without a schema, a renamed column, a unit change or a flood of nulls upstream trains and serves a silently worse model. The ML Test Score asks that feature expectations be captured in a schema (Data 1) and that serving inputs be checked against it (Monitor 2); Sculley et al. call the missing checks data-testing debt.',
  references: [
    'Breck et al. 2017, The ML Test Score, Data 1 and Monitor 2',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 (data testing debt)',
    'Great Expectations, pandera and TensorFlow Data Validation documentation',
  ],
  remediation: [
    'Derive a schema from the training data (Great Expectations, pandera or TFDV) and refine it with domain knowledge: types, ranges, allowed categories and null rates.',
    'Validate every training run against the schema as a pipeline step, and validate serving inputs against the same expectations.',
    'Alert when live data diverges from the schema, and fail the pipeline when training data does.',
  ],
  evaluate({ facts, relatedEntities }) {
    const { findings, automatedBy } = dataValidation(facts);
    const schemas = findings.filter(f => f.kind === 'schema');
    const servingModels = findings.filter(f => f.kind === 'serving-model');
    const automation = automatedBy.length > 0 ? 'automated' : 'manual';
    const evidence: Evidence[] = [
      ...firstN(
        findings.map(f => f.evidence),
        10,
      ),
      ...firstN(automatedBy, 3).map(l =>
        automationEvidence(l, 'Runs the data validation'),
      ),
    ];
    const tools = [...new Set(schemas.map(f => f.tool))].join(', ');

    if (schemas.length > 0) {
      return {
        status: 'pass',
        summary:
          automation === 'automated'
            ? `Data is validated with ${tools}, and CI or a pipeline runs the validation.`
            : `Data is validated with ${tools}, but nothing in CI or a pipeline runs it.`,
        evidence,
        automation,
      };
    }

    const upstream = relatedEntities.filter(
      e =>
        e.kind.toLowerCase() === 'resource' &&
        Object.keys(e.metadata.annotations ?? {}).some(k =>
          QUALITY_ANNOTATION.test(k),
        ),
    );
    if (upstream.length > 0) {
      return {
        status: 'pass',
        summary: `Data quality is validated upstream by the declared data resource ${upstream
          .map(e => e.metadata.name)
          .join(', ')}.`,
        evidence: upstream.map(e => ({
          message: 'Declared data dependency with a data-quality annotation',
          path: `resource:${e.metadata.namespace ?? 'default'}/${
            e.metadata.name
          }`,
        })),
        automation: 'manual',
      };
    }

    if (servingModels.length > 0) {
      // The card counts typed request models as validation (Monitor 2); the
      // summary says that the training data itself is still unchecked.
      return {
        status: 'pass',
        summary:
          'The serving API validates its inputs with typed request models; the training data itself has no schema (consider Great Expectations or pandera).',
        evidence,
        automation: 'manual',
      };
    }

    if (facts.sources.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No Python code or notebooks, and no data validation: there is no ML data pipeline to validate.',
      };
    }
    return {
      status: 'fail',
      summary:
        'No data schema or validation found (Great Expectations, pandera, TFDV, deepchecks, Soda, dbt tests or typed serving request models).',
    };
  },
};

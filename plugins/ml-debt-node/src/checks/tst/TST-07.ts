import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence, snippet } from '../support';
import { automationInvoking, testRunLines } from '../ops/support';
import { candidateCodeLines, findCodeLine } from '../../analysis/sourceText';

const FAIRNESS_LIBRARIES = new Set([
  'fairlearn',
  'aequitas',
  'aif360',
  'fairness_indicators',
]);
/** Sliced or per-group evaluation in code (§7.2 TST-07), matched on code with strings blanked. */
const SLICED_CODE =
  /\bMetricFrame\(|\btfma\.SlicingSpec\(|\bSlicingSpec\(|\bslicing_function\b|\bslice_metrics\b|\bper_slice\w*|\bsliced?_(?:auc|metrics?|eval\w*|scores?)\b|\bgroupby\([^)\n]{0,120}\)\s*\.\s*apply\([^\n]{0,120}(?:score|metric|auc|accuracy|error)/i;
/** `for segment, frame in df.groupby(...)` with a metric computed in the loop body. */
const GROUP_LOOP = /^\s*for\s+[\w\s,()]{1,60}\bin\s+[\w.]{1,60}\.groupby\(/;
const METRIC_CALL = /\w*(?:_score|_error|_loss|auc|accuracy)\w*\(/i;
/** A model card section reporting per-group results. */
const CARD_FILE = /(?:^|\/)[^/]*model[_-]?card[^/]*\.(?:md|json|ya?ml|html)$/i;
const CARD_SECTION =
  /^#{1,6}\s[^\n]{0,80}\b(?:slices?|sliced|subgroups?|per[- ]group|per[- ]segment|disaggregated|fairness)\b/im;
const DASHBOARD_LINK = /\b(?:slices?|sliced|segments?|fairness|subgroups?)\b/i;

/**
 * TST-07 — No sliced or fairness evaluation (Breck Model 6 and Model 7).
 */
export const TST_07: MlDebtCheck = {
  id: 'TST-07',
  title: 'No sliced or fairness evaluation',
  category: 'testing',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['model.6', 'model.7'],
  debtType: 'Prediction bias (sliced)',
  appliesToExperimental: false,
  rationale:
    'An aggregate metric can improve while the model gets worse for a region, a device type or a group of users that matters: the average hides it. The ML Test Score asks for release thresholds on important data slices (Model 6) and for checks that the model does not treat protected groups unfairly (Model 7); Sculley et al. list prediction bias by slice among the signals every production model should watch.',
  references: [
    'Breck et al. 2017, The ML Test Score, Model 6 and Model 7',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §7 (prediction bias)',
    'fairlearn MetricFrame; TensorFlow Model Analysis slicing specs',
  ],
  remediation: [
    'Define the slices that matter for the product (for example region, customer segment, device, and protected attributes where it is lawful to use them).',
    'Compute the evaluation metrics per slice in the evaluation step (fairlearn MetricFrame or TFMA slicing specs) and fail the release when a slice falls below its threshold or regresses against the production model.',
    'Report per-slice and fairness metrics in the model card.',
  ],
  evaluate({ facts, entity }) {
    if (facts.mlModules.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No ML modules found (no code importing an ML library); there is no model to evaluate by slice.',
      };
    }
    const found: Evidence[] = [];
    const paths: string[] = [];
    for (const source of [...facts.productionSources, ...facts.testSources]) {
      let line =
        source.imports.find(i => FAIRNESS_LIBRARIES.has(i.module.split('.')[0]))
          ?.line ?? 0;
      let message = 'Fairness library';
      const sliced = findCodeLine(source, SLICED_CODE);
      if (sliced >= 0) {
        line = sliced + 1;
        message = 'Sliced evaluation';
      } else if (line === 0) {
        const loop = candidateCodeLines(source, GROUP_LOOP).find(
          i =>
            GROUP_LOOP.test(source.code[i]) &&
            source.code.slice(i + 1, i + 8).some(b => METRIC_CALL.test(b)),
        );
        if (loop !== undefined) {
          line = loop + 1;
          message = 'Metric computed per group';
        }
      }
      if (line > 0) {
        found.push(lineEvidence(source, line, message));
        paths.push(source.path);
      }
    }

    if (found.length > 0) {
      const inTests = paths.some(p => facts.isTest(p));
      const automated =
        automationInvoking(
          facts,
          paths.filter(p => !facts.isTest(p)),
        ).length > 0 ||
        (inTests && testRunLines(facts).length > 0);
      return {
        status: 'pass',
        summary: automated
          ? 'The model is evaluated per slice, and CI or a pipeline runs the evaluation.'
          : 'The model is evaluated per slice, but nothing in CI or a pipeline runs the evaluation.',
        evidence: firstN(found, 5),
        automation: automated ? 'automated' : 'manual',
      };
    }

    // Per-group results documented by hand: a model card section or a dashboard.
    const documented: Evidence[] = [];
    for (const card of facts.snapshot
      .files()
      .filter(f => CARD_FILE.test(f.path))) {
      const m = facts.snapshot.search(CARD_SECTION, card.path)[0];
      if (m)
        documented.push({
          message: 'Model card reports per-group results',
          path: m.path,
          line: m.line,
          snippet: snippet(m.text),
        });
    }
    for (const link of entity?.metadata.links ?? []) {
      if (DASHBOARD_LINK.test(`${link.title ?? ''} ${link.type ?? ''}`))
        documented.push({
          message: 'Dashboard with sliced metrics',
          path: 'metadata.links',
          snippet: link.url,
        });
    }
    if (documented.length > 0) {
      return {
        status: 'warn',
        score: 50,
        summary:
          'Per-slice results are documented (model card or dashboard), but no evaluation code computes or gates them.',
        evidence: documented,
        automation: 'manual',
      };
    }
    return {
      status: 'fail',
      summary:
        'No sliced or fairness evaluation found (fairlearn, TFMA slicing, per-group metrics, or per-group results in a model card).',
    };
  },
};

import { Automation, Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import {
  automationEvidence,
  automationInvoking,
  automationMatching,
  testRunLines,
  withoutComment,
} from '../ops/support';
import {
  candidateCodeLines,
  findCodeLine,
  findCodeLines,
  someCodeLine,
} from '../../analysis/sourceText';

/** Gate tooling named in CI or pipeline commands (§7.2 TST-06). */
const GATE_COMMAND =
  /\bdvc\s+(?:metrics|exp)\s+diff\b|\bcml\s+(?:comment|send-comment)\b|\bmodel_evaluation\(/;
/** Gate APIs called from code. */
const GATE_API =
  /\bmlflow\.(?:validate_evaluation_results|models\.MetricThreshold)\(|\bMetricThreshold\(|\btfma\.(?:GenericValueThreshold|GenericChangeThreshold)\(|\bConditionGreaterThanOrEqualTo\(|\bConditionStep\(|\bmodel_evaluation\(/;
const METRICS = String.raw`acc|accuracy|auc|roc_auc|f1|precision|recall|rmse|mae|mape|smape|ndcg|map|mrr|r2|logloss|brier`;

/** `assert metrics["auc"] >= 0.8` / `if auc < cfg.min_auc:` — as (assert, if) patterns. */
function metricPatterns(withLoss: boolean): [RegExp, RegExp] {
  // A whole name part: `val_auc`, `auc_score`, `metrics["f1"]`, not `accumulated`.
  const m = `(?<![a-z0-9])(?:${METRICS}${
    withLoss ? '|loss' : ''
  })(?:_\\w*)?(?![a-z0-9])`;
  const compare = (head: string) =>
    new RegExp(
      String.raw`^\s*${head}\s+[\w\[\]"'.()]{0,80}${m}["'\]]*\s*[<>]=?|^\s*${head}\s+[^\n]{0,80}[<>]=?\s*[\w\[\]"'.]{0,60}${m}`,
      'i',
    );
  return [compare('assert'), compare('(?:el)?if')];
}
/** Production gates may use the loss; in tests `assert loss < initial` is a training unit test (TST-03), not a gate. */
const PRODUCTION_METRIC = metricPatterns(true);
const TEST_METRIC = metricPatterns(false);
/** What makes an `if` on a metric a gate: it stops the run within three lines. */
/** A script that exits non-zero on collected failures: `sys.exit(1 if failures else 0)`. */
const FAILS_RUN =
  /\bsys\.exit\(\s*(?:1\s+if\b|[^)]{0,80}\bif\b)|\braise\s+SystemExit\b/;
const GATE_ACTION =
  /\braise\b|\bsys\.exit\(\s*[^0)]|\bexit\(\s*1|\breturn\s+False\b/;
/** Where an assertion or an `if` may start, for a whole-source scan. */
const ASSERT = /\bassert\b/;
const IF = /\b(?:el)?if\b/;
const BASELINE_CODE =
  /\bDummy(?:Classifier|Regressor)\b|baseline|champion|production_model|serving_model|current_model/i;
const THRESHOLD_DEPENDENT =
  /\b(?:f1_score|accuracy_score|precision_score|recall_score|fbeta_score|classification_report)\(/;
const THRESHOLD_FREE =
  /\b(?:roc_auc_score|average_precision_score|log_loss|brier_score_loss|precision_recall_curve|roc_curve|det_curve|AUROC|AveragePrecision|BinaryAUROC)\(|\bmetrics\.AUC\(/;
const THRESHOLD_FREE_SCORING =
  /^(?:roc_auc\w*|average_precision|neg_log_loss|neg_brier_score)$/;

interface Gate {
  evidence: Evidence;
  path: string;
}

function findGates(source: PythonSource): Gate[] {
  const gates: Gate[] = [];
  const [metricAssert, metricIf] = source.isTest
    ? TEST_METRIC
    : PRODUCTION_METRIC;
  let failsRunMemo: boolean | undefined;
  // Whether the script exits non-zero on collected failures, read once if asked.
  const failsRun = () => {
    failsRunMemo ??= someCodeLine(source, FAILS_RUN);
    return failsRunMemo;
  };
  for (const i of candidateCodeLines(source, GATE_API, ASSERT, IF)) {
    const code = source.code[i];
    if (GATE_API.test(code)) {
      gates.push({
        path: source.path,
        evidence: lineEvidence(source, i + 1, 'Model validation API'),
      });
    } else if (
      /^\s*assert\b/.test(code) &&
      metricAssert.test(withoutComment(source, i))
    ) {
      gates.push({
        path: source.path,
        evidence: lineEvidence(source, i + 1, 'Metric threshold assertion'),
      });
    } else if (
      /^\s*(?:el)?if\b/.test(code) &&
      metricIf.test(withoutComment(source, i))
    ) {
      // The `if` stops the run itself, or collects failures the script exits on.
      const body = source.code.slice(i, i + 4).join('\n');
      if (
        GATE_ACTION.test(body) ||
        (failsRun() && /\.append\(|\+=|=\s*False\b/.test(body))
      )
        gates.push({
          path: source.path,
          evidence: lineEvidence(
            source,
            i + 1,
            'Metric threshold that stops the release',
          ),
        });
    }
  }
  return gates;
}

/**
 * TST-06 — No pre-release model quality gate or baseline (Breck Infra 4 and
 * Model 5), with Zhang et al.'s "threshold-dependent metrics only" sub-flag.
 */
export const TST_06: MlDebtCheck = {
  id: 'TST-06',
  title: 'No pre-release model quality gate or baseline',
  category: 'testing',
  weight: 3,
  confidence: 'medium',
  mlTestScore: ['infra.4', 'model.5'],
  debtType: 'Monitoring and testing',
  appliesToExperimental: false,
  rationale:
    'Without an automatic gate, any model that trains is a model that ships: a broken feature, a leaked label or a bad data snapshot goes to production with nobody having compared it to what it replaces. The ML Test Score asks that model quality be validated before serving, with loose absolute thresholds and a tight comparison with the previous version (Infra 4), and that the model be regularly compared with a simple baseline (Model 5). Reporting only threshold-dependent metrics such as accuracy or F1 hides how the model ranks (Zhang et al. 2022, smell #19).',
  references: [
    'Breck et al. 2017, The ML Test Score, Infra 4 and Model 5',
    'Zhang et al. 2022, Code Smells for Machine Learning Applications, #19 (threshold-dependent validation)',
    'dslinter W5519–W5521',
  ],
  remediation: [
    'Gate model registration or deployment on absolute thresholds and on a comparison with the model currently in production, and make the gate fail the pipeline when the candidate is worse.',
    'Train a simple baseline (for example DummyClassifier, a linear model or the last production model) in the evaluation step and require the candidate to beat it.',
    'Report threshold-independent metrics (ROC AUC, average precision, log loss or Brier score) next to accuracy, precision, recall and F1.',
  ],
  evaluate({ facts }) {
    if (facts.mlModules.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No ML modules found (no code importing an ML library); there is no model to gate.',
      };
    }
    const sources = [...facts.productionSources, ...facts.testSources];
    const gates: Gate[] = [];
    const baselines: Evidence[] = [];
    let thresholdDependent: Evidence | undefined;
    let thresholdFree = false;
    for (const source of sources) {
      gates.push(...findGates(source));
      if (!source.isTest || /eval|gate|quality|model/i.test(source.path)) {
        const b = findCodeLine(source, BASELINE_CODE);
        if (b >= 0)
          baselines.push(
            lineEvidence(
              source,
              b + 1,
              'Baseline or production-model comparison',
            ),
          );
      }
      if (!source.isTest) {
        const [dep, free] = findCodeLines(source, [
          THRESHOLD_DEPENDENT,
          THRESHOLD_FREE,
        ]);
        if (dep >= 0 && !thresholdDependent)
          thresholdDependent = lineEvidence(
            source,
            dep + 1,
            'Threshold-dependent metric',
          );
        if (
          free >= 0 ||
          source.strings.some(s => THRESHOLD_FREE_SCORING.test(s.value))
        )
          thresholdFree = true;
      }
    }
    const pipelineGates = automationMatching(facts, GATE_COMMAND);

    const gatePaths = [...new Set(gates.map(g => g.path))];
    const testGates = gates.filter(g => facts.isTest(g.path));
    const automatedBy = [
      ...pipelineGates,
      ...automationInvoking(
        facts,
        gatePaths.filter(p => !facts.isTest(p)),
      ),
      ...(testGates.length > 0 ? testRunLines(facts) : []),
    ];
    const hasGate = gates.length > 0 || pipelineGates.length > 0;
    const zhang19 = thresholdDependent !== undefined && !thresholdFree;

    const evidence: Evidence[] = [
      ...firstN(
        gates.map(g => g.evidence),
        5,
      ),
      ...firstN(pipelineGates, 3).map(l =>
        automationEvidence(l, 'Quality gate in CI or a pipeline'),
      ),
      ...firstN(baselines, 3),
      ...(zhang19
        ? [
            {
              ...thresholdDependent!,
              message:
                'Only threshold-dependent metrics are computed (Zhang #19)',
            },
          ]
        : []),
    ];
    // §7.2: any of gate or baseline is the practice; the missing half is named.
    const positive = hasGate || baselines.length > 0;
    const baselineRuns = automationInvoking(
      facts,
      baselines.map(b => b.path!).filter(p => !facts.isTest(p)),
    );
    let automation: Automation = 'none';
    if (automatedBy.length > 0 || baselineRuns.length > 0)
      automation = 'automated';
    else if (positive) automation = 'manual';
    const where =
      automation === 'automated'
        ? 'CI or a pipeline runs it'
        : 'nothing in CI or a pipeline runs it';

    if (!positive) {
      return {
        status: 'fail',
        summary: `No quality gate and no baseline: no metric threshold gates the release and the model is not compared with a baseline or the production model${
          zhang19
            ? '; only threshold-dependent metrics (accuracy, precision, recall, F1) are reported'
            : ''
        }.`,
        evidence,
      };
    }
    let found = 'A quality gate with a baseline comparison validates the model';
    if (!hasGate)
      found =
        'The model is compared with a baseline, but no metric threshold gates the release';
    else if (baselines.length === 0)
      found =
        'A metric threshold gates the release, but the model is not compared with a baseline or the production model';
    if (zhang19) {
      return {
        status: 'warn',
        score: 75,
        summary: `${found}; only threshold-dependent metrics (accuracy, precision, recall, F1) are reported (Zhang #19).`,
        evidence,
        automation,
      };
    }
    return {
      status: 'pass',
      summary: `${found}; ${where}.`,
      evidence,
      automation,
    };
  },
};

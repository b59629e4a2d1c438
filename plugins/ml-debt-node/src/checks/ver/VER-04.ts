import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN, lineEvidence } from '../support';
import { listOf } from '../rep/support';
import { dvcStages, isMlService } from './support';
import { candidateCodeLines, findCodeLine } from '../../analysis/sourceText';

/** Experiment trackers whose import is tracking (§7.2 VER-04). */
const TRACKERS = new Set([
  'wandb',
  'neptune',
  'comet_ml',
  'aim',
  'clearml',
  'dvclive',
  'tensorboardX',
]);
/** Tracking calls that need no tracker import of their own. */
const TRACKING_CODE =
  /torch\.utils\.tensorboard|\bSummaryWriter\(|\btf\.summary\.|\b(?:MLFlow|WandB|Neptune|Comet|TensorBoard|CSV)Logger\(|\bcallbacks\.TensorBoard\(|sagemaker\.experiments/;
/** MLflow used for tracking, not only to load a model. */
const MLFLOW_TRACKING =
  /\bmlflow\.(?:autolog|start_run|log_\w+|set_experiment|set_tracking_uri|set_tags?|evaluate|\w+\.autolog|\w+\.log_model)\(/;
const MLFLOW_TRACKING_NAMES =
  /^(?:autolog|start_run|log_\w+|set_experiment|set_tags?)$/;
/** Hugging Face `report_to="wandb"` and friends. */
const REPORT_TO = /\breport_to\s*=/;
const REPORT_TO_VALUES =
  /^(?:wandb|mlflow|tensorboard|comet_ml|neptune|clearml|dvclive|azure_ml|all)$/;
/** Platforms that track runs themselves (§7.2 VER-04 false positives). */
const PLATFORM_TRACKING =
  /\bexperiment_config\s*=|\bRun\.get_context\(|\baiplatform\.(?:start_run|log_metrics|log_params)\(|\baiplatform\.init\([^)]{0,200}\bexperiment\s*=/;

interface TrackingHit {
  source: PythonSource;
  line: number;
  what: string;
}

/** The first tracking signal of a source, or undefined. */
function trackingIn(source: PythonSource): TrackingHit | undefined {
  for (const imp of source.imports) {
    const top = imp.module.split('.')[0];
    if (TRACKERS.has(top)) return { source, line: imp.line, what: top };
    if (imp.module.startsWith('torch.utils.tensorboard'))
      return { source, line: imp.line, what: 'TensorBoard' };
    if (imp.module.startsWith('sagemaker.experiments'))
      return { source, line: imp.line, what: 'SageMaker Experiments' };
    if (top === 'mlflow' && imp.names.some(n => MLFLOW_TRACKING_NAMES.test(n)))
      return { source, line: imp.line, what: 'MLflow' };
  }
  const usesMlflow = source.importedModules.has('mlflow');
  const lines = candidateCodeLines(
    source,
    usesMlflow ? MLFLOW_TRACKING : undefined,
    TRACKING_CODE,
    REPORT_TO,
  );
  for (const i of lines) {
    const line = source.code[i];
    if (usesMlflow && MLFLOW_TRACKING.test(line))
      return { source, line: i + 1, what: 'MLflow' };
    const m = TRACKING_CODE.exec(line);
    if (m) return { source, line: i + 1, what: m[0].replace(/\($/, '') };
    if (REPORT_TO.test(line)) {
      const value = source.strings.find(
        s => s.line === i + 1 && REPORT_TO_VALUES.test(s.value),
      );
      if (value)
        return { source, line: i + 1, what: `report_to=${value.value}` };
    }
  }
  return undefined;
}

/**
 * VER-04 — No experiment tracking. Tracker imports and calls are read from
 * code (comments and strings excluded); an MLflow import that only loads a
 * model is not tracking. DVC metrics/plots, logger configs and MLproject files
 * count, and so do platforms that track runs themselves.
 */
export const VER_04: MlDebtCheck = {
  id: 'VER-04',
  title: 'No experiment tracking',
  category: 'versioning',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['model.3', 'infra.1'],
  debtType: 'Reproducibility debt',
  appliesToExperimental: true,
  rationale:
    'Without experiment tracking the parameters, data version, code version and metrics of a training run live in a notebook output or a terminal scroll-back, so the team cannot reproduce the run behind the production model, compare it with alternatives, or show that hyper-parameters were tuned (ML Test Score Model 3). SE4ML lists tracking experiments as a core practice of ML engineering.',
  references: [
    'Serban et al. 2020, SE4ML practice "Use Experiment Tracking"',
    'Breck et al. 2017, The ML Test Score, Model 3 and Infra 1',
    'MLflow Tracking documentation',
  ],
  remediation: [
    'Log the parameters, metrics, data version, Git SHA and artefacts of every training run to an experiment tracker (MLflow, Weights & Biases, DVC experiments).',
    'Link each registered model version to the run that produced it (VER-03) so the lineage of the production model is one click away.',
  ],
  evaluate({ facts, snapshot, entity }) {
    if (!isMlService(facts, entity)) {
      return {
        status: 'not-applicable',
        summary: 'No ML code found: there are no experiments to track.',
      };
    }
    const hits = facts.productionSources
      .map(trackingIn)
      .filter((h): h is TrackingHit => h !== undefined);
    const files: Evidence[] = [];
    for (const f of snapshot.glob('**/dvc.yaml')) {
      const docs = facts.yaml(f.path);
      const tracked = docs.some(
        doc =>
          (doc as any)?.metrics ||
          (doc as any)?.plots ||
          dvcStages(doc).some(s => s.metrics || s.plots),
      );
      if (tracked)
        files.push(fileEvidence(f.path, 'DVC tracks metrics or plots'));
    }
    for (const f of snapshot.glob([
      '**/conf*/logger/*.yaml',
      '**/conf*/logger/*.yml',
      '**/MLproject',
    ])) {
      files.push(
        fileEvidence(
          f.path,
          f.path.endsWith('MLproject')
            ? 'MLflow project (runs are tracked)'
            : 'Logger configuration',
        ),
      );
    }

    if (hits.length > 0 || files.length > 0) {
      const scripts = hits.filter(h => h.source.kind === 'python');
      const evidence = firstN([
        ...hits.map(h =>
          lineEvidence(h.source, h.line, `Tracks experiments with ${h.what}`),
        ),
        ...files,
      ]);
      // DVC metrics are produced by pipeline stages: automated by definition.
      const automation = files.some(f => f.path!.endsWith('dvc.yaml'))
        ? 'automated'
        : facts.automationOf(
            [...hits.map(h => h.source.path), ...files.map(f => f.path!)],
            /\bdvc\s+(?:repro|exp\s+run)\b|\bmlflow\s+run\b/,
          );
      // Tracking only in notebooks while training scripts log nothing.
      const trainingScripts = facts.entryModules.filter(
        s => s.kind === 'python' && /(?:^|\/)train[^/]*\.py$/.test(s.path),
      );
      if (
        scripts.length === 0 &&
        files.length === 0 &&
        trainingScripts.length > 0
      ) {
        return {
          status: 'warn',
          score: 50,
          summary: `Experiments are tracked only in notebooks; the training script${
            trainingScripts.length > 1 ? 's' : ''
          } ${listOf(trainingScripts.map(s => s.path))} log nothing.`,
          evidence: [
            ...evidence,
            ...firstN(trainingScripts, 3).map(s =>
              fileEvidence(
                s.path,
                'Training script without experiment tracking',
              ),
            ),
          ],
          automation,
        };
      }
      const tools = [...new Set(hits.map(h => h.what))];
      return {
        status: 'pass',
        summary: `Experiments are tracked${
          tools.length ? ` with ${listOf(tools)}` : ''
        }${
          files.length
            ? `${tools.length ? ' and' : ' through'} ${listOf(
                files.map(f => f.path!),
              )}`
            : ''
        }.`,
        evidence,
        automation,
      };
    }

    // Platforms that record runs without tracker code.
    for (const source of facts.productionSources) {
      const i = findCodeLine(source, PLATFORM_TRACKING);
      const databricks = /^#\s*Databricks notebook source/.test(
        source.lines[0] ?? '',
      );
      if (i >= 0 || databricks) {
        return {
          status: 'pass',
          summary:
            'Runs are tracked by the ML platform (SageMaker, Azure ML, Vertex AI or Databricks).',
          evidence: [
            lineEvidence(
              source,
              i >= 0 ? i + 1 : 1,
              'Platform experiment tracking',
            ),
          ],
          automation: facts.automationOf([source.path]),
        };
      }
    }
    return {
      status: 'fail',
      summary:
        'No experiment tracking: no MLflow, Weights & Biases, Neptune, Comet, Aim, ClearML, DVCLive or TensorBoard logging, and no DVC metrics.',
    };
  },
};

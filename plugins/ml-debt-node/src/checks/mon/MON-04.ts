import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { joinedLines, someCodeLine } from '../../analysis/sourceText';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import {
  automationRunning,
  hasMlCode,
  jobEvidence,
  ScheduledJob,
  scheduledInvocation,
  scheduledJobs,
  textEvidence,
  yamlLinesMatching,
} from './support';

/** Code that trains: `.fit(`, `.train(`, a `Trainer(`, a gradient step. */
const TRAINING_CODE =
  /\.fit\(|\.fit_generator\(|\b(?:xgb|lgb|xgboost|lightgbm|catboost)\.train\(|\bTrainer\(|\boptimizer\.step\(|\.train_model\(/;
const TRAINING_PATH =
  /(?:^|\/)[^/]*(?:train|fit|finetune|fine_tune)[^/]*\.(?:py|ipynb)$/i;

/** A command that trains, in what a job runs (comments removed). */
const TRAINING_COMMAND =
  /(?<![A-Za-z0-9_])(?:re-?)?train(?:ing|er)?(?![A-Za-z0-9_])|create-training-job|\bfinetune\b|\bfine-tune\b|\bTrainingStep\(|\bCustomTrainingJob\b/i;

/** Names of a model-age / staleness metric (§7.2 MON-04). */
const MODEL_AGE =
  /model_age|model_staleness|trained_at|training_timestamp|last_trained|model_training_time/i;
/** A metric being created or set on the same statement. */
const METRIC_CALL =
  /\b(?:Gauge|Counter|Histogram|Summary)\(|\.gauge\(|\.set\(|\bstatsd\.\w+\(|\bmeter\.create_\w+\(|\bcreate_(?:observable_)?gauge\(|\bput_metric_data\(|\blog_metric\(/;

/** Non-test ML code that trains a model. */
function trainingSources(facts: RepositoryFacts): PythonSource[] {
  const serving = new Set(facts.servingModules.map(s => s.path));
  const byPath = facts.mlModules.filter(
    s => !serving.has(s.path) && TRAINING_PATH.test(s.path),
  );
  const byCode = facts.mlModules.filter(
    s =>
      !serving.has(s.path) &&
      !TRAINING_PATH.test(s.path) &&
      someCodeLine(s, TRAINING_CODE),
  );
  // Files named for training first, so evidence names `train.py` over a
  // script that happens to fit a baseline.
  return [...byPath, ...byCode];
}

/** Model-age metrics exported from code. */
function modelAgeMetrics(facts: RepositoryFacts): Evidence[] {
  const evidence: Evidence[] = [];
  for (const source of facts.productionSources) {
    if (source.kind !== 'python') continue;
    // The original text holds both the code and the strings: most sources
    // never name a model-age metric at all.
    if (!MODEL_AGE.test(joinedLines(source))) continue;
    const namedInString = new Set(
      source.strings.filter(s => MODEL_AGE.test(s.value)).map(s => s.line),
    );
    for (let i = 0; i < source.lines.length; i++) {
      const named = MODEL_AGE.test(source.code[i]) || namedInString.has(i + 1);
      if (!named) continue;
      const window = source.code.slice(Math.max(0, i - 2), i + 1).join('\n');
      if (METRIC_CALL.test(window)) {
        evidence.push(lineEvidence(source, i + 1, 'Model-age metric exported'));
        break;
      }
    }
  }
  return evidence;
}

/** Alert rules on model age. */
function modelAgeAlerts(facts: RepositoryFacts): Evidence[] {
  return yamlLinesMatching(
    facts,
    new RegExp(`^\\s*-?\\s*expr\\s*:[^\\n]{0,400}(?:${MODEL_AGE.source})`, 'i'),
    /expr\s*:/,
  ).map(hit => textEvidence(hit, 'Alert rule on model age'));
}

/** The first job that trains, by invoking training code or a training command. */
function trainingJob(
  facts: RepositoryFacts,
  training: PythonSource[],
  trigger: ScheduledJob['trigger'],
): { job: ScheduledJob; what: string } | undefined {
  const invocation = scheduledInvocation(facts, training, trigger);
  if (invocation)
    return {
      job: invocation.job,
      what: invocation.via
        ? `${invocation.via.path}, which imports ${invocation.target.path}`
        : invocation.target.path,
    };
  const job = scheduledJobs(facts).find(
    j => j.trigger === trigger && TRAINING_COMMAND.test(j.corpus),
  );
  return job ? { job, what: 'a training step' } : undefined;
}

/** Training wired into a pipeline or CI that has no schedule (DVC stage, manual DAG, dispatch-only workflow). */
function unscheduledTraining(
  facts: RepositoryFacts,
  training: PythonSource[],
): Evidence | undefined {
  const run = automationRunning(facts, training);
  return run
    ? {
        message: `Runs ${run.target.path} from a pipeline or CI, but not on a schedule`,
        path: run.path,
      }
    : undefined;
}

/**
 * MON-04 — No retraining schedule / staleness tracking (Model 4, Monitor 4).
 * Passes for a schedule or a data-arrival trigger that runs training, or a
 * model-age metric or alert; training that runs only from an unscheduled
 * pipeline is partial.
 */
export const MON_04: MlDebtCheck = {
  id: 'MON-04',
  title: 'No retraining schedule or model-staleness tracking',
  category: 'monitoring',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['model.4', 'monitor.4'],
  debtType: 'External world changes',
  appliesToExperimental: false,
  rationale:
    'A model is a snapshot of the data it was trained on, and its quality decays as the world moves on. Breck et al. ask teams to know how fast that happens (Model 4, "the impact of model staleness is known") and to alert when models get too old (Monitor 4). Sculley et al. (§7) list a changing external world among the debts that only scheduled, monitored retraining pays down; retraining by hand is process-management debt.',
  references: [
    'Breck et al. 2017, The ML Test Score, Model 4, Monitor 4',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §7 (changes in the external world), §8 (process management debt)',
  ],
  remediation: [
    'Measure the age-versus-quality curve by evaluating older model versions on recent data (Model 4).',
    'Schedule retraining at an interval that keeps quality within tolerance, for example a cron-triggered CI workflow, CronJob or Airflow DAG that runs the training pipeline, or trigger it when new data arrives.',
    "Export the serving model's age as a metric and alert when it exceeds the tolerated staleness.",
  ],
  evaluate({ facts }) {
    if (!hasMlCode(facts)) {
      return {
        status: 'not-applicable',
        summary:
          'No ML code found (no module imports an ML library and nothing serves a model).',
      };
    }
    const training = trainingSources(facts);
    const ageEvidence = [...modelAgeAlerts(facts), ...modelAgeMetrics(facts)];
    const scheduled = trainingJob(facts, training, 'schedule');
    if (scheduled) {
      return {
        status: 'pass',
        summary: `Retraining runs on a schedule (${scheduled.job.path} runs ${scheduled.what}).`,
        evidence: [
          jobEvidence(scheduled.job, `Schedule that runs ${scheduled.what}`),
          ...firstN(ageEvidence, 4),
        ],
        automation: 'automated',
      };
    }
    const event = trainingJob(facts, training, 'event');
    if (event) {
      return {
        status: 'pass',
        summary: `Retraining is triggered by new data (${event.job.path} runs ${event.what}).`,
        evidence: [
          jobEvidence(
            event.job,
            `Data-arrival trigger that runs ${event.what}`,
          ),
          ...firstN(ageEvidence, 4),
        ],
        automation: 'automated',
      };
    }
    if (ageEvidence.length > 0) {
      return {
        status: 'pass',
        summary: `Model age is tracked (${ageEvidence[0].path}:${ageEvidence[0].line}), so staleness is visible even without a retraining schedule.`,
        evidence: firstN(ageEvidence, 5),
        automation: 'automated',
      };
    }
    const pipeline = unscheduledTraining(facts, training);
    if (pipeline) {
      return {
        status: 'warn',
        score: 50,
        summary: `Training is automated in ${pipeline.path} but nothing schedules it and model age is not tracked.`,
        evidence: [
          pipeline,
          ...firstN(training, 3).map(s => ({
            message: 'Training code',
            path: s.path,
          })),
        ],
        automation: 'manual',
      };
    }
    return {
      status: 'fail',
      summary:
        training.length > 0
          ? `Training (${training[0].path}) runs only by hand: no schedule or data trigger retrains the model, and model age is neither exported nor alerted on.`
          : 'No retraining schedule and no model-age metric: the model in service is never refreshed or checked for staleness.',
      evidence: firstN(training, 3).map(s => ({
        message: 'Training code with no schedule',
        path: s.path,
      })),
    };
  },
};

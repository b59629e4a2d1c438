import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { candidateCodeLines } from '../../analysis/sourceText';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import {
  automationRunning,
  localImports,
  textEvidence,
  yamlFiles,
  yamlLinesMatching,
} from './support';

/** Numerical-stability guards (§7.2 MON-05, plus their TensorFlow/JAX/tensor-method spellings). */
const GUARD =
  /\btorch\.(?:isnan|isfinite|isinf)\(|\bset_detect_anomaly\(|\bdetect_anomaly\b|\b(?:np|numpy|jnp|math)\.(?:isfinite|isnan|isinf)\(|\.(?:isnan|isfinite|isinf)\(\)|\btf\.debugging\.(?:check_numerics|assert_all_finite)\(|\btf\.math\.(?:is_nan|is_finite|is_inf)\(|\bTerminateOnNaN\b|\bclip_grad_(?:norm|value)_\(|\bclip(?:norm|value)\s*=|\bgradient_clip_val\s*=|\bmax_grad_norm\s*=|\bcheck_finite\s*=\s*True\b|\bjax_debug_nans\b/;
/** The same options switched off. */
const DISABLED =
  /\bdetect_anomaly\s*=\s*False\b|\bset_detect_anomaly\(\s*False\b|\b(?:gradient_clip_val|clipnorm|clipvalue|max_grad_norm)\s*=\s*(?:None|0(?:\.0*)?)\s*[,)]/g;

/** Trainer options that enable the same guards from configuration. */
const CONFIG_KEYS = new Set([
  'detect_anomaly',
  'terminate_on_nan',
  'gradient_clip_val',
  'gradient_clipping',
  'max_grad_norm',
  'clipnorm',
  'clipvalue',
  'clip_grad_norm',
  'check_finite',
]);
const CONFIG_PREFILTER =
  /detect_anomaly|terminate_on_nan|gradient_clip|max_grad_norm|clipnorm|clipvalue|clip_grad_norm|check_finite/;
const CONFIG_JSON =
  /(?:^|\/)[^/]*(?:config|ds_|deepspeed|trainer|training|hparams|params)[^/]*\.json$/i;

/** Alert rules on non-finite values. */
const NON_FINITE_ALERT =
  /^\s*-?\s*expr\s*:[^\n]{0,400}(?:nan|non_?finite|infinite|is_?finite)/i;

interface Guard {
  source: PythonSource;
  line: number;
}

function codeGuards(sources: readonly PythonSource[]): Guard[] {
  const guards: Guard[] = [];
  for (const source of sources) {
    const idx = candidateCodeLines(source, GUARD).find(i => {
      const l = source.code[i];
      return GUARD.test(l) && GUARD.test(l.replace(DISABLED, ')'));
    });
    if (idx !== undefined) guards.push({ source, line: idx + 1 });
  }
  return guards;
}

function enabled(value: unknown): boolean {
  if (value === true) return true;
  if (typeof value === 'number') return value > 0;
  if (typeof value === 'string')
    return /^(?:true|[0-9.]*[1-9][0-9.]*)$/i.test(value);
  return false;
}

/** `detect_anomaly: true`, `gradient_clip_val: 1.0`, … in YAML or JSON trainer configuration. */
function configGuards(facts: RepositoryFacts): Evidence[] {
  const evidence: Evidence[] = [];
  const visit = (
    node: unknown,
    found: (key: string) => void,
    depth = 0,
  ): void => {
    if (depth > 12 || !node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (CONFIG_KEYS.has(k) && enabled(v)) found(k);
      else visit(v, found, depth + 1);
    }
  };
  const report = (path: string, lines: string[], key: string) => {
    const idx = lines.findIndex(l =>
      new RegExp(`["']?${key}["']?\\s*:`).test(l),
    );
    evidence.push(
      textEvidence(
        { path, line: idx + 1, text: lines[idx] ?? key },
        `Numerical-stability option enabled in configuration (${key})`,
      ),
    );
  };
  for (const file of yamlFiles(facts)) {
    if (!CONFIG_PREFILTER.test(file.text)) continue;
    const keys = new Set<string>();
    for (const doc of facts.yaml(file.path)) visit(doc, k => keys.add(k));
    for (const k of keys) report(file.path, file.lines, k);
  }
  for (const f of facts.snapshot.files()) {
    if (!CONFIG_JSON.test(f.path)) continue;
    const text = facts.snapshot.readText(f.path);
    if (text === undefined || !CONFIG_PREFILTER.test(text)) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      continue;
    }
    const keys = new Set<string>();
    visit(json, k => keys.add(k));
    for (const k of keys) report(f.path, text.split(/\r?\n/), k);
  }
  return evidence;
}

/**
 * MON-05 — No numerical-stability guards (Monitor 5). Passes when training code
 * fails on the first NaN/Inf (or clips gradients, detects anomalies) or serving
 * code checks that outputs are finite; the summary names the side without
 * guards. Guards switched off (`detect_anomaly=
 * False`, `gradient_clip_val=None`) do not count; guards enabled through
 * trainer configuration (`detect_anomaly: true`) do.
 */
export const MON_05: MlDebtCheck = {
  id: 'MON-05',
  title: 'No numerical-stability guards',
  category: 'monitoring',
  weight: 1,
  confidence: 'medium',
  mlTestScore: ['monitor.5'],
  debtType: 'Monitoring',
  appliesToExperimental: false,
  rationale:
    'A single NaN or Inf silently propagates through training and into predictions: the loss stops meaning anything, and a model that returns NaN can be published and served without any error being raised. Breck et al. (Monitor 5, "models are numerically stable") ask for alerts on the first NaN or Inf; Zhang et al. (2022) list missing NaN checks among the most common deep-learning code smells.',
  references: [
    'Breck et al. 2017, The ML Test Score, Monitor 5',
    'Zhang et al. 2022, Code Smells for Machine Learning Applications (NaN equivalence / gradient smells)',
    'PyTorch torch.autograd.set_detect_anomaly, torch.nn.utils.clip_grad_norm_; Keras TerminateOnNaN; Lightning detect_anomaly, gradient_clip_val',
  ],
  remediation: [
    'Make training fail on the first NaN or Inf: check the loss with torch.isfinite (or use Keras TerminateOnNaN or Lightning detect_anomaly) and clip gradients.',
    'Check that predictions are finite in the serving code before returning them, reject or fall back otherwise, and count the rejections as a metric.',
    'Alert on that metric so that the first non-finite output pages the owning team.',
  ],
  evaluate({ facts }) {
    const serving = facts.servingModules;
    // Serving code: the serving modules and the project modules they import.
    const servingReach = new Set(serving.map(s => s.path));
    for (const s of serving)
      for (const imp of localImports(facts, s)) servingReach.add(imp.path);
    // Training code: the other ML modules and the project modules they import.
    const training = facts.mlModules.filter(s => !servingReach.has(s.path));
    const trainingReach = new Set(training.map(s => s.path));
    for (const s of training)
      for (const imp of localImports(facts, s)) trainingReach.add(imp.path);
    if (serving.length === 0 && training.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No training or serving code found (no non-test module imports an ML library or serves a model).',
      };
    }

    const guards = codeGuards(facts.productionSources).filter(
      g => servingReach.has(g.source.path) || trainingReach.has(g.source.path),
    );
    const config = configGuards(facts);
    const roles = [
      ...(training.length > 0
        ? [
            {
              role: 'training',
              covered:
                config.length > 0 ||
                guards.some(g => trainingReach.has(g.source.path)),
            },
          ]
        : []),
      ...(serving.length > 0
        ? [
            {
              role: 'serving',
              covered: guards.some(g => servingReach.has(g.source.path)),
            },
          ]
        : []),
    ];
    const covered = roles.filter(r => r.covered).map(r => r.role);
    const missing = roles.filter(r => !r.covered).map(r => r.role);

    if (covered.length === 0) {
      return {
        status: 'fail',
        summary: `No NaN/Inf checks, anomaly detection or gradient clipping in the ${roles
          .map(r => r.role)
          .join(' or ')} code.`,
        evidence: [...training, ...serving].slice(0, 3).map(s => ({
          message: 'ML code without numerical-stability guards',
          path: s.path,
        })),
      };
    }
    const alerts = yamlLinesMatching(facts, NON_FINITE_ALERT, /expr/).map(h =>
      textEvidence(h, 'Alert on non-finite values'),
    );
    // Monitor 5: guards earn half; an alert on non-finite values, or a
    // guarded training run that a pipeline or schedule executes (it fails
    // loudly on the first NaN), earns the full point.
    const runner = automationRunning(
      facts,
      guards.filter(g => trainingReach.has(g.source.path)).map(g => g.source),
    );
    const automation = alerts.length > 0 || runner ? 'automated' : 'manual';
    return {
      status: 'pass',
      summary: `Numerical-stability guards cover the ${covered.join(
        ' and ',
      )} code${
        missing.length > 0 ? `; the ${missing.join(' and ')} code has none` : ''
      }${alerts.length > 0 ? ', and non-finite outputs are alerted on' : ''}.`,
      evidence: [
        ...firstN(guards, 6).map(g =>
          lineEvidence(g.source, g.line, 'Numerical-stability guard'),
        ),
        ...firstN(config, 3),
        ...alerts,
      ],
      automation,
    };
  },
};

import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import type { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import {
  findCalls,
  hasKeyword,
  hasKwargsUnpacking,
  importsAny,
  candidateLines,
  projectImports,
} from './support';
import { someCodeLine } from '../../analysis/sourceText';

/** Appendix A SEED_CALL. */
const SEED_CALL =
  /np\.random\.seed\(|numpy\.random\.seed\(|np\.random\.default_rng\(\s*\w|(?<![\w.])random\.seed\(|torch\.manual_seed\(|torch\.cuda\.manual_seed(?:_all)?\(|tf\.random\.set_seed\(|(?:tf\.)?keras\.utils\.set_random_seed\(|(?:pl|L|lightning)\.seed_everything\(|\bseed_everything\(|transformers\.set_seed\(|\bset_seed\(|\bset_random_seed\(/;

/** Appendix A RNG_USE, minus calls that seed themselves. */
const RNG_USE =
  /np\.random\.(?!seed\(|default_rng\(|RandomState\(|Generator\()\w+\(|(?<![\w.])random\.(?:random|shuffle|choice|choices|sample|randint|uniform|gauss)\(|torch\.(?:rand|randn|randint|randperm|bernoulli|multinomial)\(|\bDropout\(|\bRandomSampler\(/;

/** sklearn randomised APIs (W5509). `KFold` only counts when it shuffles. */
const SKLEARN_RANDOM =
  /\b(?:train_test_split|StratifiedKFold|KFold|RepeatedKFold|RepeatedStratifiedKFold|StratifiedShuffleSplit|ShuffleSplit|RandomForest\w*|ExtraTrees\w*|HistGradientBoosting\w*|GradientBoosting\w*|MLP\w*|SGDClassifier|SGDRegressor|KMeans|MiniBatchKMeans|TSNE|RandomizedSearchCV|BaggingClassifier|BaggingRegressor|IsolationForest)/;

/** Configuration that seeds a Hydra / Lightning run (`seed: 42`, `seed_everything: 42`). */
const SEED_CONFIG =
  /^\s*(?:seed|random_seed|seed_everything|random_state)\s*:\s*\d+/m;
const CONFIG_LOADER =
  /@hydra\.main\b|\bLightningCLI\b|\bOmegaConf\b|\bcompose\(|\bseed\b/;

/** A call of one of {@link SKLEARN_RANDOM}: where the sklearn rule can match. */
const SKLEARN_CALL = new RegExp(`(?:${SKLEARN_RANDOM.source})\\(`);
const DATA_LOADER = /\bDataLoader\(/;

const DETERMINISTIC =
  /torch\.use_deterministic_algorithms\(\s*True|cudnn\.deterministic\s*=\s*True|enable_op_determinism\(|deterministic\s*=\s*True/;

const RANDOM_LIBRARIES =
  /^(?:numpy|torch|tensorflow|keras|sklearn|random|jax)$/;

interface ModuleScan {
  /** Uncontrolled RNG uses. */
  rng: Evidence[];
  seeds: Evidence[];
  /** sklearn APIs without random_state, DataLoaders without generator. */
  subFindings: Evidence[];
  deterministic: boolean;
  usesTorch: boolean;
}

const scanCache = new WeakMap<PythonSource, ModuleScan>();

function scan(source: PythonSource): ModuleScan {
  const cached = scanCache.get(source);
  if (cached) return cached;
  const result: ModuleScan = {
    rng: [],
    seeds: [],
    subFindings: [],
    deterministic: false,
    usesTorch: source.importedModules.has('torch'),
  };
  const sklearn = source.importedModules.has('sklearn');
  // Only lines where one of the rules below can match need reading.
  const lines = candidateLines(
    source,
    SEED_CALL,
    DETERMINISTIC,
    RNG_USE,
    sklearn ? SKLEARN_CALL : undefined,
    DATA_LOADER,
  );
  for (const l of lines) {
    const text = l.text;
    if (/^(?:async\s+)?def\s/.test(text)) continue;
    if (SEED_CALL.test(text)) {
      result.seeds.push(lineEvidence(source, l.line, 'Random seed set'));
    }
    if (DETERMINISTIC.test(text)) result.deterministic = true;
    const rng = RNG_USE.exec(text);
    if (rng) {
      result.rng.push(
        lineEvidence(
          source,
          l.line,
          `Random number use: ${rng[0].replace(/\($/, '(…)')}`,
        ),
      );
    }
    if (sklearn) {
      for (const call of findCalls(text, SKLEARN_RANDOM)) {
        if (/(?:optim|optimizers)\.$/.test(text.slice(0, call.index))) continue;
        if (/KFold$/.test(call.name) && !/\bshuffle\s*=\s*True/.test(call.args))
          continue;
        const seeded =
          hasKwargsUnpacking(call.args) ||
          (hasKeyword(call.args, /random_state|seed/) &&
            !/\brandom_state\s*=\s*None\b/.test(call.args));
        if (seeded) continue;
        const message = `${call.name}(…) without random_state (dslinter W5509)`;
        result.rng.push(lineEvidence(source, l.line, message));
        result.subFindings.push(lineEvidence(source, l.line, message));
      }
    }
    for (const call of findCalls(text, /\bDataLoader/)) {
      if (!/\bshuffle\s*=\s*True/.test(call.args)) continue;
      if (hasKeyword(call.args, /generator|worker_init_fn|sampler/)) continue;
      const message =
        'DataLoader(shuffle=True) without a seeded generator (dslinter W5512)';
      result.rng.push(lineEvidence(source, l.line, message));
      result.subFindings.push(lineEvidence(source, l.line, message));
    }
  }
  scanCache.set(source, result);
  return result;
}

/** The guard in blanked code, where `"__main__"` is `""`. */
const MAIN_GUARD_CODE = /^if\s+__name__\s*==\s*(["'])\s*\1\s*:/;

/**
 * Modules with an `if __name__ == "__main__":` guard. Matched on the blanked
 * code plus the original line, because the string `"__main__"` is blanked in
 * `code` (which the shared `entryModules` fact matches against).
 */
function mainGuardModules(facts: RepositoryFacts): PythonSource[] {
  return facts.productionSources.filter(
    s =>
      s.kind === 'python' &&
      s.code.some(
        (l, i) => MAIN_GUARD_CODE.test(l) && s.lines[i].includes('__main__'),
      ),
  );
}

/** pyproject `[project.scripts]` / `[tool.poetry.scripts]` targets, resolved to sources. */
function cliEntryModules(facts: RepositoryFacts): PythonSource[] {
  const modules: PythonSource[] = [];
  const byModule = new Map<string, PythonSource>();
  for (const s of facts.productionSources) {
    if (s.kind !== 'python') continue;
    const dotted = s.path.replace(/\.py$/, '').replace(/\//g, '.');
    byModule.set(dotted, s);
    byModule.set(dotted.replace(/^src\./, ''), s);
  }
  for (const manifest of facts.dependencyManifests) {
    const data = manifest.pyproject?.data;
    if (!data) continue;
    const scripts = {
      ...(data.project?.scripts ?? {}),
      ...(data.tool?.poetry?.scripts ?? {}),
    } as Record<string, unknown>;
    for (const target of Object.values(scripts)) {
      if (typeof target !== 'string') continue;
      const module = target.split(':')[0].trim();
      const source = byModule.get(module);
      if (source) modules.push(source);
    }
  }
  return modules;
}

/**
 * SML-01 — Randomness and determinism uncontrolled. Per entry module (a
 * `__main__` guard, `train*.py`, a pyproject script or a notebook) that uses
 * random numbers itself or through the project modules it imports (one
 * level), a seed must be reachable: in the module, in an imported project
 * util, or as `seed:` in a Hydra/Lightning config. Calls that seed
 * themselves (`random_state=42`, `generator=g`) are not uncontrolled.
 */
export const SML_01: MlDebtCheck = {
  id: 'SML-01',
  title: 'Randomness and determinism uncontrolled',
  category: 'code-smells',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['infra.1'],
  debtType: 'Reproducibility debt',
  appliesToExperimental: true,
  rationale:
    'Without a seed, two runs of the same training code on the same data give different models, so a regression cannot be told apart from noise and no result can be reproduced: "randomness uncontrolled" and "deterministic algorithm option not used" are ML-specific code smells (Zhang et al. 2022, #2 and #6; dslinter W5507–W5512), and the ML Test Score (Infra 1) requires that training be reproducible. Sculley et al. (2015, §8) list randomised algorithms among the causes of reproducibility debt.',
  references: [
    'Zhang et al. 2022, Code Smells for Machine Learning Applications, #2 Randomness uncontrolled, #6 Deterministic algorithm option not used',
    'dslinter rules W5507–W5512',
    'Breck et al. 2017, The ML Test Score, Infra 1',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 Reproducibility debt',
  ],
  remediation: [
    'Call one set_seed(cfg.seed) helper that seeds random, NumPy and your framework at the start of every entry point.',
    'Pass random_state=cfg.seed to every randomised scikit-learn splitter and estimator.',
    'Give every shuffling DataLoader a seeded torch.Generator (and a worker_init_fn when it uses workers).',
    'Add a CI reproducibility test that trains twice on a small subset and compares the results.',
  ],
  evaluate({ facts }) {
    const entries = new Map<string, PythonSource>();
    for (const s of [
      ...facts.entryModules,
      ...mainGuardModules(facts),
      ...cliEntryModules(facts),
    ]) {
      entries.set(s.path, s);
    }
    const seedConfig = facts.snapshot
      .glob([
        '**/params.yaml',
        '**/conf/**/*.{yml,yaml}',
        '**/configs/**/*.{yml,yaml}',
        '**/config*.{yml,yaml}',
      ])
      .map(f => ({ path: f.path, text: facts.snapshot.readText(f.path) ?? '' }))
      .find(f => !facts.isTest(f.path) && SEED_CONFIG.test(f.text));

    const failing: Evidence[] = [];
    const partial: Evidence[] = [];
    const advisory: Evidence[] = [];
    const seeded: Evidence[] = [];
    let relevant = 0;
    let points = 0;
    const reported = new Set<string>();
    for (const entry of entries.values()) {
      const imported = projectImports(facts, entry);
      const scope = [entry, ...imported];
      if (!scope.some(s => importsAny(s, RANDOM_LIBRARIES))) continue;
      const scans = scope.map(scan);
      const rng = scans.flatMap(s => s.rng);
      if (rng.length === 0) continue;
      relevant++;
      let seeds = scans.flatMap(s => s.seeds);
      if (
        seeds.length === 0 &&
        seedConfig &&
        scope.some(s => someCodeLine(s, CONFIG_LOADER))
      ) {
        const line =
          seedConfig.text.split(/\r?\n/).findIndex(l => SEED_CONFIG.test(l)) +
          1;
        seeds = [
          {
            message: 'Seed set in the run configuration',
            path: seedConfig.path,
            line,
            snippet: seedConfig.text.split(/\r?\n/)[line - 1]?.trim(),
          },
        ];
      }
      if (seeds.length === 0) {
        failing.push({
          ...rng[0],
          message: `${entry.path}: ${rng.length} random operation${
            rng.length === 1 ? '' : 's'
          } and no seed reachable from this entry point (${rng[0].message})`,
        });
        continue;
      }
      seeded.push({
        ...seeds[0],
        message: `${entry.path}: ${seeds[0].message}`,
      });
      const subs = scans
        .flatMap(s => s.subFindings)
        .filter(e => {
          const key = `${e.path}:${e.line}`;
          if (reported.has(key)) return false;
          reported.add(key);
          return true;
        });
      if (subs.length > 0) {
        partial.push(...subs);
        points += 50;
      } else {
        points += 100;
      }
      if (scans.some(s => s.usesTorch) && !scans.some(s => s.deterministic)) {
        advisory.push({
          message: `${entry.path}: torch.use_deterministic_algorithms(True) is not enabled (advisory, dslinter W5507)`,
          path: entry.path,
        });
      }
    }
    if (relevant === 0) {
      return {
        status: 'pass',
        summary:
          entries.size === 0
            ? 'No entry point uses random numbers (no __main__ module, train*.py or notebook found).'
            : 'No entry point uses uncontrolled random numbers.',
      };
    }
    const score = points / relevant;
    const evidence = [
      ...firstN(failing),
      ...firstN(partial),
      ...firstN(advisory, 3),
      ...firstN(seeded, 5),
    ];
    const advisoryNote =
      advisory.length > 0
        ? ' Deterministic algorithms are not enabled (advisory).'
        : '';
    if (failing.length === 0 && partial.length === 0) {
      return {
        status: 'pass',
        summary: `All ${relevant} entry point${
          relevant === 1 ? '' : 's'
        } using random numbers set a seed.${advisoryNote}`,
        evidence,
        automation: facts.findAutomation(/reproducib|determinis/i)
          ? 'automated'
          : 'manual',
      };
    }
    return {
      status: failing.length === relevant ? 'fail' : 'warn',
      score,
      summary:
        failing.length > 0
          ? `${failing.length} of ${relevant} entry point${
              relevant === 1 ? '' : 's'
            } ${
              failing.length === 1 ? 'uses' : 'use'
            } random numbers with no seed reachable${
              partial.length > 0
                ? `; ${partial.length} randomised call${
                    partial.length === 1 ? '' : 's'
                  } without their own seed`
                : ''
            }.${advisoryNote}`
          : `Seeds are set, but ${partial.length} randomised call${
              partial.length === 1 ? '' : 's'
            } lack random_state or a seeded generator.${advisoryNote}`,
      evidence,
    };
  },
};

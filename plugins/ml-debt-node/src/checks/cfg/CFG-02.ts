import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import {
  findCalls,
  hasKeyword,
  hasKwargsUnpacking,
  candidateLines,
  logicalText,
  positionalCount,
} from './support';
import { codeWords, testWithWords } from '../../analysis/sourceText';

/**
 * Estimators and optimisers with the hyperparameters that matter most
 * (dslinter's tables after Probst et al. 2019 and van Rijn & Hutter 2018).
 * A call that sets none of them, positionally or by keyword, runs on library
 * defaults.
 */
const KEY_PARAMS: Array<{
  callee: RegExp;
  params: RegExp;
  label: string;
  /** Leading positional arguments that are not hyperparameters (an optimiser's `params`). */
  leading?: number;
}> = [
  {
    callee: /\b(?:RandomForest|ExtraTrees)(?:Classifier|Regressor)/,
    params:
      /n_estimators|max_features|min_samples_leaf|max_depth|min_samples_split/,
    label: 'n_estimators / max_features / min_samples_leaf',
  },
  {
    callee: /\b(?:SVC|SVR|NuSVC|NuSVR)/,
    params: /C|kernel|gamma|nu/,
    label: 'C / kernel / gamma',
  },
  {
    callee:
      /\b(?:HistGradientBoosting|GradientBoosting|AdaBoost)(?:Classifier|Regressor)/,
    params: /learning_rate|n_estimators|max_iter|max_depth|max_leaf_nodes/,
    label: 'learning_rate / n_estimators',
  },
  {
    callee: /\bElasticNet/,
    params: /alpha|l1_ratio/,
    label: 'alpha / l1_ratio',
  },
  {
    callee: /\b(?:NearestNeighbors|KNeighbors(?:Classifier|Regressor))/,
    params: /n_neighbors|radius/,
    label: 'n_neighbors',
  },
  {
    callee: /\bDecisionTree(?:Classifier|Regressor)/,
    params: /ccp_alpha|max_depth|min_samples_leaf|max_leaf_nodes/,
    label: 'ccp_alpha / max_depth / min_samples_leaf',
  },
  {
    callee: /\b(?:XGB|LGBM|CatBoost)(?:Classifier|Regressor|Ranker)/,
    params:
      /learning_rate|eta|n_estimators|iterations|max_depth|depth|num_leaves/,
    label: 'learning_rate / n_estimators / max_depth',
  },
  {
    callee: /\b(?:torch\.)?optim\.SGD/,
    params: /lr/,
    label: 'lr',
    leading: 1,
  },
  {
    callee:
      /\b(?:tf\.)?keras\.optimizers\.(?:SGD|Adam|AdamW|RMSprop|Adagrad|Nadam)/,
    params: /learning_rate|lr/,
    label: 'learning_rate',
  },
];

/** Hyperparameter search or explicit tuning in the same module. */
const TUNED =
  /\b(?:GridSearchCV|RandomizedSearchCV|HalvingGridSearchCV|HalvingRandomSearchCV|BayesSearchCV|set_params|optuna|tune\.run|Tuner|hyperopt|fmin)\b|\btrial\.suggest_\w+\(/;

/** A deliberate default model: `baseline = RandomForestClassifier()`, `"dummy": SVC()`. */
const BASELINE =
  /(?:^|[^\w])\w*(?:baseline|dummy|default_model|reference_model)\w*\s*[=:]/i;

/** Each callee followed by its opening parenthesis: what `findCalls` finds. */
const CALLS = KEY_PARAMS.map(
  ({ callee }) => new RegExp(`(?:${callee.source})\\(`),
);

/**
 * CFG-02 — Key hyperparameters left at library defaults: dslinter R5506–R5508
 * over logical lines, so multi-line constructor calls are read whole. A call
 * that unpacks `**cfg`, passes positional arguments, sits in a module that
 * tunes hyperparameters (grid search, Optuna, `set_params`) or is named as a
 * baseline counts as explicit.
 */
export const CFG_02: MlDebtCheck = {
  id: 'CFG-02',
  title: 'Key hyperparameters left at library defaults',
  category: 'configuration',
  weight: 1,
  confidence: 'medium',
  mlTestScore: ['model.3'],
  debtType: 'Configuration debt',
  appliesToExperimental: true,
  rationale:
    'Library defaults are tuned for nobody\'s data and change between library versions, silently changing the model: "Hyperparameter not explicitly set" is one of the 22 ML-specific code smells of Zhang et al. (2022, #5), flagged by dslinter (R5506–R5508). Probst et al. (2019) show that the hyperparameters checked here are the ones whose tuning matters most, which is what the ML Test Score asks for in Model 3.',
  references: [
    'Zhang et al. 2022, Code Smells for Machine Learning Applications, #5 Hyperparameter not explicitly set',
    'dslinter rules R5506–R5508 (hyperparameters-scikitlearn, -tensorflow, -pytorch)',
    'Probst, Boulesteix & Bischl 2019, Tunability: Importance of Hyperparameters of Machine Learning Algorithms',
    'Breck et al. 2017, The ML Test Score, Model 3',
  ],
  remediation: [
    'Set the key hyperparameters of every estimator and optimiser explicitly, reading their values from your configuration.',
    'Tune them with a search (GridSearchCV, Optuna, Ray Tune) instead of trusting the defaults.',
    'Record the values used in your experiment tracker with every run.',
  ],
  evaluate({ facts }) {
    const findings: Evidence[] = [];
    let total = 0;
    let tunedModules = 0;
    for (const source of facts.mlModules) {
      // Only the estimators called somewhere in the module can be found on a line.
      const calls = candidateLines(source, ...CALLS);
      const present = KEY_PARAMS.filter((_, i) =>
        calls.some(l => CALLS[i].test(l.text)),
      );
      if (present.length === 0) continue;
      // TUNED cannot match across the line breaks between logical lines.
      const tuned = testWithWords(
        TUNED,
        logicalText(source),
        codeWords(source),
      );
      let constructed = 0;
      for (const l of calls) {
        for (const { callee, params, label, leading = 0 } of present) {
          for (const call of findCalls(l.text, callee)) {
            total++;
            constructed++;
            const explicit =
              hasKwargsUnpacking(call.args) ||
              positionalCount(call.args) > leading ||
              hasKeyword(call.args, params);
            if (explicit || tuned) continue;
            if (BASELINE.test(l.text.slice(0, call.index))) continue;
            findings.push(
              lineEvidence(
                source,
                l.line,
                `${call.name}(…) leaves ${label} at the library default`,
              ),
            );
          }
        }
      }
      if (tuned && constructed > 0) tunedModules++;
    }
    if (facts.mlModules.length === 0) {
      return {
        status: 'not-applicable',
        summary: 'No ML code (no module imports an ML library).',
      };
    }
    if (total === 0) {
      return {
        status: 'pass',
        summary:
          'No estimator or optimiser whose key hyperparameters are known to matter is constructed with defaults.',
      };
    }
    const explicit = total - findings.length;
    const score = (100 * explicit) / total;
    const tunedNote =
      tunedModules > 0
        ? ` ${tunedModules} module${
            tunedModules === 1 ? '' : 's'
          } tune hyperparameters with a search.`
        : '';
    if (findings.length === 0) {
      return {
        status: 'pass',
        score: 100,
        summary: `All ${total} estimator/optimiser construction${
          total === 1 ? '' : 's'
        } set their key hyperparameters.${tunedNote}`,
      };
    }
    return {
      // Mostly defaults fails; a minority of default constructions is partial.
      status: score < 50 ? 'fail' : 'warn',
      score,
      summary: `${
        findings.length
      } of ${total} estimator/optimiser construction${
        total === 1 ? '' : 's'
      } leave key hyperparameters at library defaults.${tunedNote}`,
      evidence: firstN(findings),
    };
  },
};

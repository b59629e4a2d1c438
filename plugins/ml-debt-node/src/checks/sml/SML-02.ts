import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import { candidateLines, findCalls } from './support';

const PREPROCESSOR =
  /\b(?:StandardScaler|MinMaxScaler|RobustScaler|MaxAbsScaler|Normalizer|OneHotEncoder|OrdinalEncoder|LabelEncoder|SimpleImputer|KNNImputer|PCA|TruncatedSVD|SelectKBest|VarianceThreshold|TfidfVectorizer|CountVectorizer|PolynomialFeatures)/;
const PIPELINE =
  /\b(?:Pipeline|make_pipeline|ColumnTransformer|make_column_transformer)\(/;
const SCALING_SENSITIVE =
  /\b(?:SVC|SVR|LinearSVC|LinearSVR|KNeighbors\w+|MLP\w+|SGDClassifier|SGDRegressor|PCA)\(/;
const SCALER =
  /\b(?:StandardScaler|MinMaxScaler|RobustScaler|MaxAbsScaler|Normalizer|QuantileTransformer|PowerTransformer|TfidfVectorizer)\(|\b(?:preprocessing\.)?(?:scale|normalize|minmax_scale|robust_scale)\(/;

/** Where the rules below can match, for {@link candidateLines}. */
const FIT_CALL = /\.fit(?:_transform)?\(/;
const PREPROCESSOR_CALL = new RegExp(`(?:${PREPROCESSOR.source})\\(`);
const FIT_TRANSFORM = /\.fit_transform\(/;
const SPLIT = /\btrain_test_split\(/;

interface ModuleFindings {
  leakage: Evidence[];
  scaling: Evidence[];
}

function analyse(source: PythonSource): ModuleFindings {
  const leakage: Evidence[] = [];
  const scaling: Evidence[] = [];
  // Every line a rule below can match, found in one pass; each rule tests
  // the lines again with its own pattern.
  const lines = candidateLines(
    source,
    PIPELINE,
    PREPROCESSOR,
    FIT_CALL,
    PREPROCESSOR_CALL,
    FIT_TRANSFORM,
    SPLIT,
    SCALER,
    SCALING_SENSITIVE,
  );
  const usesPipeline = lines.some(l => PIPELINE.test(l.text));

  // (a) dslinter W5518: a preprocessor fitted outside a Pipeline, next to an estimator fit.
  if (!usesPipeline) {
    const preprocessors = new Set<string>();
    // A preprocessor assignment names a PREPROCESSOR class on its line.
    for (const l of lines) {
      const m = /^(\w+)\s*=\s*(?:[\w.]+\.)?(\w+)\(/.exec(l.text);
      if (m && PREPROCESSOR.test(m[2])) preprocessors.add(m[1]);
    }
    let estimatorFit = false;
    const fitted: Array<{ line: number; name: string; args: string }> = [];
    for (const l of lines) {
      for (const call of findCalls(l.text, /\b[\w.]+\.(?:fit_transform|fit)/)) {
        const owner = call.name.replace(/\.(?:fit_transform|fit)$/, '');
        const inline = PREPROCESSOR.test(owner);
        const ownerName = owner.split('.').pop()!;
        if (preprocessors.has(ownerName) || inline) {
          fitted.push({ line: l.line, name: ownerName, args: call.args });
        } else if (call.name.endsWith('.fit')) {
          estimatorFit = true;
        }
      }
      // `StandardScaler().fit_transform(X)` chained on the constructor.
      for (const call of findCalls(l.text, PREPROCESSOR)) {
        const after = l.text.slice(
          call.index + call.name.length + call.args.length + 2,
        );
        if (/^\.fit(?:_transform)?\(/.test(after)) {
          const args = findCalls(after, /\.fit(?:_transform)?/)[0]?.args ?? '';
          fitted.push({ line: l.line, name: call.name, args });
        }
      }
    }
    if (estimatorFit) {
      for (const f of fitted) {
        // Refinement: fitting on training data only is the correct pattern.
        if (/train/i.test(f.args) || /train/i.test(f.name)) continue;
        leakage.push(
          lineEvidence(
            source,
            f.line,
            `${f.name} is fitted on data that is not the training split, outside a Pipeline (dslinter W5518)`,
          ),
        );
      }
    }
  }

  // (b) fit_transform before the train/test split.
  const firstFitTransform = lines.find(l => FIT_TRANSFORM.test(l.text));
  const firstSplit = lines.find(l => SPLIT.test(l.text));
  if (
    firstFitTransform &&
    firstSplit &&
    firstFitTransform.line < firstSplit.line &&
    !leakage.some(e => e.line === firstFitTransform.line)
  ) {
    leakage.push(
      lineEvidence(
        source,
        firstFitTransform.line,
        `fit_transform runs before train_test_split (line ${firstSplit.line}): the test split is seen during fitting`,
      ),
    );
  }

  // (c) dslinter W5505: scaling-sensitive estimator with no scaler in the module.
  if (!lines.some(l => SCALER.test(l.text))) {
    const sensitive = lines.find(
      l =>
        SCALING_SENSITIVE.test(l.text) &&
        !/(?:optim|optimizers)\.SGD\w*\(/.test(l.text),
    );
    if (sensitive) {
      const name = SCALING_SENSITIVE.exec(sensitive.text)![0].slice(0, -1);
      scaling.push(
        lineEvidence(
          source,
          sensitive.line,
          `${name} is scale-sensitive but no scaler is used in this module (dslinter W5505)`,
        ),
      );
    }
  }
  return { leakage, scaling };
}

/**
 * SML-02 — Data leakage: preprocessing fitted outside a Pipeline on data that
 * is not the training split (W5518), `fit_transform` before the split, and
 * scale-sensitive estimators without a scaler (W5505). Low confidence:
 * advisory, half weight, never blocking.
 */
export const SML_02: MlDebtCheck = {
  id: 'SML-02',
  title:
    'Possible data leakage: preprocessing outside a Pipeline, fitted before the split, or no scaler',
  category: 'code-smells',
  weight: 2,
  confidence: 'low',
  mlTestScore: ['infra.4', 'model.6'],
  debtType: 'Data testing debt',
  appliesToExperimental: true,
  rationale:
    'A scaler, encoder or feature selector fitted on the whole dataset lets test-set statistics leak into training, so offline metrics overstate real performance and every comparison built on them (ML Test Score Infra 4, Model 6) is invalid. Zhang et al. (2022, #11 and #22) list data leakage and missing scaling among ML-specific code smells; dslinter flags them as W5518 and W5505. This heuristic reads call order, not data flow, so it is advisory.',
  references: [
    'Zhang et al. 2022, Code Smells for Machine Learning Applications, #11 Data leakage, #22 No scaling before scaling-sensitive operation',
    'dslinter rules W5518 (pipeline-not-used-scikitlearn) and W5505 (scaler-missing-scikitlearn)',
    'Breck et al. 2017, The ML Test Score, Infra 4 and Model 6',
  ],
  remediation: [
    'Wrap preprocessing and the model in one scikit-learn Pipeline (with a ColumnTransformer for mixed columns).',
    'Split the data into train and test sets before fitting any preprocessing step.',
    'Cross-validate the whole pipeline, so each fold fits its preprocessing on its own training part.',
    'Add a unit test that fails when a preprocessing step is fitted on test rows.',
  ],
  evaluate({ facts }) {
    const modules = facts.mlModules.filter(s =>
      s.importedModules.has('sklearn'),
    );
    if (modules.length === 0) {
      return {
        status: 'not-applicable',
        summary: 'No scikit-learn code to check for leakage.',
      };
    }
    const leakage: Evidence[] = [];
    const scaling: Evidence[] = [];
    let points = 0;
    for (const source of modules) {
      const found = analyse(source);
      leakage.push(...found.leakage);
      scaling.push(...found.scaling);
      if (found.leakage.length === 0) {
        points += found.scaling.length > 0 ? 50 : 100;
      }
    }
    const score = points / modules.length;
    if (leakage.length === 0 && scaling.length === 0) {
      return {
        status: 'pass',
        summary: `No leakage pattern in ${modules.length} scikit-learn module${
          modules.length === 1 ? '' : 's'
        }.`,
      };
    }
    return {
      status: leakage.length > 0 ? 'fail' : 'warn',
      score,
      summary:
        leakage.length > 0
          ? `${leakage.length} possible leakage point${
              leakage.length === 1 ? '' : 's'
            }: preprocessing fitted outside a Pipeline or before the train/test split (advisory).`
          : `${scaling.length} scale-sensitive estimator${
              scaling.length === 1 ? '' : 's'
            } used without a scaler (advisory).`,
      evidence: [...firstN(leakage), ...firstN(scaling, 5)],
    };
  },
};

import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import {
  automationInvoking,
  detectServing,
  hasServing,
  projectImports,
} from './support';
import {
  candidateCodeLines,
  findCodeLines,
  someCodeLine,
} from '../../analysis/sourceText';

/** Transform functions whose duplication between training and serving is the skew risk (§7.2 OPS-05). */
const TRANSFORM_DEF =
  /^\s*(?:async\s+)?def\s+(\w*(?:preprocess|transform|featur|clean|encode|normali[sz]e)\w*)\s*\(/i;
const FEATURE_MODULE =
  /(?:^|\/)(?:features?|featuri[sz]\w*|preprocess\w*|transform\w*|prepare\w*|clean\w*|feature_\w+)\.py$/i;
const PIPELINE_OBJECT =
  /\b(?:Pipeline|make_pipeline|ColumnTransformer|make_column_transformer)\(/;
const PERSIST =
  /\b(?:joblib|pickle|cloudpickle|dill|skops\.io)\.dump\(|\bmlflow\.\w+\.(?:log|save)_model\(|\.save_model\(|\bsave_pretrained\(/;
const PYFUNC = /\bclass\s+\w+\(\s*(?:mlflow\.pyfunc\.)?PythonModel\s*\)/;
const KERAS_PREPROCESSING =
  /\blayers\.(?:Normalization|TextVectorization|StringLookup|IntegerLookup|Discretization|CategoryEncoding|Hashing)\(/;
const SKEW_JOB = /skew/i;
const HISTORICAL_FEATURES = /\.get_historical_features\(/;
const ONLINE_FEATURES = /\.get_online_features\(/;
/** Where TRANSFORM_DEF may match, unanchored for a whole-source scan. */
const DEF = /\bdef\s/i;

const definitionCache = new WeakMap<
  PythonSource,
  Array<{ name: string; line: number }>
>();

/** The public transform functions a source defines (TRANSFORM_DEF), once per source. */
function transformDefinitions(
  source: PythonSource,
): Array<{ name: string; line: number }> {
  let found = definitionCache.get(source);
  if (!found) {
    found = [];
    for (const i of candidateCodeLines(source, DEF)) {
      const name = TRANSFORM_DEF.exec(source.code[i])?.[1];
      if (name !== undefined && !name.startsWith('_'))
        found.push({ name, line: i + 1 });
    }
    definitionCache.set(source, found);
  }
  return found;
}

/** The smaller of two line indexes, -1 meaning none. */
function firstOf(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}
const TRAINING_PATH = /(?:^|\/)[^/]*train[^/]*\.(?:py|ipynb)$/i;
const TRAINING_CODE =
  /\.fit\(|\.fit_transform\(|\bTrainer\(|\boptimizer\.step\(|\btrain_test_split\(|\.train\(\s*\w|\bxgb\.train\(|\blgb\.train\(/;
const FEATURE_SERVICE = /feature/i;

/**
 * The project modules `roots` import, transitively (roots included), leaving
 * out `exclude`. Each file is visited once.
 */
function importClosure(
  facts: RepositoryFacts,
  roots: readonly PythonSource[],
  exclude: ReadonlySet<string>,
): Map<string, PythonSource> {
  const seen = new Map<string, PythonSource>(roots.map(s => [s.path, s]));
  const queue = [...roots];
  while (queue.length > 0) {
    const source = queue.pop()!;
    for (const imp of projectImports(facts, source)) {
      if (seen.has(imp.path) || exclude.has(imp.path)) continue;
      const target = facts.python(imp.path);
      if (!target || target.isTest) continue;
      seen.set(imp.path, target);
      queue.push(target);
    }
  }
  return seen;
}

/**
 * OPS-05 — Training/serving skew risk: transforms duplicated between training
 * and serving, no shared feature code (Breck Monitor 3). Low confidence:
 * advisory.
 */
export const OPS_05: MlDebtCheck = {
  id: 'OPS-05',
  title: 'Feature transforms are duplicated between training and serving',
  category: 'operations',
  weight: 3,
  confidence: 'low',
  mlTestScore: ['monitor.3'],
  debtType: 'Glue code; pipeline jungles',
  appliesToExperimental: false,
  rationale:
    'When serving re-implements the feature code that training used, the two copies drift apart (a default value, a unit, a category mapping) and the model receives inputs it never saw in training, with no error raised anywhere. Breck et al. call training/serving skew "perhaps the most important and least implemented test" (Monitor 3); sharing one feature module, persisting the preprocessing with the model, or using a feature store removes the second copy, and Sculley et al. trace the copies to glue code and pipeline jungles.',
  references: [
    'Breck et al. 2017, The ML Test Score, Monitor 3',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §5 (glue code, pipeline jungles)',
    'Feast documentation: get_historical_features and get_online_features',
  ],
  remediation: [
    'Move the feature transforms into one module that both the training pipeline and the serving code import, or persist them with the model (an sklearn Pipeline, an MLflow pyfunc, Keras preprocessing layers, tf.Transform).',
    'If features come from a feature store, read them with the same feature views for training (get_historical_features) and serving (get_online_features).',
    'Log the features the service computes (MON-03) and recompute them with the training code in a scheduled skew check that alerts on divergence.',
  ],
  evaluate({ facts, relatedEntities }) {
    const serving = detectServing(facts);
    if (!hasServing(serving) || serving.modules.length === 0)
      return {
        status: 'not-applicable',
        summary:
          'No serving code in this repository (no serving module); there is no second copy of the features to compare.',
      };
    const servingPaths = new Set(serving.modules.map(s => s.path));
    // Training side: code that fits a model, and the project modules it imports.
    const trainers = facts.productionSources.filter(
      s =>
        !servingPaths.has(s.path) &&
        (TRAINING_PATH.test(s.path) || someCodeLine(s, TRAINING_CODE)),
    );
    if (trainers.length === 0)
      return {
        status: 'not-applicable',
        summary:
          'The repository holds serving code but no training code; training happens elsewhere, so skew cannot be judged here.',
      };
    const trainingSide = importClosure(facts, trainers, servingPaths);
    const servingSide = importClosure(facts, serving.modules, new Set());

    // Transform functions defined on each side.
    const definitions = transformDefinitions;
    const trainingDefs = new Map<
      string,
      { source: PythonSource; line: number }
    >();
    for (const source of trainingSide.values())
      for (const d of definitions(source))
        if (!trainingDefs.has(d.name))
          trainingDefs.set(d.name, { source, line: d.line });

    const duplicates: Evidence[] = [];
    const shared: Evidence[] = [];
    for (const source of serving.modules) {
      for (const d of definitions(source)) {
        const twin = trainingDefs.get(d.name);
        // "Without importing them": a training module the serving side imports is shared, not a copy.
        if (!twin || servingSide.has(twin.source.path)) continue;
        duplicates.push(
          lineEvidence(source, d.line, `Serving defines ${d.name}() itself`),
          lineEvidence(
            twin.source,
            twin.line,
            `Training defines its own ${d.name}()`,
          ),
        );
      }
    }
    // Feature code both sides reach through their imports (directly or via a model/data module).
    for (const [path, source] of servingSide) {
      if (servingPaths.has(path) || !trainingSide.has(path)) continue;
      if (FEATURE_MODULE.test(path) || definitions(source).length > 0)
        shared.push({
          message: `Training and serving both import the feature code in ${path}`,
          path,
          line: definitions(source)[0]?.line,
        });
    }
    if (duplicates.length > 0) {
      return {
        status: 'fail',
        summary: `Serving re-implements ${
          duplicates.length / 2
        } feature transform(s) that training defines separately; the copies can drift apart.`,
        evidence: firstN(duplicates, 10),
      };
    }

    // Preprocessing persisted with the model, or one feature store for both sides.
    const persisted: Evidence[] = [];
    let historical: Evidence | undefined;
    let online: Evidence | undefined;
    for (const source of facts.productionSources) {
      const [pipe, persist, pyfunc, keras, h, o] = findCodeLines(source, [
        PIPELINE_OBJECT,
        PERSIST,
        PYFUNC,
        KERAS_PREPROCESSING,
        HISTORICAL_FEATURES,
        ONLINE_FEATURES,
      ]);
      if (!servingPaths.has(source.path) && pipe >= 0 && persist >= 0)
        persisted.push(
          lineEvidence(
            source,
            pipe + 1,
            'Preprocessing is persisted with the model (Pipeline)',
          ),
        );
      const other = firstOf(pyfunc, keras);
      if (other >= 0)
        persisted.push(
          lineEvidence(
            source,
            other + 1,
            'Preprocessing is part of the saved model',
          ),
        );
      const tft = source.imports.find(i =>
        i.module.startsWith('tensorflow_transform'),
      );
      if (tft)
        persisted.push(
          lineEvidence(source, tft.line, 'tf.Transform preprocessing graph'),
        );
      if (h >= 0)
        historical ??= lineEvidence(
          source,
          h + 1,
          'Training reads features from the feature store',
        );
      if (o >= 0)
        online ??= lineEvidence(
          source,
          o + 1,
          'Serving reads the same features online',
        );
    }
    const featureStore =
      historical &&
      online &&
      facts.snapshot.glob('**/feature_store.y{a,}ml').length > 0
        ? [historical, online]
        : [];

    const upstream = relatedEntities.filter(
      e =>
        e.kind.toLowerCase() !== 'group' &&
        FEATURE_SERVICE.test(`${e.metadata.name} ${e.spec?.type ?? ''}`),
    );
    const good = [...shared, ...persisted, ...featureStore];
    if (good.length > 0 || upstream.length > 0) {
      const skewJob = facts.findAutomation(SKEW_JOB);
      const skewScripts = facts.productionSources
        .filter(s => SKEW_JOB.test(s.path))
        .map(s => s.path);
      const automated =
        Boolean(skewJob) || automationInvoking(facts, skewScripts).length > 0;
      const evidence: Evidence[] = [
        ...firstN(good, 5),
        ...upstream.map(e => ({
          message: 'Features come from a declared upstream feature service',
          path: `${e.kind.toLowerCase()}:${e.metadata.name}`,
        })),
      ];
      return {
        status: 'pass',
        summary:
          good.length > 0
            ? `Training and serving share their feature code (${good[0].message.toLowerCase()}).`
            : 'Serving receives precomputed features from a declared upstream feature service.',
        evidence,
        automation: automated ? 'automated' : 'manual',
      };
    }
    return {
      status: 'warn',
      score: 50,
      summary:
        'No shared feature module, persisted preprocessing pipeline or feature store links training and serving; skew cannot be ruled out.',
      evidence: serving.modules.map(s => ({
        message: 'Serving module',
        path: s.path,
      })),
    };
  },
};

import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { candidateCodeLines } from '../../analysis/sourceText';
import { CheckContext, MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN, lineEvidence } from '../support';

/** `<receiver>.fit(`, `trainer.fit(`, `xgb.train(`, `trainer.train(`, `optimizer.step()`. */
const FIT_CALL =
  /(?:\b([A-Za-z_][\w.]{0,80}?)|(\)))\.fit\(|\b(?:xgb|xgboost|lgb|lightgbm)\.train\(|\btrainer\.train\(|\b(?:\w*optim\w*|opt)\.step\(\s*\)/;

/** Receivers that are preprocessors, not models (the brief's `scaler.fit` guard). */
const PREPROCESSOR =
  /(?:scaler|encoder|vectori[sz]er|imputer|transformer|tokeni[sz]er|normali[sz]er|binari[sz]er|discreti[sz]er|selector|preprocess\w*|featuri[sz]er|pca|svd|tfidf|ohe|kbins|poly\w*|label_?enc\w*)$/i;
/** `StandardScaler().fit(`: the class constructed just before `.fit(`. */
const PREPROCESSOR_CLASS =
  /\b(?:\w*Scaler|\w*Encoder|\w*Vectori[sz]er|\w*Imputer|\w*Transformer|PCA|TruncatedSVD|Normalizer|Binarizer|KBinsDiscretizer|PolynomialFeatures|Select\w+|VarianceThreshold)\([^()]{0,200}\)\.fit\(/;

/** Every way a model reaches disk, a registry or a hub. */
const PERSIST =
  /\b(?:joblib|pickle|cloudpickle|dill|skops\.io|sio)\.dumps?\(|\btorch\.(?:jit\.)?save\(|\.save_model\(|\bsave_model\(|\.save_pretrained\(|\.save_weights\(|\.save_checkpoint\(|\.dump_model\(|\bmlflow\.\w+\.log_model\(|\bmlflow\.register_model\(|\bregistered_model_name\s*=|\bwandb\.(?:log_model|Artifact)\(|\bbentoml\.\w+\.save_model\(|\.push_to_hub\(|\bonnx\.save(?:_model)?\(|\btf\.saved_model\.save\(|\bModelCheckpoint\(|\bmlflow\.(?:\w+\.)?autolog\(/;
/** `<receiver>.save(` of a model; saving arrays, figures or frames does not count. */
const SAVE_CALL = /\b([A-Za-z_][\w.]{0,80})\.save\(/;
const SAVE_DOT = /\.save\(/;
/** A bare `dump(`, imported from joblib or pickle. */
const DUMP = /(?<![\w.])dump\(/;
const NOT_A_MODEL =
  /^(?:np|numpy|plt|fig|figure|img|image|im|df|session|db|doc|wb|workbook|writer|book|config|cfg|settings)$/i;
/** Lightning's Trainer checkpoints by default unless told otherwise. */
const LIGHTNING_TRAINER = /\b(?:pl|L|lightning|pytorch_lightning)\.Trainer\(/;
/** `dvc.yaml` outs or `.dvc` files that track a model artefact. */
const MODEL_ARTEFACT =
  /model|\.(?:pkl|pickle|joblib|pt|pth|onnx|h5|keras|ckpt|safetensors|ubj|cbm|bst)$/i;

/** Exploratory code: notebooks under notebooks/, and anything under examples/ or docs/. */
function isExploratory(source: PythonSource): boolean {
  if (/(?:^|\/)(?:examples?|docs?)\//.test(source.path)) return true;
  return source.kind === 'notebook' && /(?:^|\/)notebooks?\//.test(source.path);
}

/** Lines FIT_CALL may match: its open-ended receiver is slow to scan for. */
const FIT_CANDIDATE = /\.(?:fit|train|step)\(/;

function trainingLines(source: PythonSource): number[] {
  const lines: number[] = [];
  for (const i of candidateCodeLines(source, FIT_CANDIDATE)) {
    const code = source.code[i];
    const m = FIT_CALL.exec(code);
    if (!m) continue;
    const receiver = m[1]?.split('.').pop() ?? '';
    if (
      m[0].endsWith('.fit(') &&
      (PREPROCESSOR.test(receiver) || PREPROCESSOR_CLASS.test(code))
    )
      continue;
    lines.push(i + 1);
  }
  return lines;
}

function persistenceLine(source: PythonSource): number | undefined {
  const dumpImported = source.imports.some(
    imp =>
      /^(?:joblib|pickle|cloudpickle|dill|skops\.io)$/.test(imp.module) &&
      imp.names.includes('dump'),
  );
  // Only lines where one of the rules below can match need reading.
  const lines = candidateCodeLines(
    source,
    PERSIST,
    SAVE_DOT,
    dumpImported ? DUMP : undefined,
    LIGHTNING_TRAINER,
  );
  for (const i of lines) {
    const code = source.code[i];
    if (PERSIST.test(code)) {
      if (/autolog\(/.test(code) && /log_models\s*=\s*False/.test(code))
        continue;
      return i + 1;
    }
    const save = code.includes('.save(') ? SAVE_CALL.exec(code) : null;
    if (save && !NOT_A_MODEL.test(save[1].split('.').pop()!)) return i + 1;
    if (dumpImported && DUMP.test(code)) return i + 1;
    if (
      LIGHTNING_TRAINER.test(code) &&
      !/enable_checkpointing\s*=\s*False/.test(code)
    )
      return i + 1;
  }
  return undefined;
}

/** Model files declared as DVC outputs or tracked by `.dvc` files. */
function dvcModelOutputs(ctx: CheckContext): Evidence[] {
  const evidence: Evidence[] = [];
  for (const file of ctx.snapshot.glob('**/dvc.yaml')) {
    for (const doc of ctx.facts.yaml(file.path)) {
      const stages =
        (doc as { stages?: Record<string, { outs?: unknown[] }> })?.stages ??
        {};
      for (const [name, stage] of Object.entries(stages)) {
        for (const out of Array.isArray(stage?.outs) ? stage.outs : []) {
          const outPath =
            typeof out === 'string'
              ? out
              : Object.keys((out as object) ?? {})[0];
          if (outPath && MODEL_ARTEFACT.test(outPath)) {
            evidence.push({
              message: `DVC stage "${name}" outputs the model ${outPath}.`,
              path: file.path,
              snippet: outPath,
            });
          }
        }
      }
    }
  }
  for (const file of ctx.snapshot.glob('**/*.dvc')) {
    if (MODEL_ARTEFACT.test(file.path.replace(/\.dvc$/, ''))) {
      evidence.push(
        fileEvidence(file.path, 'A model artefact is tracked by DVC.'),
      );
    }
  }
  return evidence;
}

/**
 * MDL-01 — Trained model is never persisted. Training code (`.fit(`,
 * `xgb.train(`, a Lightning or Hugging Face trainer, a PyTorch loop) with no
 * save, dump, log or registration of a model anywhere in the repository. A
 * training function that returns the model to another module that persists
 * it passes, since persistence is looked for repository-wide.
 */
export const MDL_01: MlDebtCheck = {
  id: 'MDL-01',
  title: 'Trained model is never persisted',
  category: 'versioning',
  weight: 3,
  confidence: 'medium',
  mlTestScore: [],
  debtType: 'Reproducibility debt',
  appliesToExperimental: true,
  rationale:
    'A model that is trained but never saved exists only in the memory of the process that trained it: it cannot be versioned, evaluated again, rolled back or served by another process, and every restart retrains it on whatever data is there at that moment. Sculley et al. (2015, §8) call this reproducibility debt; Breck et al. (2017, Infra 4 and Infra 7) assume a stored model that can be validated before serving and rolled back after.',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 (reproducibility debt)',
    'Breck et al. 2017, The ML Test Score, Infra 4 and Infra 7',
    'scikit-learn user guide, Model persistence (joblib, skops, ONNX)',
    'MLflow Models and Model Registry',
  ],
  remediation: [
    'Save the trained model at the end of training, with joblib.dump or skops.io.dump for scikit-learn, torch.save of the state_dict for PyTorch, or model.save_model for XGBoost and LightGBM.',
    'Log the model to an experiment tracker or registry (mlflow.<flavor>.log_model with registered_model_name) together with the git SHA, data version, parameters and metrics.',
    'Load the saved model in the serving process instead of training at start-up, so the served model is the one that was evaluated.',
  ],
  evaluate(ctx) {
    const { facts } = ctx;
    const training: Evidence[] = [];
    let persisted: Evidence | undefined;
    for (const source of facts.productionSources) {
      const line = persistenceLine(source);
      if (line && !persisted)
        persisted = lineEvidence(source, line, 'The model is persisted here.');
      if (isExploratory(source)) continue;
      for (const l of trainingLines(source))
        training.push(lineEvidence(source, l, 'Trains a model.'));
    }
    if (training.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No model training code was found (test code, exploratory notebooks and preprocessor fits do not count).',
      };
    }
    const dvc = persisted ? [] : dvcModelOutputs(ctx);
    if (persisted || dvc.length > 0) {
      return {
        status: 'pass',
        summary: `The trained model is persisted (${
          persisted ? `${persisted.path}:${persisted.line}` : dvc[0].path
        }).`,
        evidence: [...(persisted ? [persisted] : dvc), ...firstN(training, 3)],
      };
    }
    return {
      status: 'fail',
      summary: `A model is trained in ${training.length} place(s) but never saved, logged or registered anywhere in the repository.`,
      evidence: firstN(training, 10),
    };
  },
};

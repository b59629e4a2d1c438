import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import { findCalls, logicalLines } from './support';

/** Inference code by name: `inference.py`, `predict_batch.py`, `serving/…`, `handler.py`. */
const INFERENCE_PATH =
  /(?:^|\/)(?:[^/]*(?:infer|predict|serve|serving|scor(?:e|ing)|handler)[^/]*\.py|(?:inference|serving|serve|predict)\/[^/]+\.py)$/i;

/** Loaders that execute code from the artefact unless told otherwise (Bandit B301/B403/B506/B614). */
const LOADERS: Array<{
  callee: RegExp;
  safe?: RegExp;
  unsafeOnly?: RegExp;
  label: string;
}> = [
  {
    callee: /(?<![\w.])(?:c?pickle|cloudpickle|dill)\.loads?/,
    label: 'pickle-family load',
  },
  {
    callee: /(?<![\w.])(?:joblib|sklearn\.externals\.joblib)\.load/,
    label: 'joblib.load (pickle)',
  },
  {
    callee: /\b(?:pd|pandas)\.read_pickle/,
    label: 'pandas.read_pickle (pickle)',
  },
  {
    callee: /\btorch\.load/,
    safe: /\bweights_only\s*=\s*True\b/,
    label: 'torch.load without weights_only=True',
  },
  {
    callee: /\b(?:np|numpy)\.load/,
    unsafeOnly: /\ballow_pickle\s*=\s*True\b/,
    label: 'np.load(allow_pickle=True)',
  },
  {
    callee: /\b(?:[\w.]*\.)?load_model/,
    unsafeOnly: /\bsafe_mode\s*=\s*False\b/,
    label: 'load_model(safe_mode=False)',
  },
  {
    callee: /\byaml\.load(?:_all)?/,
    safe: /\bLoader\s*=\s*(?:yaml\.)?C?SafeLoader\b|,\s*(?:yaml\.)?C?SafeLoader\s*$/,
    label: 'yaml.load without SafeLoader',
  },
];

/** Hash or signature verification of the artefact before it is loaded. */
const VERIFIED =
  /\bhashlib\.(?:sha256|sha512|sha3_256|blake2b|file_digest)\(|\bhmac\.compare_digest\(|\bverify_(?:hash|checksum|digest|signature|artifact|artefact)\w*\(|\bexpected_(?:sha256|hash|digest|checksum)\b/;

function inferenceModules(
  serving: PythonSource[],
  production: PythonSource[],
): PythonSource[] {
  const byPath = new Map(serving.map(s => [s.path, s]));
  for (const s of production) {
    if (s.kind === 'python' && INFERENCE_PATH.test(s.path))
      byPath.set(s.path, s);
  }
  return [...byPath.values()];
}

/**
 * SML-06 — Unsafe model deserialisation in serving/inference code: pickle,
 * joblib, dill, `torch.load` without `weights_only=True`, `np.load` with
 * pickles, Keras `safe_mode=False` and `yaml.load` without SafeLoader.
 * Arguments are read as balanced call text, so keyword arguments after
 * nested calls (`torch.load(os.path.join(d, f), weights_only=True)`) count.
 * A module that verifies the artefact's hash before loading is accepted.
 */
export const SML_06: MlDebtCheck = {
  id: 'SML-06',
  title: 'Unsafe model deserialisation in serving code',
  category: 'code-smells',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['infra.6'],
  debtType: 'Security (plain-old-data type smell)',
  appliesToExperimental: true,
  rationale:
    "Unpickling runs arbitrary code from the file, so whoever can replace a model artefact in a bucket or registry can execute code inside the serving process: Bandit, part of mllint's code-quality linters, flags these loaders as B301/B403/B506. Serving is where a tampered artefact does the most damage, and a safe, verifiable artefact format is part of a safe rollout (ML Test Score Infra 6).",
  references: [
    'Bandit rules B301 (pickle), B403 (import pickle), B506 (yaml.load), B614 (torch.load)',
    'mllint code-quality linters (Bandit)',
    'PyTorch documentation, torch.load weights_only',
    'Breck et al. 2017, The ML Test Score, Infra 6',
  ],
  remediation: [
    'Save and load models in a format that cannot execute code: safetensors, ONNX or skops.',
    'When PyTorch checkpoints cannot be avoided, load them with torch.load(path, weights_only=True).',
    "Verify the artefact's hash against the value recorded in the model registry before loading it.",
    'Run Bandit (rules B301 and B403) in CI so new unsafe loaders are caught in review.',
  ],
  evaluate({ facts }) {
    const modules = inferenceModules(
      facts.servingModules,
      facts.productionSources,
    );
    if (modules.length === 0) {
      return {
        status: 'not-applicable',
        summary: 'No serving or inference code found.',
      };
    }
    const unsafe: Evidence[] = [];
    const verified: Evidence[] = [];
    for (const source of modules) {
      const lines = logicalLines(source);
      const verification = lines.find(l => VERIFIED.test(l.text));
      for (const l of lines) {
        for (const loader of LOADERS) {
          for (const call of findCalls(l.text, loader.callee)) {
            if (loader.safe?.test(call.args)) continue;
            if (loader.unsafeOnly && !loader.unsafeOnly.test(call.args))
              continue;
            if (verification) {
              verified.push(
                lineEvidence(
                  source,
                  l.line,
                  `${loader.label}, after hash verification on line ${verification.line}`,
                ),
              );
            } else {
              unsafe.push(
                lineEvidence(
                  source,
                  l.line,
                  `Unsafe deserialisation: ${loader.label}`,
                ),
              );
            }
          }
        }
      }
    }
    if (unsafe.length === 0) {
      return {
        status: 'pass',
        summary:
          verified.length > 0
            ? `Pickle-based artefacts in serving code are loaded only after hash verification (${
                verified.length
              } load${verified.length === 1 ? '' : 's'}).`
            : `No unsafe deserialisation in ${
                modules.length
              } serving/inference module${modules.length === 1 ? '' : 's'}.`,
        evidence: firstN(verified, 5),
      };
    }
    const files = new Set(unsafe.map(e => e.path)).size;
    return {
      status: 'fail',
      summary: `${unsafe.length} unsafe model load${
        unsafe.length === 1 ? '' : 's'
      } in ${files} serving/inference file${files === 1 ? '' : 's'}.`,
      evidence: [...firstN(unsafe), ...firstN(verified, 3)],
    };
  },
};

import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import { Block, blocks, candidateLines } from './support';

const DL_LIBRARIES = /^(?:torch|tensorflow|keras|lightning|pytorch_lightning)$/;
const FORWARD_CALL =
  /\b(?:self\.\w+|model|net|network|\w+_model|\w+_net)\.forward\(/;
const BACKWARD = /\.backward\(/;
const STEP = /\.step\(/;
const ZERO_GRAD = /\bzero_grad\(/;
const NO_GRAD = /\btorch\.(?:no_grad|inference_mode)\(\)/;
const EVAL = /\.eval\(\s*\)/;
const TRAIN_MODE = /\.train\(\s*(?:True|mode\s*=\s*True)?\s*\)/;
const MODEL_CONSTRUCTION =
  /(?<![\w.])(?:(?:tf\.)?keras\.(?:models\.)?(?:Sequential|Model)|Sequential|build_model|create_model|make_model|get_model)\(/;
const MEMORY_RELEASE =
  /\bclear_session\(|^\s*del\s+\w+|\bempty_cache\(|\bgc\.collect\(/;
const TENSOR_APPEND = /\.append\(\s*tf\.(?:constant|convert_to_tensor)\(/;
/** Framework-managed loops: Lightning modules and Hugging Face Trainer. */
const MANAGED_LOOP =
  /\bclass\s+\w+\(\s*(?:pl\.|L\.|lightning\.(?:pytorch\.)?)?LightningModule\b|\bclass\s+\w+\(\s*(?:transformers\.)?(?:Seq2Seq)?Trainer\b|(?<![\w.])(?:Seq2Seq)?Trainer\(\s*(?:model|args)\s*=/;

function analyse(source: PythonSource): Evidence[] {
  const findings: Evidence[] = [];
  // Every line a rule below can match, found in one pass; each rule tests
  // the lines again with its own pattern. Lines matching none are irrelevant.
  const lines = candidateLines(
    source,
    MANAGED_LOOP,
    FORWARD_CALL,
    BACKWARD,
    STEP,
    ZERO_GRAD,
    NO_GRAD,
    EVAL,
    TRAIN_MODE,
    MODEL_CONSTRUCTION,
    MEMORY_RELEASE,
    TENSOR_APPEND,
  );
  /** The candidate lines inside a block's body. */
  const body = (block: Block) =>
    lines.filter(l => l.line > block.line && l.line <= block.endLine);
  const managed =
    lines.some(l => MANAGED_LOOP.test(l.text)) ||
    (source.importedModules.has('transformers') &&
      source.imports.some(i => i.names.includes('Trainer')));
  for (const l of lines) {
    if (FORWARD_CALL.test(l.text)) {
      findings.push(
        lineEvidence(
          source,
          l.line,
          'forward() called directly; call the module so hooks run (dslinter W5516)',
        ),
      );
    }
  }
  const tensorflow =
    source.importedModules.has('tensorflow') ||
    source.importedModules.has('keras');
  const anyBackward = lines.some(l => BACKWARD.test(l.text));
  // Blocks only matter to the rules that read function or loop bodies.
  const all = (!managed && anyBackward) || tensorflow ? blocks(source) : [];
  if (!managed) {
    // W5517: a function that steps an optimiser after backward() but never clears gradients.
    for (const fn of anyBackward ? all.filter(b => b.kind === 'def') : []) {
      const fnBody = body(fn);
      const backward = fnBody.find(l => BACKWARD.test(l.text));
      if (!backward || !fnBody.some(l => STEP.test(l.text))) continue;
      if (fnBody.some(l => ZERO_GRAD.test(l.text))) continue;
      findings.push(
        lineEvidence(
          source,
          backward.line,
          `${fn.name}() calls backward() and step() but never zero_grad(): gradients accumulate (dslinter W5517)`,
        ),
      );
    }
    // Zhang #4: evaluation without eval(), training after eval() without train().
    const noGrad = lines.find(l => NO_GRAD.test(l.text));
    const hasEval = lines.some(l => EVAL.test(l.text));
    if (noGrad && !hasEval) {
      findings.push(
        lineEvidence(
          source,
          noGrad.line,
          'Evaluation under no_grad() without model.eval(): dropout and batch-norm stay in training mode',
        ),
      );
    }
    const backward = lines.find(l => BACKWARD.test(l.text));
    if (hasEval && backward && !lines.some(l => TRAIN_MODE.test(l.text))) {
      findings.push(
        lineEvidence(
          source,
          backward.line,
          'Training after model.eval() without switching back with model.train()',
        ),
      );
    }
  }
  // W5506 / W5515 (TensorFlow): inside loops.
  for (const loop of all.filter(b => b.kind === 'for' || b.kind === 'while')) {
    if (!tensorflow) continue;
    const loopBody = body(loop);
    const construct = loopBody.find(l => MODEL_CONSTRUCTION.test(l.text));
    if (construct && !loopBody.some(l => MEMORY_RELEASE.test(l.text))) {
      findings.push(
        lineEvidence(
          source,
          construct.line,
          'Model built inside a loop without clear_session()/del/empty_cache(): memory grows every iteration (dslinter W5506)',
        ),
      );
    }
    const append = loopBody.find(l => TENSOR_APPEND.test(l.text));
    if (append) {
      findings.push(
        lineEvidence(
          source,
          append.line,
          'tf.constant appended to a Python list in a loop; use tf.TensorArray (dslinter W5515)',
        ),
      );
    }
  }
  // Nested loops are reported once per line.
  const seen = new Set<string>();
  return findings.filter(f => {
    const key = `${f.line}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * SML-05 — Deep-learning training-loop smells: direct `forward()` calls,
 * gradients never cleared, missing eval()/train() toggling, models built in
 * loops without releasing memory, and tensors appended in loops. Gradient
 * clearing and mode toggling are skipped for LightningModule subclasses and
 * the Hugging Face Trainer, whose loops the framework manages.
 */
export const SML_05: MlDebtCheck = {
  id: 'SML-05',
  title: 'Deep-learning training-loop smells',
  category: 'code-smells',
  weight: 1,
  confidence: 'medium',
  mlTestScore: ['infra.2', 'monitor.5'],
  debtType: 'Code quality',
  appliesToExperimental: true,
  rationale:
    'A hand-written training loop that forgets zero_grad() accumulates gradients across batches, one that evaluates without eval() keeps dropout on, and one that calls forward() directly skips hooks: the model trains and serves, just wrongly, and no exception says so. Zhang et al. (2022, #3, #4, #7–10) catalogue these deep-learning smells and dslinter flags them (W5506, W5513–W5517); unit tests of the training code (ML Test Score Infra 2) and numerical-stability checks (Monitor 5) are what catch them.',
  references: [
    'Zhang et al. 2022, Code Smells for Machine Learning Applications, #3, #4, #7–10',
    'dslinter rules W5506, W5513–W5517',
    'Breck et al. 2017, The ML Test Score, Infra 2 and Monitor 5',
  ],
  remediation: [
    'Call the module (model(x)) instead of model.forward(x) so registered hooks run.',
    'Call optimizer.zero_grad() once per training step, before loss.backward().',
    'Switch explicitly with model.eval() before evaluation and model.train() before training resumes.',
    'Guard logarithms and divisions with an epsilon or clamp, and release memory (clear_session, del, empty_cache) when building models in a loop.',
  ],
  evaluate({ facts }) {
    const modules = facts.productionSources.filter(s =>
      [...s.importedModules].some(m => DL_LIBRARIES.test(m)),
    );
    if (modules.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No deep-learning code (PyTorch, TensorFlow, Keras or Lightning).',
      };
    }
    const findings: Evidence[] = [];
    let clean = 0;
    for (const source of modules) {
      const found = analyse(source);
      if (found.length === 0) clean++;
      findings.push(...found);
    }
    const score = (100 * clean) / modules.length;
    if (findings.length === 0) {
      return {
        status: 'pass',
        summary: `No training-loop smells in ${
          modules.length
        } deep-learning module${modules.length === 1 ? '' : 's'}.`,
      };
    }
    const flagged = modules.length - clean;
    // Direct forward() and list-of-tensors are smells; the others silently train or evaluate wrongly.
    const silentBugs = findings.some(f => !/W5516|W5515/.test(f.message));
    return {
      status: silentBugs || clean === 0 ? 'fail' : 'warn',
      score,
      summary: `${findings.length} training-loop smell${
        findings.length === 1 ? '' : 's'
      } in ${flagged} of ${modules.length} deep-learning module${
        modules.length === 1 ? '' : 's'
      }.`,
      evidence: firstN(findings),
    };
  },
};

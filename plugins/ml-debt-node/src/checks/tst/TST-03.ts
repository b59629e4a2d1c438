import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN, snippet } from '../support';
import { testAutomation } from './TST-01';
import { testReferencing, testReferences } from './TST-02';
import { findCodeLine, joinedCode } from '../../analysis/sourceText';

/** §7.2 TST-03: a test that trains or steps a model. */
const TRAINING_TEST =
  /\.fit\(|training_step|optimizer\.step\(|\.backward\(|fast_dev_run|overfit_batches|trainer\.fit\(/;
/** Model and training modules by name. */
const MODEL_PATH =
  /model|train|network|\bnets?\b|estimator|learner|classifier|regressor/i;
/** Model and training modules by content. */
const MODEL_CODE =
  /\.fit\(|optimizer\.step\(|\.backward\(|training_step|\(nn\.Module\)|LightningModule|keras\.Model\b|\.compile\(/;
/** Mocking constructs; patch targets that replace the model itself. */
const MOCK =
  /\b(?:MagicMock|Mock|create_autospec)\(|\bpatch(?:\.object)?\(|mocker\.patch/;
const MOCKED_MODEL =
  /patch[^\n]{0,120}(?:fit|train|predict|model|forward|step)/i;

/**
 * A test file is heavily mocked (§7.2 TST-03 false positive) when it patches
 * the model or its training itself, or mocks on three or more lines.
 */
function heavilyMocked(test: PythonSource): boolean {
  let mocks = 0;
  for (let i = 0; i < test.lines.length; i++) {
    if (!MOCK.test(test.code[i])) continue;
    mocks++;
    if (MOCKED_MODEL.test(test.lines[i]) || mocks >= 3) return true;
  }
  return false;
}

/**
 * TST-03 — Model and training code without unit tests (ML Test Score Infra 2).
 */
export const TST_03: MlDebtCheck = {
  id: 'TST-03',
  title: 'Model and training code is not unit-tested',
  category: 'testing',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['infra.2'],
  debtType: 'Reproducibility debt; data testing debt',
  appliesToExperimental: true,
  rationale:
    'Training code fails quietly: a loss that never decreases, a frozen layer, a checkpoint that does not restore still produce a model. Breck et al. (2017) ask that model specification code be unit-tested (Infra 2) with cheap checks such as one gradient step or overfitting a single batch, which catch these bugs in seconds instead of after a full training run.',
  references: [
    'Breck et al. 2017, The ML Test Score, Infra 2',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 (reproducibility debt)',
  ],
  remediation: [
    'Add a test that runs one training step on a tiny batch and asserts that the loss is finite and the weights changed.',
    'Add an overfit-one-batch test that asserts the model can drive the loss on a handful of examples close to zero.',
    'Test that a saved checkpoint restores to a model giving the same predictions.',
    'Add shape and dtype contract tests for model inputs and outputs, and avoid golden-output tests that break on every retrain.',
  ],
  evaluate({ facts }) {
    const models = facts.mlModules.filter(
      s =>
        s.kind === 'python' &&
        (MODEL_PATH.test(s.path) || MODEL_CODE.test(joinedCode(s))),
    );
    if (facts.mlModules.length === 0 || models.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No model or training code (no module importing an ML library that defines or trains a model).',
      };
    }
    const tests = facts.testSources;
    const refs = testReferences(tests);
    // Tests that train or step a model, and tests that import model code.
    const real: Evidence[] = [];
    const mocked: Evidence[] = [];
    for (const test of tests) {
      const i = findCodeLine(test, TRAINING_TEST);
      const own = testReferences([test]);
      const referenced = models.some(
        m => testReferencing(m, own) !== undefined,
      );
      if (i < 0 && !referenced) continue;
      const target = heavilyMocked(test) ? mocked : real;
      target.push(
        i >= 0
          ? {
              message:
                target === mocked
                  ? 'Training test, but the model is mocked'
                  : 'Test trains or steps a model',
              path: test.path,
              line: i + 1,
              snippet: snippet(test.lines[i]),
            }
          : fileEvidence(
              test.path,
              target === mocked
                ? 'Imports model code, but mocks the model'
                : 'Imports model or training code',
            ),
      );
    }
    const untested = models.filter(m => !testReferencing(m, refs));
    const automation = testAutomation(
      facts,
      [...real, ...mocked].map(e => e.path!),
    );
    if (real.length > 0) {
      return {
        status: 'pass',
        summary: `${real.length} test file${
          real.length === 1 ? '' : 's'
        } exercise model or training code.`,
        evidence: [
          ...firstN(real, 10),
          ...firstN(untested, 5).map(m =>
            fileEvidence(m.path, 'Model module that no test imports'),
          ),
        ],
        automation,
      };
    }
    if (mocked.length > 0) {
      return {
        status: 'warn',
        score: 50,
        summary: `Model and training code is only tested with the model mocked out (${
          mocked.length
        } test file${mocked.length === 1 ? '' : 's'}).`,
        evidence: firstN(mocked, 10),
        automation,
      };
    }
    return {
      status: 'fail',
      summary: `No test trains, steps or imports the ${
        models.length
      } model/training module${models.length === 1 ? '' : 's'}.`,
      evidence: firstN(models, 10).map(m =>
        fileEvidence(m.path, 'Untested model or training module'),
      ),
    };
  },
};

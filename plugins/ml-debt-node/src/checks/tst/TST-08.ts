import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN } from '../support';
import { automationEvidence, testRunLines } from '../ops/support';
import { dataValidation } from './TST-05.validation';
import { someCodeLine } from '../../analysis/sourceText';

const TEST_DEFINITION =
  /^\s*(?:async\s+)?def\s+test_?\w*\s*\(|\bunittest\.TestCase\b|\(\s*TestCase\s*\)/;
/** `pytest … || true` and friends: the step runs the tests but never fails the build. */
const IGNORED_FAILURE = /\|\|\s*(?:true|exit\s+0|:)\s*$/;

/**
 * TST-08 — Tests or data validation exist but CI does not run them. The ML Test
 * Score gives half a point for a test run by hand and the full point only when
 * a system runs it on every change.
 */
export const TST_08: MlDebtCheck = {
  id: 'TST-08',
  title: 'Tests or data validation are not run in CI',
  category: 'testing',
  weight: 2,
  confidence: 'high',
  mlTestScore: [],
  debtType: 'Process management debt',
  appliesToExperimental: false,
  rationale:
    'A test that nobody runs protects nothing: it rots as the code moves on, and a broken feature transform or a drifted input file reaches training unnoticed. The ML Test Score awards half a point for a test executed manually and the full point only when a system runs it automatically on a repeated basis (Breck et al. 2017, §VI.A).',
  references: [
    'Breck et al. 2017, The ML Test Score, §VI.A (scoring: automation earns the full point)',
    'mllint rule ci/use',
  ],
  remediation: [
    'Run the unit tests, the data validation and a small-data training smoke run in CI on every pull request (for example `pytest` and `great_expectations checkpoint run` as workflow steps).',
    'Make the steps fail the build: do not append `|| true` or mark them `continue-on-error`.',
    'Add a nightly scheduled run of the full pipeline and its validation.',
  ],
  evaluate({ facts }) {
    const testFiles = facts.testSources.filter(s =>
      someCodeLine(s, TEST_DEFINITION),
    );
    const validation = dataValidation(facts);
    const validations = validation.findings.filter(f => f.kind === 'schema');
    if (testFiles.length === 0 && validations.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No tests and no data validation found; there is nothing for CI to run (see TST-01, TST-05).',
      };
    }
    const what = [
      testFiles.length > 0 ? `${testFiles.length} test file(s)` : '',
      validations.length > 0 ? 'data validation' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    const existing: Evidence[] = [
      ...firstN(testFiles, 5).map(s => fileEvidence(s.path, 'Test file')),
      ...firstN(validations, 3).map(v => v.evidence),
    ];

    if (facts.ciFiles.length === 0) {
      return {
        status: 'fail',
        summary: `The repository has ${what}, but no CI at all runs them (see OPS-01).`,
        evidence: existing,
        automation: 'manual',
      };
    }

    const parts: number[] = [];
    const evidence: Evidence[] = [];
    const problems: string[] = [];
    if (testFiles.length > 0) {
      const runs = testRunLines(facts);
      const gating = runs.filter(l => !IGNORED_FAILURE.test(l.text));
      if (gating.length > 0) {
        parts.push(1);
        evidence.push(
          ...firstN(gating, 3).map(l =>
            automationEvidence(l, 'CI runs the tests'),
          ),
        );
      } else if (runs.length > 0) {
        parts.push(0.5);
        problems.push('CI runs the tests but ignores their failures');
        evidence.push(
          ...firstN(runs, 3).map(l =>
            automationEvidence(l, 'CI runs the tests but ignores failures'),
          ),
        );
      } else {
        parts.push(0);
        problems.push(`no CI step runs the ${testFiles.length} test file(s)`);
        evidence.push(
          ...firstN(testFiles, 5).map(s =>
            fileEvidence(s.path, 'Test file that CI never runs'),
          ),
        );
      }
    }
    if (validations.length > 0) {
      if (validation.automatedBy.length > 0) {
        parts.push(1);
        evidence.push(
          ...firstN(validation.automatedBy, 3).map(l =>
            automationEvidence(l, 'CI or a pipeline runs the data validation'),
          ),
        );
      } else {
        parts.push(0);
        problems.push('nothing in CI or a pipeline runs the data validation');
        evidence.push(
          ...firstN(validations, 3).map(v => ({
            ...v.evidence,
            message: `${v.evidence.message} that no CI step or pipeline runs`,
          })),
        );
      }
    }
    const score = (100 * parts.reduce((a, b) => a + b, 0)) / parts.length;
    if (score === 100) {
      return {
        status: 'pass',
        summary: `CI runs the ${what}.`,
        evidence,
        automation: 'automated',
      };
    }
    return {
      status: score === 0 ? 'fail' : 'warn',
      score,
      summary: `CI exists, but ${problems.join('; ')}.`,
      evidence,
      automation: score === 0 ? 'manual' : 'automated',
    };
  },
};

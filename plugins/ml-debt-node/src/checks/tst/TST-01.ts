import { Automation } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN } from '../support';

/** mllint's test-file rule: `test_*.py` or `*_test.py`. */
const TEST_FILE = /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/;
/** Files in a tests folder that define tests by another name. */
const TEST_CODE = /^\s*(?:async\s+)?def test_|unittest\.TestCase/m;
/** Appendix A TEST_RUN_CMD. */
const TEST_RUN_CMD =
  /\b(?:pytest|python -m (?:pytest|unittest)|tox|nox|make test|hatch run test|poetry run pytest|uv run pytest)\b/;

/** Python files mllint counts: not in hidden folders. */
function countedPython(facts: RepositoryFacts): string[] {
  return facts.pythonFiles
    .map(f => f.path)
    .filter(p => !p.split('/').some(part => part.startsWith('.')));
}

/** Test files by mllint's rule, plus tests/ files that define tests. */
export function testFiles(facts: RepositoryFacts): string[] {
  return countedPython(facts).filter(p => {
    if (TEST_FILE.test(p)) return true;
    if (!/(?:^|\/)tests?\//.test(p)) return false;
    const source = facts.python(p);
    return source !== undefined && TEST_CODE.test(source.code.join('\n'));
  });
}

/**
 * Whether CI, a pipeline or a scheduler runs the tests: a test runner command
 * (Appendix A TEST_RUN_CMD) in a CI step, or an automation file naming a test
 * file.
 */
export function testAutomation(
  facts: RepositoryFacts,
  tests: readonly string[],
): Automation {
  if (tests.length === 0) return 'none';
  if (
    facts.ciFiles.some(f => f.commands.some(c => TEST_RUN_CMD.test(c.command)))
  )
    return 'automated';
  return facts.automationOf(tests, TEST_RUN_CMD);
}

/**
 * TST-01 — No or insufficient automated tests (mllint `testing/has-tests` and
 * `testing/tests-folder`).
 */
export const TST_01: MlDebtCheck = {
  id: 'TST-01',
  title: 'No or too few automated tests',
  category: 'testing',
  weight: 3,
  confidence: 'high',
  mlTestScore: ['infra.2', 'infra.3', 'data.7'],
  debtType: 'Data testing debt; process management debt',
  appliesToExperimental: true,
  rationale:
    'Without tests every change to features, training or serving is verified by hand, if at all. mllint scores a project on having at least one test file per four modules and keeping them in tests/, and the ML Test Score builds its feature, model and pipeline tests (Data 7, Infra 2, Infra 3) on the same foundation. Sculley et al. (2015) add that ML systems need more testing than ordinary code, not less.',
  references: [
    'mllint rules testing/has-tests and testing/tests-folder',
    'Breck et al. 2017, The ML Test Score, Data 7, Infra 2, Infra 3',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 (data testing debt)',
  ],
  remediation: [
    'Create a tests/ folder at the repository root and put every test file in it.',
    'Aim for at least one test file (test_*.py) for every four Python modules, starting with feature code and training code.',
    'Run the tests in CI on every pull request (see TST-08).',
  ],
  evaluate({ facts, snapshot }) {
    const python = countedPython(facts);
    const tests = testFiles(facts);
    if (python.length === 0 && facts.notebooks.length === 0) {
      return {
        status: 'not-applicable',
        summary: 'No Python code in the repository.',
      };
    }
    if (tests.length === 0) {
      return {
        status: 'fail',
        score: 0,
        summary: `No test files (test_*.py or *_test.py) among ${python.length} Python files.`,
        evidence: snapshot.exists('tests')
          ? [fileEvidence('tests', 'A tests/ folder exists but holds no tests')]
          : [],
      };
    }
    // mllint: min(100, 100·(#tests/#py)/0.2), ratio 1:4.
    const hasTests = Math.min(
      100,
      (100 * (tests.length / python.length)) / 0.2,
    );
    const outside = tests.filter(p => !p.startsWith('tests/'));
    const testsFolder = 100 * (1 - outside.length / tests.length);
    // The has-tests formula is the score; tests outside tests/ (mllint's
    // tests-folder rule) take off up to half of it.
    const score = hasTests * (0.5 + testsFolder / 200);
    const evidence = [
      ...firstN(tests, 5).map(p => fileEvidence(p, 'Test file')),
      ...firstN(outside, 5).map(p =>
        fileEvidence(p, 'Test file outside the tests/ folder'),
      ),
    ];
    return {
      status: score >= 100 ? 'pass' : 'warn',
      score,
      summary: `${tests.length} test file${tests.length === 1 ? '' : 's'} for ${
        python.length
      } Python files (${Math.round(
        (100 * tests.length) / python.length,
      )}%, target 20%: ${Math.round(hasTests)}/100); ${
        tests.length - outside.length
      } of ${tests.length} in tests/ (${Math.round(testsFolder)}/100).`,
      evidence,
      automation: testAutomation(facts, tests),
    };
  },
};

import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { joinedCode } from '../../analysis/sourceText';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN, snippet } from '../support';
import { testAutomation } from './TST-01';

/** §7.2 TST-02 feature-module file names, plus modules under a features/ folder. */
const FEATURE_FILE =
  /(?:^|\/)(?:features?|featuri[sz]\w*|preprocess\w*|transform\w*|prepare\w*|clean\w*|etl|data(?:_?loader|set)?s?)\.py$|(?:^|\/)(?:features?|preprocessing)\/(?!__init__\.py$)[^/]+\.py$/i;
const FEATURE_DEF =
  /^\s*def (?:build|make|compute|extract|engineer)\w*feature/im;
/** §7.2 TST-04 integration evidence in CI. */
const PIPELINE_RUN =
  /dvc repro|kedro run|python -m \S+\.(?:train|pipeline)|python \S*train\S*\.py|make (?:train|pipeline|e2e)|pytest -m (?:integration|e2e)|zenml pipeline run|prefect deployment run/;
const INTEGRATION_TEST =
  /subprocess\.(?:run|call)\([^\n]{0,200}(?:train|pipeline)|CliRunner\(\)\.invoke|fast_dev_run/;

/** A called name: `fit(`, not `model.fit(`. */
const CALLED_NAME = /(?<![.\w])[A-Za-z_]\w*(?=[^\S\n]*\()/g;

/** What the tests of a repository import and name. */
export interface TestReferences {
  /** Dotted module names the tests import, with `from a import b` also as `a.b`. */
  modules: Set<string>;
  /** Identifiers the tests import or call (not attribute accesses). */
  names: Set<string>;
  /** The test files, for evidence: module → first test importing it. */
  importedBy: Map<string, { path: string; line: number; text: string }>;
}

/** Collects the imports and called names of the test sources once. */
export function testReferences(tests: readonly PythonSource[]): TestReferences {
  const modules = new Set<string>();
  const names = new Set<string>();
  const importedBy = new Map<
    string,
    { path: string; line: number; text: string }
  >();
  const note = (module: string, source: PythonSource, line: number) => {
    modules.add(module);
    if (!importedBy.has(module))
      importedBy.set(module, {
        path: source.path,
        line,
        text: source.lines[line - 1] ?? '',
      });
  };
  for (const source of tests) {
    for (const imp of source.imports) {
      const module = imp.module.replace(/^\.+/, '');
      if (module) note(module, source, imp.line);
      for (const name of imp.names) {
        names.add(name);
        note(module ? `${module}.${name}` : name, source, imp.line);
      }
    }
    // One pass over the whole code; the gap before `(` stays on one line.
    const calls = joinedCode(source).match(CALLED_NAME);
    if (calls) for (const c of calls) names.add(c);
  }
  return { modules, names, importedBy };
}

/**
 * The dotted names a file can be imported by: `src/churn/features.py` is
 * `src.churn.features`, `churn.features` or `features` depending on the path
 * setup; a package's `__init__.py` is the package.
 */
export function moduleNames(path: string): string[] {
  const parts = path
    .replace(/\.py$/, '')
    .split('/')
    .filter(p => p !== '__init__');
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) names.push(parts.slice(i).join('.'));
  return names.filter(n => n !== '');
}

const publicNamesCache = new WeakMap<PythonSource, string[]>();
const moduleNamesCache = new WeakMap<PythonSource, string[]>();

/** Public top-level functions and classes of a module (once per source: TST-03 asks per test file). */
function publicNames(source: PythonSource): string[] {
  const cached = publicNamesCache.get(source);
  if (cached) return cached;
  const names: string[] = [];
  for (const line of source.code) {
    // Top-level only: the line starts with `def`, `class` or `async`.
    const first = line.charCodeAt(0);
    if (first !== 100 && first !== 99 && first !== 97) continue;
    const m = /^(?:async\s+)?(?:def|class)\s+([A-Za-z]\w*)/.exec(line);
    if (m && m[1].length >= 4) names.push(m[1]);
  }
  publicNamesCache.set(source, names);
  return names;
}

/**
 * Whether a test references a module, and where: an import of the module (by
 * any of its dotted names), or an import or call of one of its public names.
 */
export function testReferencing(
  source: PythonSource,
  refs: TestReferences,
): Evidence | undefined {
  let names = moduleNamesCache.get(source);
  if (!names) {
    names = moduleNames(source.path);
    moduleNamesCache.set(source, names);
  }
  for (const name of names) {
    const at = refs.importedBy.get(name);
    if (at) {
      return {
        message: `Tested by ${at.path}`,
        path: at.path,
        line: at.line,
        snippet: snippet(at.text),
      };
    }
  }
  const used = publicNames(source).find(n => refs.names.has(n));
  if (used) {
    const at = [...refs.importedBy.entries()].find(([m]) =>
      m.endsWith(`.${used}`),
    )?.[1];
    return {
      message: `Tested through ${used}()${at ? ` in ${at.path}` : ''}`,
      path: at?.path,
      line: at?.line,
      snippet: at ? snippet(at.text) : undefined,
    };
  }
  return undefined;
}

/** TST-04-style evidence of an end-to-end pipeline test. */
export function integrationEvidence(
  facts: RepositoryFacts,
): Evidence | undefined {
  for (const f of facts.ciFiles) {
    const cmd = f.commands.find(c => PIPELINE_RUN.test(c.command));
    if (cmd)
      return {
        message: 'CI runs the pipeline end to end',
        path: cmd.path,
        line: cmd.line,
        snippet: snippet(cmd.command),
      };
  }
  for (const t of facts.testSources) {
    if (/(?:^|\/)tests?\/(?:integration|e2e)\//.test(t.path))
      return fileEvidence(t.path, 'Integration test');
    const i = t.lines.findIndex(l => INTEGRATION_TEST.test(l));
    if (i >= 0)
      return {
        message: 'Integration test',
        path: t.path,
        line: i + 1,
        snippet: snippet(t.lines[i]),
      };
  }
  return undefined;
}

/**
 * TST-02 — Feature and data-processing code without unit tests (ML Test
 * Score Data 7).
 */
export const TST_02: MlDebtCheck = {
  id: 'TST-02',
  title: 'Feature and data-processing code is not unit-tested',
  category: 'testing',
  weight: 3,
  confidence: 'medium',
  mlTestScore: ['data.7'],
  debtType: 'Data testing debt',
  appliesToExperimental: true,
  rationale:
    'Feature code turns raw data into what the model sees; a silent bug there (a unit change, a NaN turned into 0, a shifted join) degrades the model without any error. Breck et al. (2017) make "all code that creates input features is tested" a test of its own (Data 7) and tell of a thousand-line feature file with no tests at all; Sculley et al. (2015) call the gap data testing debt.',
  references: [
    'Breck et al. 2017, The ML Test Score, Data 7',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 (data testing debt)',
  ],
  remediation: [
    'Write a unit test for each feature transform that checks NaN handling, units, dtypes and edge cases such as empty frames.',
    'Add property-based tests with hypothesis for transforms that must hold for any input (monotonicity, no NaN out for no NaN in).',
    'Run the feature tests in CI on every pull request.',
  ],
  evaluate({ facts }) {
    const modules = facts.productionSources.filter(
      s =>
        s.kind === 'python' &&
        !s.path.endsWith('/__init__.py') &&
        (FEATURE_FILE.test(s.path) || FEATURE_DEF.test(joinedCode(s))),
    );
    if (modules.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No feature or data-processing modules (features.py, preprocess*.py, transform*.py, dataset.py, … or build_*feature functions).',
      };
    }
    const refs = testReferences(facts.testSources);
    const tested: Evidence[] = [];
    const untested: PythonSource[] = [];
    for (const m of modules) {
      const e = testReferencing(m, refs);
      if (e) tested.push({ ...e, message: `${m.path}: ${e.message}` });
      else untested.push(m);
    }
    // Guard: coverage through an end-to-end pipeline test counts half.
    const integration =
      untested.length > 0 ? integrationEvidence(facts) : undefined;
    const credit = tested.length + (integration ? 0.5 * untested.length : 0);
    const score = (100 * credit) / modules.length;
    const evidence: Evidence[] = [
      ...firstN(untested, 10).map(m =>
        fileEvidence(m.path, 'Feature module that no test imports or calls'),
      ),
      ...(integration
        ? [
            {
              ...integration,
              message: `${integration.message}: untested feature modules count half`,
            },
          ]
        : []),
      ...firstN(tested, 10),
    ];
    let status: 'pass' | 'warn' | 'fail' = 'warn';
    if (score >= 100) status = 'pass';
    else if (score === 0) status = 'fail';
    return {
      status,
      score,
      summary: `${tested.length} of ${modules.length} feature module${
        modules.length === 1 ? '' : 's'
      } unit-tested${
        integration && untested.length > 0
          ? `; the other ${untested.length} only through an end-to-end pipeline test`
          : ''
      }.`,
      evidence,
      automation:
        tested.length > 0 || integration
          ? testAutomation(
              facts,
              facts.testSources.map(t => t.path),
            )
          : 'none',
    };
  },
};

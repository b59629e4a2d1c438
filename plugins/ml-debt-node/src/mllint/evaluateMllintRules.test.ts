import path from 'node:path';
import { MllintRuleResult, scoreMllint } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../analysis/RepositoryFacts';
import {
  createDirectorySnapshot,
  createMemorySnapshot,
} from '../snapshot/Snapshot';
import { RepositorySnapshot } from '../snapshot/types';
import { evaluateMllintRules, MllintOptions } from './evaluateMllintRules';
import { parseCoberturaLineRate, parseJUnitTotals } from './reports';

const fixture = (name: string) => path.join(__dirname, '__fixtures__', name);

function run(snapshot: RepositorySnapshot, options?: MllintOptions) {
  const rules = evaluateMllintRules(
    snapshot,
    new RepositoryFacts(snapshot),
    options,
  );
  const bySlug = new Map(rules.map(r => [r.slug, r]));
  return {
    rules,
    rule: (slug: string): MllintRuleResult => {
      const r = bySlug.get(slug);
      if (!r) throw new Error(`no rule ${slug}`);
      return r;
    },
    score: (slug: string) => bySlug.get(slug)?.score,
  };
}

const dir = (name: string, options?: MllintOptions) =>
  run(createDirectorySnapshot(fixture(name)), options);

const mem = (
  files: Record<string, string | { content: string; size: number }>,
  options?: MllintOptions,
) =>
  run(
    createMemorySnapshot(
      Object.entries(files).map(([p, c]) =>
        typeof c === 'string'
          ? { path: p, content: c }
          : { path: p, content: c.content, size: c.size },
      ),
    ),
    options,
  );

const POETRY = (deps: string, dev = '') => `[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"

[tool.poetry]
name = "x"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.11"
${deps}

[tool.poetry.group.dev.dependencies]
${dev}
`;

describe('evaluateMllintRules', () => {
  it("lists mllint's rules with their verbatim names, categories and weights", () => {
    const { rules, rule } = dir('bare');
    expect(rules).toHaveLength(25);
    expect(rule('version-control/code/git-no-big-files').name).toBe(
      'Project should not have any large files in its Git history',
    );
    expect(rule('version-control/data/commit-dvc-folder').name).toBe(
      "DVC: Folder '.dvc' should be committed to Git",
    );
    expect(rule('dependency-management/use-dev').name).toBe(
      'Project places its development dependencies in dev-dependencies',
    );
    expect(rule('ci/use')).toMatchObject({
      name: 'Project uses Continuous Integration (CI)',
      category: 'ci',
      weight: 1,
    });
    expect(rule('code-quality/isort/is-configured').weight).toBe(0);
    expect(rules.filter(r => r.weight === 0)).toHaveLength(1);
  });

  it('leaves tool-execution rules unscored and says why', () => {
    const { rule } = dir('poetry-dvc');
    for (const slug of [
      'version-control/data/dvc-is-installed',
      'code-quality/linters-installed',
      'code-quality/pylint/no-issues',
      'code-quality/mypy/no-issues',
      'code-quality/black/no-issues',
      'code-quality/isort/no-issues',
      'code-quality/bandit/no-issues',
      'testing/pass',
      'testing/coverage',
    ]) {
      expect(rule(slug).score).toBeNull();
      expect(rule(slug).details).toMatch(/^Not scored/);
    }
  });

  describe('version control', () => {
    it('scores git only when the caller knows', () => {
      expect(dir('bare').score('version-control/code/git')).toBeNull();
      expect(
        dir('bare', { gitDirectory: '/repo/.git' }).score(
          'version-control/code/git',
        ),
      ).toBe(100);
      const notGit = dir('bare', { gitDirectory: null });
      expect(notGit.score('version-control/code/git')).toBe(0);
      expect(notGit.score('version-control/code/git-no-big-files')).toBeNull();
    });

    it('counts files above 10,000,000 bytes: max(100 − 25·n, 0)', () => {
      const big = (size: number) => ({ content: 'x', size });
      const two = mem({
        'data/train.parquet': big(10_000_001),
        'models/model.pt': big(250_000_000),
        'data/exactly.csv': big(10_000_000),
        'train.py': 'print(1)\n',
      });
      expect(two.score('version-control/code/git-no-big-files')).toBe(50);
      expect(two.rule('version-control/code/git-no-big-files').details).toMatch(
        /models\/model\.pt/,
      );
      expect(
        two.rule('version-control/code/git-no-big-files').details,
      ).not.toMatch(/exactly\.csv/);

      const five = mem(
        Object.fromEntries(
          [1, 2, 3, 4, 5].map(i => [`data/part-${i}.bin`, big(20_000_000)]),
        ),
      );
      expect(five.score('version-control/code/git-no-big-files')).toBe(0);

      expect(
        mem({ 'a.bin': big(2_000) }, { maxFileSize: 1_000 }).score(
          'version-control/code/git-no-big-files',
        ),
      ).toBe(75);
    });

    it('does not count data tracked by DVC or Git LFS (the blobs are not in Git)', () => {
      const big = { content: 'x', size: 50_000_000 };
      const result = mem({
        '.gitattributes': '*.pt filter=lfs diff=lfs merge=lfs -text\n',
        'models/model.pt': big,
        'data/customers.csv': big,
        'data/customers.csv.dvc': 'outs:\n- path: customers.csv\n',
        'dvc.yaml':
          'stages:\n  prep:\n    cmd: python prep.py\n    outs:\n      - data/processed\n',
        'data/processed/features.parquet': big,
      });
      expect(result.score('version-control/code/git-no-big-files')).toBe(100);
    });

    it('scores the DVC rules from the tree', () => {
      const { score } = dir('poetry-dvc');
      expect(score('version-control/data/dvc')).toBe(100);
      expect(score('version-control/data/commit-dvc-folder')).toBe(100);
      expect(score('version-control/data/dvc-has-remote')).toBe(100);
      expect(score('version-control/data/dvc-has-files')).toBe(100);
      expect(score('version-control/data/commit-dvc-lock')).toBe(100);
    });

    it('scores DVC rules 0 without .dvc/config, and leaves commit-dvc-lock unscored without dvc.lock', () => {
      const { score } = dir('bare');
      expect(score('version-control/data/dvc')).toBe(0);
      expect(score('version-control/data/commit-dvc-folder')).toBe(0);
      expect(score('version-control/data/dvc-has-remote')).toBe(0);
      expect(score('version-control/data/dvc-has-files')).toBe(0);
      expect(score('version-control/data/commit-dvc-lock')).toBeNull();
    });

    it('fails remote and files when DVC is initialised but empty', () => {
      const { score } = mem({
        '.dvc/config': '[core]\n    autostage = true\n',
      });
      expect(score('version-control/data/dvc')).toBe(100);
      expect(score('version-control/data/dvc-has-remote')).toBe(0);
      expect(score('version-control/data/dvc-has-files')).toBe(0);
      expect(score('version-control/data/commit-dvc-lock')).toBeNull();
    });
  });

  describe('dependency management', () => {
    it('scores use: Poetry/Pipenv 100, requirements.txt 20, setup.py 30, none 0', () => {
      expect(dir('poetry-dvc').score('dependency-management/use')).toBe(100);
      expect(
        mem({ Pipfile: '[packages]\npandas = "*"\n' }).score(
          'dependency-management/use',
        ),
      ).toBe(100);
      expect(
        mem({ 'requirements.txt': 'pandas==2.2.3\n' }).score(
          'dependency-management/use',
        ),
      ).toBe(20);
      expect(
        mem({ 'setup.py': 'from setuptools import setup\nsetup()\n' }).score(
          'dependency-management/use',
        ),
      ).toBe(30);
      // requirements.txt is checked before setup.py, as in mllint.
      expect(dir('requirements-flat').score('dependency-management/use')).toBe(
        20,
      );
      expect(dir('bare').score('dependency-management/use')).toBe(0);
    });

    it('only looks at the repository root, like mllint', () => {
      const nested = mem({ 'service/requirements.txt': 'pandas==2.2.3\n' });
      expect(nested.score('dependency-management/use')).toBe(0);
      expect(nested.rule('dependency-management/use').details).toMatch(/root/);
    });

    it('requires the Poetry build backend and a Pipfile that parses', () => {
      expect(
        mem({
          'pyproject.toml':
            '[build-system]\nbuild-backend = "setuptools.build_meta"\n',
        }).score('dependency-management/use'),
      ).toBe(0);
      expect(
        mem({ Pipfile: '[packages\npandas = \n' }).score(
          'dependency-management/use',
        ),
      ).toBe(0);
    });

    it('scores single: exactly one manager → 100, none or several → 0', () => {
      expect(dir('poetry-dvc').score('dependency-management/single')).toBe(100);
      expect(
        dir('requirements-flat').score('dependency-management/single'),
      ).toBe(0);
      expect(dir('bare').score('dependency-management/single')).toBe(0);
      const pipenvAndReqs = mem({
        Pipfile: '[packages]\npandas = "*"\n',
        'requirements.txt': 'pandas\n',
      });
      expect(pipenvAndReqs.score('dependency-management/single')).toBe(0);
      expect(
        pipenvAndReqs.rule('dependency-management/single').details,
      ).toMatch(/Pipenv.*requirements\.txt/);
    });

    it('scores use-dev: max(100 − 50·misplaced, 0)', () => {
      // pytest is a runtime dependency in the fixture.
      const fixtureResult = dir('poetry-dvc');
      expect(fixtureResult.score('dependency-management/use-dev')).toBe(50);
      expect(
        fixtureResult.rule('dependency-management/use-dev').details,
      ).toMatch(/`pytest`/);

      expect(
        mem({
          'pyproject.toml': POETRY(
            'pandas = "2.2.3"\nPygments = "2"\nflake8 = "7"\nmypy = "1"',
          ),
        }).score('dependency-management/use-dev'),
      ).toBe(0);
      expect(
        mem({
          'pyproject.toml': POETRY(
            'pandas = "2.2.3"',
            'pytest = "8"\nruff = "0.7"',
          ),
        }).score('dependency-management/use-dev'),
      ).toBe(100);
      expect(
        mem({
          Pipfile:
            '[packages]\npandas = "*"\n[dev-packages]\npytest = "*"\nblack = "*"\n',
        }).score('dependency-management/use-dev'),
      ).toBe(100);
      expect(
        mem({
          Pipfile: '[packages]\npandas = "*"\nblack = "*"\n',
        }).score('dependency-management/use-dev'),
      ).toBe(50);
    });

    it('matches names exactly: pytest-benchmark is not pytest', () => {
      expect(
        mem({
          'pyproject.toml': POETRY(
            'pytest-benchmark = "4"\nblackcellmagic = "0.0.3"',
          ),
        }).score('dependency-management/use-dev'),
      ).toBe(100);
    });

    it('scores use-dev 0 when the main manager is requirements.txt or setup.py', () => {
      expect(
        dir('requirements-flat').score('dependency-management/use-dev'),
      ).toBe(0);
      expect(
        mem({ 'setup.py': 'setup()\n' }).score('dependency-management/use-dev'),
      ).toBe(0);
    });
  });

  describe('code quality', () => {
    it('counts linters configured or depended on by the main manager', () => {
      const { rule, score } = dir('poetry-dvc');
      expect(score('code-quality/use-linters')).toBe(100);
      expect(rule('code-quality/use-linters').details).toMatch(
        /`bandit`: a dependency of Poetry/,
      );
      expect(score('code-quality/pylint/is-configured')).toBe(100);
      expect(score('code-quality/isort/is-configured')).toBe(100);
    });

    it('matches dependency names exactly (blackcellmagic is not black, pylint-django is not pylint)', () => {
      const { rule, score } = dir('requirements-flat');
      // Only mypy (mypy.ini) of the five.
      expect(score('code-quality/use-linters')).toBe(20);
      expect(rule('code-quality/use-linters').details).toMatch(
        /`black`: \*\*missing\*\*/,
      );
      expect(score('code-quality/pylint/is-configured')).toBe(0);
      expect(score('code-quality/isort/is-configured')).toBe(0);
    });

    it('recognises [tool.mypy], setup.cfg [mypy], [tool.bandit] and ruff (our improvement on mllint)', () => {
      const result = mem({
        'pyproject.toml':
          '[project]\nname = "x"\n[tool.mypy]\nstrict = true\n[tool.ruff]\nline-length = 100\n[tool.bandit]\nskips = []\n',
        '.pre-commit-config.yaml':
          'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.7.0\n    hooks:\n      - id: ruff\n      - id: ruff-format\n',
      });
      expect(result.score('code-quality/use-linters')).toBe(100);
      expect(result.rule('code-quality/use-linters').details).toMatch(
        /not by mllint/,
      );
      expect(
        mem({
          'setup.cfg': '[metadata]\nname = x\n\n[mypy]\nstrict = True\n',
        }).score('code-quality/use-linters'),
      ).toBe(20);
    });

    it('scores 100·(1 − missing/desired) for a configured linter list', () => {
      expect(
        dir('requirements-flat', { linters: ['mypy', 'black'] }).score(
          'code-quality/use-linters',
        ),
      ).toBe(50);
    });
  });

  describe('testing', () => {
    it('scores has-tests against the 1:4 ratio, capped at 100', () => {
      // 1 test of 4 Python files: 25% ≥ 20%.
      expect(dir('poetry-dvc').score('testing/has-tests')).toBe(100);
      // 1 test of 6 Python files (setup.py included): 16.7% / 20%.
      expect(dir('requirements-flat').score('testing/has-tests')).toBe(83.33);
      const files: Record<string, string> = { 'tests/test_a.py': '' };
      for (let i = 0; i < 9; i++) files[`src/m${i}.py`] = '';
      expect(mem(files).score('testing/has-tests')).toBe(50);
      expect(dir('bare').score('testing/has-tests')).toBe(0);
    });

    it('recognises test files by name only, skipping hidden folders', () => {
      const result = mem({
        'src/a.py': '',
        'checks_test.py': '',
        'tests/helpers.py': '',
        '.hidden/test_x.py': '',
      });
      // 1 test (checks_test.py) of 3 files.
      expect(result.score('testing/has-tests')).toBe(100);
      expect(result.score('testing/tests-folder')).toBe(0);
    });

    it('honours a minimum number of tests', () => {
      expect(
        dir('poetry-dvc', { minimumTests: 2 }).score('testing/has-tests'),
      ).toBe(0);
    });

    it('scores tests-folder as the share of test files under tests/', () => {
      expect(dir('poetry-dvc').score('testing/tests-folder')).toBe(100);
      expect(dir('requirements-flat').score('testing/tests-folder')).toBe(0);
      expect(
        mem({
          'tests/test_a.py': '',
          'src/b_test.py': '',
        }).score('testing/tests-folder'),
      ).toBe(50);
      expect(
        mem({ 'tests/__init__.py': '', 'a.py': '' }).score(
          'testing/tests-folder',
        ),
      ).toBe(100);
      expect(dir('bare').score('testing/tests-folder')).toBe(0);
    });

    it('scores testing/pass from a JUnit report: 100·passed/total', () => {
      const { rule } = dir('poetry-dvc', { testReport: 'reports/junit.xml' });
      expect(rule('testing/pass').score).toBe(80);
      expect(rule('testing/pass').details).toMatch(/16 of 20 tests passed/);
    });

    it('leaves testing/pass unscored when the report is not in the tree, and scores an invalid one 0', () => {
      expect(
        dir('poetry-dvc', { testReport: 'reports/missing.xml' }).score(
          'testing/pass',
        ),
      ).toBeNull();
      expect(
        mem(
          { 'junit.xml': '<html></html>' },
          { testReport: 'junit.xml' },
        ).score('testing/pass'),
      ).toBe(0);
      expect(
        mem(
          { 'junit.xml': '<testsuite tests="0" failures="0"></testsuite>' },
          { testReport: './junit.xml' },
        ).score('testing/pass'),
      ).toBe(0);
    });

    it('scores coverage as line-rate / target, capped at 100 (mllint is not)', () => {
      const capped = dir('poetry-dvc', {
        coverageReport: 'reports/coverage.xml',
      });
      expect(capped.score('testing/coverage')).toBe(100);
      expect(capped.rule('testing/coverage').details).toMatch(/caps the score/);
      const cov = (rate: string, target?: number) =>
        mem(
          { 'coverage.xml': `<coverage line-rate="${rate}" version="7"/>` },
          { coverageReport: 'coverage.xml', coverageTarget: target },
        ).score('testing/coverage');
      expect(cov('0.6')).toBe(75);
      expect(cov('0.6', 0)).toBe(100);
      expect(cov('0.3', 60)).toBe(50);
      expect(
        mem(
          { 'coverage.xml': '<coverage version="7"/>' },
          { coverageReport: 'coverage.xml' },
        ).score('testing/coverage'),
      ).toBe(0);
    });

    it('reads testing.report from the repository .mllint.yml', () => {
      expect(
        mem({
          '.mllint.yml':
            'testing:\n  report: out/junit.xml\n  coverage:\n    report: out/cov.xml\n    targets:\n      line: 50\n',
          'out/junit.xml':
            '<testsuites tests="4" failures="1"><testsuite tests="4" failures="1"/></testsuites>',
          'out/cov.xml': '<coverage line-rate="0.4"/>',
        }).rules.map(r => [r.slug, r.score]),
      ).toEqual(
        expect.arrayContaining([
          ['testing/pass', 75],
          ['testing/coverage', 80],
        ]),
      );
    });
  });

  describe('ci', () => {
    it('detects Azure, GitHub Actions, GitLab and Travis at the root', () => {
      expect(dir('poetry-dvc').score('ci/use')).toBe(100);
      expect(dir('requirements-flat').score('ci/use')).toBe(100);
      expect(
        mem({ '.gitlab-ci.yml': 'test:\n  script: pytest\n' }).score('ci/use'),
      ).toBe(100);
      expect(
        mem({ 'azure-pipelines.yml': 'steps: []\n' }).score('ci/use'),
      ).toBe(100);
      expect(dir('bare').score('ci/use')).toBe(0);
      // mllint does not know Jenkins.
      expect(mem({ Jenkinsfile: 'pipeline {}\n' }).score('ci/use')).toBe(0);
    });
  });

  it('leaves out disabled rules by slug prefix', () => {
    const { rules } = dir('bare', {
      disabled: ['version-control/data', 'ci/use'],
    });
    expect(rules.map(r => r.slug)).not.toContain('ci/use');
    expect(
      rules.filter(r => r.slug.startsWith('version-control/data')),
    ).toHaveLength(0);
    expect(rules).toHaveLength(18);
  });

  it('feeds mllint category math', () => {
    const report = scoreMllint(
      dir('poetry-dvc', {
        gitDirectory: '/repo/.git',
        testReport: 'reports/junit.xml',
      }).rules,
    );
    expect(report.categories).toEqual({
      'version-control': 100,
      // use 100, single 100, use-dev 50
      'dependency-management': 83.33,
      // use-linters 100, pylint/is-configured 100 (isort/is-configured has weight 0)
      'code-quality': 100,
      // has-tests 100, pass 80, tests-folder 100
      testing: 93.33,
      ci: 100,
    });
    expect(report.rulesUnsuccessful).toBe(2);
  });
});

describe('report readers', () => {
  it('sums testsuite totals when testsuites has none', () => {
    expect(
      parseJUnitTotals(
        '<testsuites><testsuite tests="3" failures="1" errors="0" skipped="0"/><testsuite tests="2" errors="1"/></testsuites>',
      ),
    ).toEqual({ tests: 5, failures: 1, errors: 1, skipped: 0, passed: 3 });
  });

  it('counts testcases when no totals are given', () => {
    expect(
      parseJUnitTotals(
        "<testsuite name='x'><testcase name='a'/><testcase name='b'><failure message='boom'/></testcase><testcase name='c'><skipped/></testcase></testsuite>",
      ),
    ).toEqual({ tests: 3, failures: 1, errors: 0, skipped: 1, passed: 1 });
  });

  it('rejects non-reports', () => {
    expect(parseJUnitTotals('<html/>')).toBeUndefined();
    expect(
      parseCoberturaLineRate('<coverage line-rate="1.7"/>'),
    ).toBeUndefined();
    expect(parseCoberturaLineRate("<coverage line-rate='0.5'>")).toBe(0.5);
  });
});

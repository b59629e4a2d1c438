import picomatch from 'picomatch';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import {
  MllintCategoryId,
  MllintRuleResult,
} from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../analysis/RepositoryFacts';
import { normaliseName, parseRequirementsFile } from '../analysis/dependencies';
import { RepositorySnapshot } from '../snapshot/types';
import { parseCoberturaLineRate, parseJUnitTotals } from './reports';

/**
 * Options of {@link evaluateMllintRules}, mirroring mllint's configuration
 * (`.mllint.yml` / `[tool.mllint]`). Values given here win over the
 * repository's own mllint configuration, which wins over mllint's defaults.
 *
 * @public
 */
export interface MllintOptions {
  /**
   * Where the scanned checkout's `.git` is. A string: the project is a Git
   * repository; `null`: it was looked for and is not one; undefined (a tree
   * read through a URL reader): unknown, `version-control/code/git` is not
   * scored.
   */
  gitDirectory?: string | null;
  /** `git.maxFileSize`: files above this many bytes are "large". Default 10,000,000. */
  maxFileSize?: number;
  /** `code-quality.linters`. Default pylint, mypy, black, isort, bandit. */
  linters?: string[];
  /** `testing.report`: repository path of a JUnit XML report. */
  testReport?: string;
  /** `testing.coverage.report`: repository path of a Cobertura XML report. */
  coverageReport?: string;
  /** `testing.targets.minimum`. Default 1. */
  minimumTests?: number;
  /** `testing.targets.ratio`. Default 1 test file per 4 other files. */
  testRatio?: { tests: number; other: number };
  /** `testing.coverage.targets.line`, in percent. Default 80. */
  coverageTarget?: number;
  /** `rules.disabled`: slug prefixes of rules to leave out. */
  disabled?: string[];
}

/** mllint's default configuration (§4.4). @public */
export const DEFAULT_MLLINT_OPTIONS = {
  maxFileSize: 10_000_000,
  linters: ['pylint', 'mypy', 'black', 'isort', 'bandit'],
  minimumTests: 1,
  testRatio: { tests: 1, other: 4 },
  coverageTarget: 80,
  disabled: [] as string[],
};

/**
 * mllint's `ShouldBeDevDependencies`: packages that belong in development
 * dependencies, never in runtime ones (§4.2).
 *
 * @public
 */
export const SHOULD_BE_DEV_DEPENDENCIES: readonly string[] = [
  'bandit',
  'black',
  'coverage',
  'darglint',
  'dvc',
  'flake8',
  'flake8-bandit',
  'flake8-bugbear',
  'flake8-docstrings',
  'flake8-rst-docstrings',
  'flakehell',
  'isort',
  'mccabe',
  'mllint',
  'mypy',
  'pandas-vet',
  'pep8-naming',
  'poethepoet',
  'pre-commit',
  'pre-commit-hooks',
  'pyflakes',
  'Pygments',
  'pylama',
  'pylint',
  'pytest',
  'pytest-cov',
  'reorder-python-imports',
  'safety',
  'sphinx',
  'sphinx-rtd-theme',
  'sphinx-click',
  'tox',
  'typeguard',
  'xdoctest',
];

const SHOULD_BE_DEV = new Set(SHOULD_BE_DEV_DEPENDENCIES.map(normaliseName));

/** mllint's rule names, verbatim (§4.2), by slug. */
const RULES: ReadonlyArray<{
  slug: string;
  name: string;
  category: MllintCategoryId;
  weight: number;
}> = [
  ['version-control/code/git', 'Project uses Git'],
  [
    'version-control/code/git-no-big-files',
    'Project should not have any large files in its Git history',
  ],
  ['version-control/data/dvc', 'DVC: Project uses Data Version Control'],
  ['version-control/data/dvc-is-installed', 'DVC: Is installed'],
  [
    'version-control/data/commit-dvc-folder',
    "DVC: Folder '.dvc' should be committed to Git",
  ],
  [
    'version-control/data/dvc-has-remote',
    'DVC: Should have at least one remote data storage configured',
  ],
  [
    'version-control/data/dvc-has-files',
    'DVC: Should be tracking at least one data file',
  ],
  [
    'version-control/data/commit-dvc-lock',
    "DVC: File 'dvc.lock' should be committed to Git",
  ],
  [
    'dependency-management/use',
    'Project properly keeps track of its dependencies',
  ],
  [
    'dependency-management/single',
    'Project should only use one dependency manager',
  ],
  [
    'dependency-management/use-dev',
    'Project places its development dependencies in dev-dependencies',
  ],
  ['code-quality/use-linters', 'Project should use code quality linters'],
  [
    'code-quality/linters-installed',
    'All code quality linters should be installed in the current environment',
  ],
  [
    'code-quality/pylint/no-issues',
    'Pylint reports no issues with this project',
  ],
  [
    'code-quality/pylint/is-configured',
    'Pylint is configured for this project',
  ],
  ['code-quality/mypy/no-issues', 'Mypy reports no issues with this project'],
  ['code-quality/black/no-issues', 'Black reports no issues with this project'],
  ['code-quality/isort/no-issues', 'isort reports no issues with this project'],
  ['code-quality/isort/is-configured', 'isort is properly configured'],
  [
    'code-quality/bandit/no-issues',
    'Bandit reports no issues with this project',
  ],
  ['testing/has-tests', 'Project has automated tests'],
  ['testing/pass', 'Project passes all of its automated tests'],
  ['testing/coverage', 'Project provides a test coverage report'],
  ['testing/tests-folder', 'Tests should be placed in the tests folder'],
  ['ci/use', 'Project uses Continuous Integration (CI)'],
].map(([slug, name]) => ({
  slug,
  name,
  category: slug.split('/')[0] as MllintCategoryId,
  weight: slug === 'code-quality/isort/is-configured' ? 0 : 1,
}));

/**
 * The mllint rules this view evaluates, with their verbatim names, in
 * mllint's order.
 *
 * @public
 */
export const MLLINT_RULES: ReadonlyArray<{
  slug: string;
  name: string;
  category: MllintCategoryId;
  weight: number;
}> = RULES;

type Outcome = { score: number | null; details: string };

const NEEDS_TOOL = (tool: string, artefact: string) =>
  `Not scored: this rule needs ${tool} to run, and ML Debt Scorecards reads the repository without executing tools. Ingest ${artefact} from CI to compare.`;

/** A dependency manager mllint detects at the project root. */
type Manager =
  | {
      kind: 'poetry';
      path: string;
      dependencies: Set<string>;
      devDependencies: Set<string>;
    }
  | {
      kind: 'pipenv';
      path: string;
      dependencies: Set<string>;
      devDependencies: Set<string>;
    }
  | { kind: 'requirements.txt'; path: string; dependencies: Set<string> }
  | { kind: 'setup.py'; path: string; text: string };

const MANAGER_NAMES: Record<Manager['kind'], string> = {
  poetry: 'Poetry',
  pipenv: 'Pipenv',
  'requirements.txt': 'requirements.txt',
  'setup.py': 'setup.py',
};

function readToml(text: string | undefined): Record<string, any> | undefined {
  if (text === undefined) return undefined;
  try {
    return parseToml(text) as Record<string, any>;
  } catch {
    return undefined;
  }
}

function names(table: unknown): Set<string> {
  const result = new Set<string>();
  if (table && typeof table === 'object' && !Array.isArray(table)) {
    for (const name of Object.keys(table)) {
      if (name.toLowerCase() !== 'python') result.add(normaliseName(name));
    }
  } else if (Array.isArray(table)) {
    for (const item of table) {
      const m =
        typeof item === 'string'
          ? /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(item)
          : null;
      if (m) result.add(normaliseName(m[1]));
    }
  }
  return result;
}

/**
 * mllint's dependency managers, detected at the repository root only (like
 * mllint), in mllint's order: Poetry, Pipenv, requirements.txt, setup.py.
 */
function detectManagers(snapshot: RepositorySnapshot): Manager[] {
  const managers: Manager[] = [];
  const pyproject = readToml(snapshot.readText('pyproject.toml'));
  if (
    pyproject?.['build-system']?.['build-backend'] === 'poetry.core.masonry.api'
  ) {
    const poetry = pyproject.tool?.poetry ?? {};
    const dev = names(poetry['dev-dependencies']);
    // Poetry installs no group with the package: every group is development
    // only. mllint looks at `group.dev` alone; we accept all groups.
    for (const group of Object.values<any>(poetry.group ?? {})) {
      for (const n of names(group?.dependencies)) dev.add(n);
    }
    for (const entries of Object.values(pyproject['dependency-groups'] ?? {})) {
      for (const n of names(entries)) dev.add(n);
    }
    const deps = names(poetry.dependencies);
    for (const n of names(pyproject.project?.dependencies)) deps.add(n);
    managers.push({
      kind: 'poetry',
      path: 'pyproject.toml',
      dependencies: deps,
      devDependencies: dev,
    });
  }
  const pipfile = readToml(snapshot.readText('Pipfile'));
  if (pipfile) {
    managers.push({
      kind: 'pipenv',
      path: 'Pipfile',
      dependencies: names(pipfile.packages),
      devDependencies: names(pipfile['dev-packages']),
    });
  }
  if (snapshot.file('requirements.txt')) {
    const text = snapshot.readText('requirements.txt') ?? '';
    managers.push({
      kind: 'requirements.txt',
      path: 'requirements.txt',
      dependencies: new Set(
        parseRequirementsFile(text).requirements.map(r => r.name),
      ),
    });
  }
  if (snapshot.file('setup.py')) {
    managers.push({
      kind: 'setup.py',
      path: 'setup.py',
      text: snapshot.readText('setup.py') ?? '',
    });
  }
  return managers;
}

/** Whether the main manager declares `name` (exact, PEP 503-normalised). */
function hasDependency(manager: Manager | undefined, name: string): boolean {
  if (!manager) return false;
  const n = normaliseName(name);
  switch (manager.kind) {
    case 'poetry':
    case 'pipenv':
      return manager.dependencies.has(n) || manager.devDependencies.has(n);
    case 'requirements.txt':
      return manager.dependencies.has(n);
    case 'setup.py':
      return [
        ...manager.text.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]{0,100})/g),
      ].some(m => normaliseName(m[1]) === n);
    default:
      return false;
  }
}

function list(items: readonly string[]): string {
  return items.map(i => `- ${i}`).join('\n');
}

/** Reads `.mllint.yml` / `.mllint.yaml`, else `[tool.mllint]` in pyproject.toml. */
function readMllintConfig(snapshot: RepositorySnapshot): MllintOptions {
  let config: any;
  for (const p of ['.mllint.yml', '.mllint.yaml']) {
    const text = snapshot.readText(p);
    if (text !== undefined) {
      try {
        config = parseYaml(text);
      } catch {
        config = undefined;
      }
      break;
    }
  }
  if (config === undefined) {
    config = readToml(snapshot.readText('pyproject.toml'))?.tool?.mllint;
  }
  if (!config || typeof config !== 'object') return {};
  const num = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  const str = (v: unknown) =>
    typeof v === 'string' && v.trim() ? v.trim() : undefined;
  const options: MllintOptions = {
    maxFileSize: num(config.git?.maxFileSize),
    linters: Array.isArray(config['code-quality']?.linters)
      ? config['code-quality'].linters.map(String)
      : undefined,
    testReport: str(config.testing?.report),
    coverageReport: str(config.testing?.coverage?.report),
    minimumTests: num(config.testing?.targets?.minimum),
    coverageTarget: num(config.testing?.coverage?.targets?.line),
    disabled: Array.isArray(config.rules?.disabled)
      ? config.rules.disabled.map(String)
      : undefined,
  };
  const ratio = config.testing?.targets?.ratio;
  if (num(ratio?.tests) !== undefined && num(ratio?.other) !== undefined) {
    options.testRatio = { tests: ratio.tests, other: ratio.other };
  }
  return options;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function relative(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}

/**
 * Evaluates mllint's rules (§4.2) on a repository tree, with mllint's slugs,
 * names, weights and formulas, so the result can be compared with an
 * `mllint` report. Nothing is executed:
 *
 * - rules that need a tool (`dvc-is-installed`, `linters-installed`, every
 *   `*\/no-issues`) are not scored (score `null`, with the reason in details);
 * - `testing/pass` and `testing/coverage` are scored only when a JUnit /
 *   Cobertura XML report path is configured and present in the snapshot;
 * - "is committed to Git" becomes "exists in the tree", and
 *   `git-no-big-files` looks at the files of the checked-out tree only.
 *
 * Deliberate improvements on mllint, named in the details: coverage is capped
 * at 100; `[tool.pylint]`, `[tool.mypy]`, setup.cfg `[mypy]`, `[tool.bandit]`
 * and ruff count as linter configuration; dependencies match by exact
 * normalised name rather than by prefix; every Poetry dependency group counts
 * as development dependencies; large files tracked by DVC or Git LFS are not
 * counted.
 *
 * @public
 */
export function evaluateMllintRules(
  snapshot: RepositorySnapshot,
  facts: RepositoryFacts,
  options: MllintOptions = {},
): MllintRuleResult[] {
  const opts = {
    ...DEFAULT_MLLINT_OPTIONS,
    ...stripUndefined(readMllintConfig(snapshot)),
    ...stripUndefined(options),
  };
  const outcomes = new Map<string, Outcome>();
  const set = (slug: string, score: number | null, details: string) =>
    outcomes.set(slug, { score, details });

  // ---- version-control/code ------------------------------------------------
  const gitKnown = options.gitDirectory !== undefined;
  if (!gitKnown) {
    set(
      'version-control/code/git',
      null,
      'Not scored: the repository was read as a file tree, so whether it is a Git repository is unknown.',
    );
  } else if (options.gitDirectory) {
    set(
      'version-control/code/git',
      100,
      `The project is a Git repository (\`${options.gitDirectory}\`).`,
    );
  } else {
    set(
      'version-control/code/git',
      0,
      'The project is not a Git repository. Run `git init` and commit your code.',
    );
  }
  if (gitKnown && !options.gitDirectory) {
    set(
      'version-control/code/git-no-big-files',
      null,
      'Not scored: the project is not a Git repository.',
    );
  } else {
    const lfs = lfsMatcher(snapshot);
    const dvcOuts = dvcTrackedPaths(snapshot, facts);
    const big = snapshot
      .files()
      .filter(
        f =>
          f.size > opts.maxFileSize &&
          !lfs(f.path) &&
          ![...dvcOuts].some(o => f.path === o || f.path.startsWith(`${o}/`)) &&
          !snapshot.file(`${f.path}.dvc`),
      );
    const score = Math.max(100 - 25 * big.length, 0);
    set(
      'version-control/code/git-no-big-files',
      score,
      big.length === 0
        ? `No file in the checked-out tree is larger than ${opts.maxFileSize} bytes (HEAD only: the history was not read; files tracked by DVC or Git LFS are not counted).`
        : `${big.length} file(s) larger than ${
            opts.maxFileSize
          } bytes are committed (HEAD only: the history was not read). Track them with DVC or Git LFS instead:\n\n${list(
            big.map(f => `\`${f.path}\` (${f.size} bytes)`),
          )}`,
    );
  }

  // ---- version-control/data (DVC) -----------------------------------------
  set(
    'version-control/data/dvc-is-installed',
    null,
    NEEDS_TOOL(
      'the `dvc` command on the scanner',
      'nothing: it describes the scanning machine, not the project',
    ),
  );
  if (!snapshot.file('.dvc/config')) {
    const notDvc =
      'The project does not use DVC (no `.dvc/config`), so this rule scores 0, as in mllint.';
    set(
      'version-control/data/dvc',
      0,
      'No `.dvc/config` found: the project does not use Data Version Control. Run `dvc init` and commit the `.dvc` folder.',
    );
    set('version-control/data/commit-dvc-folder', 0, notDvc);
    set('version-control/data/dvc-has-remote', 0, notDvc);
    set('version-control/data/dvc-has-files', 0, notDvc);
    set(
      'version-control/data/commit-dvc-lock',
      null,
      'Not scored: there is no `dvc.lock`.',
    );
  } else {
    set('version-control/data/dvc', 100, 'DVC is initialised (`.dvc/config`).');
    set(
      'version-control/data/commit-dvc-folder',
      100,
      'The `.dvc` folder is in the repository tree (read as a tree, "committed" means "present").',
    );
    const remotes = ['.dvc/config', '.dvc/config.local'].flatMap(p =>
      [
        ...(snapshot.readText(p) ?? '').matchAll(
          /^\s*\[\s*'?remote\s+"([^"\n]{1,200})"'?\s*\]/gm,
        ),
      ].map(m => m[1]),
    );
    set(
      'version-control/data/dvc-has-remote',
      remotes.length > 0 ? 100 : 0,
      remotes.length > 0
        ? `DVC remote(s) configured: ${remotes
            .map(r => `\`${r}\``)
            .join(', ')}.`
        : 'No DVC remote is configured in `.dvc/config`. Add one with `dvc remote add -d <name> <url>` so data can be shared and restored.',
    );
    const tracked = [
      ...snapshot
        .files()
        .filter(f => f.path.endsWith('.dvc') && !f.path.startsWith('.dvc/'))
        .map(f => f.path),
      ...[...dvcTrackedPaths(snapshot, facts)].map(p => `${p} (dvc.yaml out)`),
    ];
    set(
      'version-control/data/dvc-has-files',
      tracked.length > 0 ? 100 : 0,
      tracked.length > 0
        ? `DVC tracks ${tracked.length} item(s):\n\n${list(
            tracked.slice(0, 10).map(t => `\`${t}\``),
          )}`
        : 'DVC tracks no files: no `*.dvc` file and no `outs` in `dvc.yaml`. Track data with `dvc add <path>`.',
    );
    if (snapshot.file('dvc.lock')) {
      set(
        'version-control/data/commit-dvc-lock',
        100,
        '`dvc.lock` is in the repository tree.',
      );
    } else {
      set(
        'version-control/data/commit-dvc-lock',
        null,
        'Not scored: there is no `dvc.lock`.',
      );
    }
  }

  // ---- dependency-management ----------------------------------------------
  const managers = detectManagers(snapshot);
  const kinds = managers.map(m => m.kind);
  const found = managers.map(m => `${MANAGER_NAMES[m.kind]} (\`${m.path}\`)`);
  const rootOnly =
    'Like mllint, only dependency files at the repository root are considered.';
  if (kinds.includes('poetry') || kinds.includes('pipenv')) {
    set(
      'dependency-management/use',
      100,
      `The project manages its dependencies with ${found.join(', ')}.`,
    );
  } else if (kinds.includes('requirements.txt')) {
    set(
      'dependency-management/use',
      20,
      `Only a \`requirements.txt\` tracks dependencies: better than nothing, but it does not separate direct from transitive dependencies, nor runtime from development ones. Use Poetry or Pipenv. ${rootOnly}`,
    );
  } else if (kinds.includes('setup.py')) {
    set(
      'dependency-management/use',
      30,
      `Only a \`setup.py\` tracks dependencies: better than nothing, but not recommended. Use Poetry or Pipenv. ${rootOnly}`,
    );
  } else {
    set(
      'dependency-management/use',
      0,
      `No dependency manager found (Poetry \`pyproject.toml\`, \`Pipfile\`, \`requirements.txt\` or \`setup.py\`). ${rootOnly}`,
    );
  }
  let singleDetails = 'No dependency manager found.';
  if (managers.length === 1) {
    singleDetails = `The project uses one dependency manager: ${found[0]}.`;
  } else if (managers.length > 1) {
    singleDetails = `The project uses ${
      managers.length
    } dependency managers: ${found.join(
      ', ',
    )}. Pick the one most suited to the project and team, then stick with it.`;
  }
  set(
    'dependency-management/single',
    managers.length === 1 ? 100 : 0,
    singleDetails,
  );
  const main = managers[0];
  if (!main) {
    set('dependency-management/use-dev', 0, 'No dependency manager found.');
  } else if (main.kind === 'requirements.txt' || main.kind === 'setup.py') {
    set(
      'dependency-management/use-dev',
      0,
      `The main dependency manager, ${
        MANAGER_NAMES[main.kind]
      }, cannot separate development dependencies from runtime ones. Use Poetry or Pipenv.`,
    );
  } else {
    const misplaced = [...main.dependencies].filter(
      n => SHOULD_BE_DEV.has(n) && !main.devDependencies.has(n),
    );
    set(
      'dependency-management/use-dev',
      Math.max(100 - 50 * misplaced.length, 0),
      misplaced.length === 0
        ? `No development tool is declared as a runtime dependency in \`${main.path}\`.`
        : `These development tools are runtime dependencies in \`${
            main.path
          }\`; move them to the development dependencies:\n\n${list(
            misplaced.map(n => `\`${n}\``),
          )}`,
    );
  }

  // ---- code-quality ----------------------------------------------------------
  const pyproject = readToml(snapshot.readText('pyproject.toml'));
  const tool = (pyproject?.tool ?? {}) as Record<string, any>;
  const setupCfg = snapshot.readText('setup.cfg') ?? '';
  const preCommit = snapshot.readText('.pre-commit-config.yaml') ?? '';
  const ruffConfigured =
    Boolean(snapshot.file('ruff.toml')) ||
    Boolean(snapshot.file('.ruff.toml')) ||
    'ruff' in tool;
  const ruffUsed =
    ruffConfigured ||
    hasDependency(main, 'ruff') ||
    /\bruff(?:-pre-commit)?\b/.test(preCommit);
  const ruffFormat =
    /\bid:\s*ruff-format\b/.test(preCommit) ||
    facts.ciFiles.some(f =>
      f.commands.some(c => /\bruff\s+format\b/.test(c.command)),
    );
  const configured: Record<string, { mllint: string[]; ours: string[] }> = {
    pylint: {
      mllint: ['pylintrc', '.pylintrc'].filter(p => snapshot.file(p)),
      ours: [
        ...('pylint' in tool ? ['[tool.pylint] in pyproject.toml'] : []),
        ...(ruffUsed ? ['ruff (covers pylint-style linting)'] : []),
      ],
    },
    mypy: {
      mllint: ['mypy.ini', '.mypy.ini'].filter(p => snapshot.file(p)),
      ours: [
        ...('mypy' in tool ? ['[tool.mypy] in pyproject.toml'] : []),
        ...(/^\s*\[mypy\]/m.test(setupCfg) ? ['[mypy] in setup.cfg'] : []),
      ],
    },
    black: {
      mllint: 'black' in tool ? ['[tool.black] in pyproject.toml'] : [],
      ours: ruffUsed && ruffFormat ? ['ruff format'] : [],
    },
    isort: {
      mllint: [
        ...(snapshot.file('.isort.cfg') ? ['.isort.cfg'] : []),
        ...('isort' in tool ? ['[tool.isort] in pyproject.toml'] : []),
      ],
      ours: ruffUsed ? ['ruff (covers import sorting)'] : [],
    },
    bandit: {
      mllint: snapshot.file('.bandit') ? ['.bandit'] : [],
      ours: 'bandit' in tool ? ['[tool.bandit] in pyproject.toml'] : [],
    },
  };
  const desired = opts.linters.map(l => l.toLowerCase());
  const lines: string[] = [];
  const missing: string[] = [];
  for (const linter of desired) {
    const c = configured[linter] ?? { mllint: [], ours: [] };
    const dep = hasDependency(main, linter);
    if (c.mllint.length > 0) {
      lines.push(`\`${linter}\`: configured (${c.mllint.join(', ')})`);
    } else if (dep) {
      lines.push(
        `\`${linter}\`: a dependency of ${MANAGER_NAMES[main!.kind]} (\`${
          main!.path
        }\`)`,
      );
    } else if (c.ours.length > 0) {
      lines.push(
        `\`${linter}\`: covered by ${c.ours.join(
          ', ',
        )} (recognised by ML Debt Scorecards, not by mllint)`,
      );
    } else {
      missing.push(linter);
      lines.push(`\`${linter}\`: **missing**`);
    }
  }
  set(
    'code-quality/use-linters',
    desired.length === 0 ? 100 : 100 * (1 - missing.length / desired.length),
    `${
      missing.length === 0
        ? 'All desired linters are used.'
        : `The project should use ${missing.length} more linter(s) to measure the quality of its code.`
    }\n\n${list(lines)}`,
  );
  set(
    'code-quality/linters-installed',
    null,
    NEEDS_TOOL(
      'the linters installed on the scanner',
      'nothing: it describes the scanning machine, not the project',
    ),
  );
  set(
    'code-quality/pylint/no-issues',
    null,
    NEEDS_TOOL('Pylint', 'a `pylint -f json` report'),
  );
  const pylintFiles = [
    ...configured.pylint.mllint,
    ...('pylint' in tool ? ['[tool.pylint] in pyproject.toml'] : []),
  ];
  set(
    'code-quality/pylint/is-configured',
    pylintFiles.length > 0 ? 100 : 0,
    pylintFiles.length > 0
      ? `Pylint is configured: ${pylintFiles.join(', ')}${
          configured.pylint.mllint.length === 0
            ? ' (`[tool.pylint]` is recognised by ML Debt Scorecards, not by mllint)'
            : ''
        }.`
      : 'No `pylintrc` or `.pylintrc` at the repository root. Generate one with `pylint --generate-rcfile > .pylintrc` and tune it.',
  );
  set('code-quality/mypy/no-issues', null, NEEDS_TOOL('Mypy', 'a Mypy report'));
  set(
    'code-quality/black/no-issues',
    null,
    NEEDS_TOOL('Black', 'the output of `black --check`'),
  );
  set(
    'code-quality/isort/no-issues',
    null,
    NEEDS_TOOL('isort', 'the output of `isort -c`'),
  );
  const isortProfile = tool.isort?.profile;
  set(
    'code-quality/isort/is-configured',
    isortProfile === 'black' ? 100 : 0,
    isortProfile === 'black'
      ? '`[tool.isort]` uses `profile = "black"`. (Weight 0: shown, not counted.)'
      : 'isort should be configured in `pyproject.toml` with `[tool.isort]` and `profile = "black"`, so it agrees with Black. (Weight 0: shown, not counted.)',
  );
  set(
    'code-quality/bandit/no-issues',
    null,
    NEEDS_TOOL('Bandit', 'a `bandit -f yaml` report'),
  );

  // ---- testing ------------------------------------------------------------------
  const pyFiles = snapshot
    .glob('**/*.py')
    .map(f => f.path)
    .filter(p => !p.split('/').some(seg => seg.startsWith('.')));
  const testFiles = pyFiles.filter(p => {
    const base = p.split('/').pop()!;
    return base.startsWith('test_') || base.endsWith('_test.py');
  });
  const ratio = opts.testRatio;
  const target = ratio.tests / (ratio.tests + ratio.other);
  if (testFiles.length < opts.minimumTests || pyFiles.length === 0) {
    set(
      'testing/has-tests',
      0,
      `The project has ${testFiles.length} test file(s) (\`test_*.py\` or \`*_test.py\`), fewer than the minimum of ${opts.minimumTests}.`,
    );
  } else {
    const share = testFiles.length / pyFiles.length;
    set(
      'testing/has-tests',
      Math.min((100 * share) / target, 100),
      `${testFiles.length} of ${pyFiles.length} Python files are tests (${(
        share * 100
      ).toFixed(1)}%); the target ratio is ${ratio.tests} test file per ${
        ratio.other
      } other files (${(target * 100).toFixed(0)}%).`,
    );
  }
  set('testing/pass', ...testsPass(snapshot, opts.testReport));
  set(
    'testing/coverage',
    ...coverage(snapshot, opts.coverageReport, opts.coverageTarget),
  );
  if (testFiles.length === 0) {
    const hasFolder = snapshot.exists('tests');
    set(
      'testing/tests-folder',
      hasFolder ? 100 : 0,
      hasFolder
        ? 'There are no test files yet, but a `tests` folder exists.'
        : 'There are no test files and no `tests` folder at the repository root.',
    );
  } else {
    const outside = testFiles.filter(p => !p.startsWith('tests/'));
    set(
      'testing/tests-folder',
      100 * (1 - outside.length / testFiles.length),
      outside.length === 0
        ? 'All test files are in the `tests` folder.'
        : `${outside.length} of ${
            testFiles.length
          } test files are outside the \`tests\` folder:\n\n${list(
            outside.slice(0, 10).map(p => `\`${p}\``),
          )}`,
    );
  }

  // ---- ci ------------------------------------------------------------------------
  const providers = [
    [
      'Azure Pipelines',
      'azure-pipelines.yml',
      Boolean(snapshot.file('azure-pipelines.yml')),
    ],
    [
      'GitHub Actions',
      '.github/workflows/',
      snapshot.files().some(f => f.path.startsWith('.github/workflows/')),
    ],
    ['GitLab CI', '.gitlab-ci.yml', Boolean(snapshot.file('.gitlab-ci.yml'))],
    ['Travis CI', '.travis.yml', Boolean(snapshot.file('.travis.yml'))],
  ] as const;
  const ci = providers.filter(p => p[2]);
  set(
    'ci/use',
    ci.length > 0 ? 100 : 0,
    ci.length > 0
      ? `The project uses ${ci.map(p => `${p[0]} (\`${p[1]}\`)`).join(', ')}.`
      : 'No CI configuration found at the repository root (mllint recognises Azure Pipelines, GitHub Actions, GitLab CI and Travis CI).',
  );

  const disabled = opts.disabled;
  return RULES.filter(
    r =>
      !disabled.some(
        prefix =>
          r.slug === prefix ||
          r.slug.startsWith(`${prefix.replace(/\/$/, '')}/`),
      ),
  ).map(r => {
    const o = outcomes.get(r.slug)!;
    return {
      ...r,
      score: o.score === null ? null : Math.round(o.score * 100) / 100,
      details: o.details,
    };
  });
}

function testsPass(
  snapshot: RepositorySnapshot,
  report: string | undefined,
): [number | null, string] {
  if (!report) {
    return [
      null,
      'Not scored: no JUnit XML test report was configured (mllint `testing.report`). Generate one in CI with `pytest --junitxml=tests-report.xml` and pass its path.',
    ];
  }
  const p = relative(report);
  if (!snapshot.file(p)) {
    return [
      null,
      `Not scored: the test report \`${p}\` is not in the repository tree.`,
    ];
  }
  const text = snapshot.readText(p);
  if (text === undefined) {
    return [
      null,
      `Not scored: the test report \`${p}\` could not be read (${snapshot.unreadableReason(
        p,
      )}).`,
    ];
  }
  const totals = parseJUnitTotals(text);
  if (!totals) {
    return [0, `\`${p}\` is not a valid JUnit XML report.`];
  }
  if (totals.tests === 0) {
    return [0, `No tests were run, according to \`${p}\`.`];
  }
  return [
    (100 * totals.passed) / totals.tests,
    `${totals.passed} of ${totals.tests} tests passed (${totals.failures} failed, ${totals.errors} errors, ${totals.skipped} skipped), according to \`${p}\`.`,
  ];
}

function coverage(
  snapshot: RepositorySnapshot,
  report: string | undefined,
  targetLine: number,
): [number | null, string] {
  if (!report) {
    return [
      null,
      'Not scored: no Cobertura XML coverage report was configured (mllint `testing.coverage.report`). Generate one in CI with `pytest --cov --cov-report=xml` and pass its path.',
    ];
  }
  const p = relative(report);
  if (!snapshot.file(p)) {
    return [
      null,
      `Not scored: the coverage report \`${p}\` is not in the repository tree.`,
    ];
  }
  const text = snapshot.readText(p);
  if (text === undefined) {
    return [
      null,
      `Not scored: the coverage report \`${p}\` could not be read (${snapshot.unreadableReason(
        p,
      )}).`,
    ];
  }
  const rate = parseCoberturaLineRate(text);
  if (rate === undefined) {
    return [0, `\`${p}\` is not a valid Cobertura XML coverage report.`];
  }
  const percent = rate * 100;
  if (targetLine <= 0) {
    return [100, `Line coverage is ${percent.toFixed(1)}%; no target is set.`];
  }
  const raw = (100 * percent) / targetLine;
  return [
    Math.min(raw, 100),
    `Line coverage is ${percent.toFixed(
      1,
    )}% against a target of ${targetLine}%, according to \`${p}\`.${
      raw > 100
        ? ' (mllint would report more than 100% here; ML Debt Scorecards caps the score at 100.)'
        : ''
    }`,
  ];
}

/** Paths matched by `filter=lfs` patterns of the root `.gitattributes`. */
function lfsMatcher(snapshot: RepositorySnapshot): (p: string) => boolean {
  const text = snapshot.readText('.gitattributes');
  if (!text) return () => false;
  const patterns = text
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#') && /\bfilter=lfs\b/.test(l))
    .map(l => l.split(/\s+/)[0]);
  if (patterns.length === 0) return () => false;
  const matchers = patterns.map(pattern =>
    pattern.includes('/')
      ? picomatch(pattern.replace(/^\//, ''), { dot: true })
      : picomatch(pattern, { dot: true, basename: true }),
  );
  return p => matchers.some(m => m(p));
}

/** Outputs declared in `dvc.yaml` stages, as repository paths. */
function dvcTrackedPaths(
  snapshot: RepositorySnapshot,
  facts: RepositoryFacts,
): Set<string> {
  const result = new Set<string>();
  for (const f of snapshot.glob('**/dvc.yaml')) {
    const dir = f.path.includes('/')
      ? f.path.slice(0, f.path.lastIndexOf('/') + 1)
      : '';
    for (const doc of facts.yaml(f.path)) {
      const stages = (doc as any)?.stages;
      if (!stages || typeof stages !== 'object') continue;
      for (const stage of Object.values<any>(stages)) {
        for (const out of [
          ...(Array.isArray(stage?.outs) ? stage.outs : []),
          ...(Array.isArray(stage?.metrics) ? stage.metrics : []),
          ...(Array.isArray(stage?.plots) ? stage.plots : []),
        ]) {
          let name: string | undefined;
          if (typeof out === 'string') name = out;
          else if (out && typeof out === 'object') name = Object.keys(out)[0];
          if (name) result.add(relative(`${dir}${name}`));
        }
      }
    }
  }
  return result;
}

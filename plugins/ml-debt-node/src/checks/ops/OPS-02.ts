import { parse as parseToml } from 'smol-toml';
import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, snippet } from '../support';
import { automationEvidence, automationMatching } from './support';

/** mllint's default desired linters, each with the tools that fill its role. */
type Slot = 'pylint' | 'mypy' | 'black' | 'isort' | 'bandit';
const SLOTS: Slot[] = ['pylint', 'mypy', 'black', 'isort', 'bandit'];

/** Config files that configure a tool, by base name. */
const CONFIG_FILES: Array<[RegExp, Slot, string]> = [
  [/^\.?pylintrc$/, 'pylint', 'pylint'],
  [/^\.flake8$/, 'pylint', 'flake8'],
  [/^\.?ruff\.toml$/, 'pylint', 'ruff'],
  [/^\.?mypy\.ini$/, 'mypy', 'mypy'],
  [/^pyrightconfig\.json$/, 'mypy', 'pyright'],
  [/^\.isort\.cfg$/, 'isort', 'isort'],
  [/^\.bandit$/, 'bandit', 'bandit'],
];
/** `[tool.X]` sections of pyproject.toml and the role of X. */
const PYPROJECT_TOOLS: Record<string, Slot> = {
  pylint: 'pylint',
  flake8: 'pylint',
  ruff: 'pylint',
  mypy: 'mypy',
  pyright: 'mypy',
  black: 'black',
  isort: 'isort',
  bandit: 'bandit',
};
/** `[section]` headers of setup.cfg / tox.ini. */
const INI_SECTION = /^\[(flake8|mypy|isort|tool:isort|pylint[.\w]*|bandit)\]/m;
/** Dependencies and pre-commit hook ids, by name. */
const TOOL_NAMES: Record<string, Slot> = {
  pylint: 'pylint',
  flake8: 'pylint',
  ruff: 'pylint',
  'ruff-check': 'pylint',
  mypy: 'mypy',
  pyright: 'mypy',
  black: 'black',
  'ruff-format': 'black',
  isort: 'isort',
  bandit: 'bandit',
};
const LINT_COMMAND =
  /\b(?:pre-commit\s+run|ruff(?:\s+(?:check|format))?|flake8|pylint|mypy|pyright|black|isort|bandit)\b/;

interface Found {
  slot: Slot;
  tool: string;
  evidence: Evidence;
}

/** The rule codes a ruff configuration selects (`select` + `extend-select`, top level or `[lint]`). */
function ruffSelected(config: any): string[] {
  if (!config || typeof config !== 'object') return [];
  const lists = [
    config.select,
    config['extend-select'],
    config.lint?.select,
    config.lint?.['extend-select'],
  ];
  return lists.flatMap(l => (Array.isArray(l) ? l.map(String) : []));
}

/** What ruff stands in for beyond pylint/flake8: isort with `I`, bandit with `S`, black when it formats. */
function ruffCovers(config: any, path: string, found: Found[]): void {
  const selected = ruffSelected(config);
  const has = (code: string) => selected.some(s => s === 'ALL' || s === code);
  if (has('I'))
    found.push({
      slot: 'isort',
      tool: 'ruff (I rules)',
      evidence: fileEvidence(path, 'ruff sorts imports (rule set I)'),
    });
  if (has('S'))
    found.push({
      slot: 'bandit',
      tool: 'ruff (S rules)',
      evidence: fileEvidence(path, 'ruff runs the bandit rules (rule set S)'),
    });
  if (config?.format && typeof config.format === 'object')
    found.push({
      slot: 'black',
      tool: 'ruff format',
      evidence: fileEvidence(path, 'ruff formats the code'),
    });
}

function findLinters(facts: RepositoryFacts): {
  found: Found[];
  preCommit?: string;
} {
  const { snapshot } = facts;
  const found: Found[] = [];
  for (const file of snapshot.files()) {
    const base = file.path.split('/').pop()!;
    for (const [pattern, slot, tool] of CONFIG_FILES) {
      if (!pattern.test(base)) continue;
      found.push({
        slot,
        tool,
        evidence: fileEvidence(file.path, `${tool} configuration`),
      });
      if (tool === 'ruff') {
        try {
          ruffCovers(
            parseToml(snapshot.readText(file.path) ?? ''),
            file.path,
            found,
          );
        } catch {
          // An unparsable ruff.toml still configures ruff; it just covers nothing more.
        }
      }
    }
    if (base === 'setup.cfg' || base === 'tox.ini') {
      const m = snapshot.search(INI_SECTION, file.path);
      for (const hit of m) {
        const name = /\[(?:tool:)?(\w+)/.exec(hit.text)![1];
        const slot = TOOL_NAMES[name] ?? PYPROJECT_TOOLS[name];
        if (slot)
          found.push({
            slot,
            tool: name,
            evidence: {
              message: `${name} configuration`,
              path: hit.path,
              line: hit.line,
              snippet: snippet(hit.text),
            },
          });
      }
    }
  }
  for (const manifest of facts.dependencyManifests) {
    const names = new Set<string>();
    manifest.requirements?.requirements.forEach(r => names.add(r.name));
    if (manifest.pyproject) {
      manifest.pyproject.dependencies.forEach(r => names.add(r.name));
      manifest.pyproject.devDependencies.forEach(n => names.add(n));
      for (const tool of manifest.pyproject.tools) {
        const slot = PYPROJECT_TOOLS[tool];
        if (slot)
          found.push({
            slot,
            tool,
            evidence: fileEvidence(
              manifest.path,
              `[tool.${tool}] configuration`,
            ),
          });
      }
      ruffCovers(manifest.pyproject.data.tool?.ruff, manifest.path, found);
    }
    for (const name of names) {
      const slot = TOOL_NAMES[name];
      if (slot)
        found.push({
          slot,
          tool: name,
          evidence: fileEvidence(
            manifest.path,
            `${name} is a declared dependency`,
          ),
        });
    }
  }
  const preCommit = snapshot.glob([
    '.pre-commit-config.yaml',
    '.pre-commit-config.yml',
  ])[0]?.path;
  if (preCommit) {
    for (const doc of facts.yaml(preCommit)) {
      for (const repo of ((doc as any)?.repos ?? []) as any[]) {
        for (const hook of (repo?.hooks ?? []) as any[]) {
          const id = String(hook?.id ?? '');
          const slot = TOOL_NAMES[id];
          if (slot)
            found.push({
              slot,
              tool: id === 'ruff-format' ? 'ruff format' : id,
              evidence: {
                message: `pre-commit hook ${id}`,
                path: preCommit,
                line: lineOfHook(facts, preCommit, id),
              },
            });
        }
      }
    }
  }
  const format = automationMatching(facts, /\bruff\s+format\b/)[0];
  if (format)
    found.push({
      slot: 'black',
      tool: 'ruff format',
      evidence: automationEvidence(format, 'CI formats with ruff'),
    });
  return { found, preCommit };
}

function lineOfHook(
  facts: RepositoryFacts,
  path: string,
  id: string,
): number | undefined {
  return facts.snapshot.search(
    new RegExp(`id:\\s*${id.replace(/[-.]/g, '\\$&')}\\s*$`, 'm'),
    path,
  )[0]?.line;
}

/**
 * OPS-02 — No code-quality linters or pre-commit (mllint
 * `code-quality/use-linters`, with ruff, flake8 and pyright as modern
 * equivalents).
 */
export const OPS_02: MlDebtCheck = {
  id: 'OPS-02',
  title: 'No code-quality linters or pre-commit hooks',
  category: 'operations',
  weight: 1,
  confidence: 'high',
  mlTestScore: [],
  debtType: 'Cultural / code debt',
  appliesToExperimental: false,
  rationale:
    'ML code that is never linted accumulates unused imports, shadowed variables, unsafe deserialisation and untyped interfaces between pipeline stages, the code debt that van Oort et al. (2021) found throughout open-source ML projects. mllint expects a linter, a type checker, a formatter, an import sorter and a security scanner (pylint, mypy, black, isort and bandit, or equivalents such as ruff), ideally enforced by pre-commit and CI.',
  references: [
    'mllint rule code-quality/use-linters',
    'van Oort et al. 2021, The Prevalence of Code Smells in Machine Learning projects',
    'pre-commit, ruff, mypy and bandit documentation',
  ],
  remediation: [
    'Adopt ruff (lint, import sorting with the I rules, bandit checks with the S rules, and `ruff format`), mypy and bandit, configured in pyproject.toml.',
    'Run them through pre-commit (.pre-commit-config.yaml) and in CI with `pre-commit run --all-files`, so that every change is checked.',
    'Allow ML naming conventions such as `X_train` (ruff N803/N806, pylint good-names) instead of disabling the linter, and add dslinter for ML-specific smells.',
  ],
  evaluate({ facts }) {
    if (facts.sources.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No Python code or notebooks: the Python linters mllint expects do not apply.',
      };
    }
    const { found, preCommit } = findLinters(facts);
    const bySlot = new Map<Slot, Found[]>();
    for (const f of found)
      bySlot.set(f.slot, [...(bySlot.get(f.slot) ?? []), f]);
    const missing = SLOTS.filter(s => !bySlot.has(s));
    const score = 100 * (1 - missing.length / SLOTS.length);

    const ciLint = automationMatching(facts, LINT_COMMAND).filter(
      l => l.kind === 'ci',
    );
    const preCommitAction = facts.ciFiles.find(f =>
      /^\s*-?\s*uses:\s*pre-commit\/action@/m.test(f.text),
    );
    const automated = ciLint.length > 0 || preCommitAction !== undefined;

    const evidence: Evidence[] = [];
    for (const slot of SLOTS) {
      const first = bySlot.get(slot)?.[0];
      if (first)
        evidence.push({
          ...first.evidence,
          message: `${slot} role: ${first.evidence.message}`,
        });
    }
    if (preCommit)
      evidence.push(fileEvidence(preCommit, 'pre-commit hooks are configured'));
    if (ciLint[0])
      evidence.push(automationEvidence(ciLint[0], 'CI runs the linters'));
    else if (preCommitAction)
      evidence.push({
        message: 'CI runs pre-commit (pre-commit/action)',
        path: preCommitAction.path,
        line: facts.snapshot.search(
          /uses:\s*pre-commit\/action@/,
          preCommitAction.path,
        )[0]?.line,
      });
    for (const slot of missing)
      evidence.push({ message: `No ${slot} or equivalent is configured` });

    const covered = SLOTS.filter(s => bySlot.has(s))
      .map(s => bySlot.get(s)![0].tool)
      .filter((t, i, all) => all.indexOf(t) === i);
    let where = 'not run by CI or pre-commit';
    if (automated) where = 'enforced in CI';
    else if (preCommit) where = 'run by pre-commit hooks, not CI';
    if (missing.length === 0) {
      return {
        status: 'pass',
        summary: `Code-quality tools cover linting, typing, formatting, import sorting and security (${covered.join(
          ', ',
        )}), ${where}.`,
        evidence,
        automation: automated ? 'automated' : 'manual',
      };
    }
    if (missing.length === SLOTS.length) {
      return {
        status: 'fail',
        score: 0,
        summary: `No code-quality linters are configured or declared (none of pylint/ruff/flake8, mypy, black, isort, bandit)${
          preCommit ? '; pre-commit runs other hooks only' : ''
        }.`,
        evidence,
      };
    }
    return {
      status: 'warn',
      score,
      summary: `${covered.join(', ')} ${
        covered.length === 1 ? 'is' : 'are'
      } configured (${where}); missing: ${missing.join(', ')}.`,
      evidence,
      automation: automated ? 'automated' : 'manual',
    };
  },
};

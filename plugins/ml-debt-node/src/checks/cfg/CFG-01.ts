import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import type { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { matchesOf } from '../../analysis/sourceText';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN, lineEvidence } from '../support';
import { blocks, candidateLines, configFiles, mayMatch } from './support';

/** Hyperparameter names of the CFG-01 card. */
const HP_NAMES =
  'learning_rate|lr|n_estimators|max_depth|min_samples_leaf|batch_size|epochs|num_epochs|dropout|weight_decay|momentum|C|alpha|gamma|l1_ratio|num_layers|n_layers|hidden_size|max_iter|num_leaves|subsample|colsample_bytree|warmup_steps';

/** `lr=0.01`, `epochs = 10`, `C=1e3`, `alpha=.5` — a hyperparameter bound to a numeric literal. */
const HARD_CODED = new RegExp(
  `\\b(${HP_NAMES})\\s*=(?!=)\\s*-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?(?![\\w.])`,
  'g',
);

/** Calls whose keyword defaults are CLI flags, i.e. already externalised. */
const CLI_DEFINITION =
  /\badd_argument\(|\bclick\.option\(|@option\(|\btyper\.Option\(|\bset_defaults\(|\bflags\.DEFINE_\w+\(/;

/** A hyperparameter flag: `add_argument("--lr", …)`, `click.option("--epochs")`. */
const HP_FLAG = new RegExp(
  `(?:add_argument|click\\.option|typer\\.Option|DEFINE_\\w+)\\(\\s*["'](?:--?)?(?:${HP_NAMES.replace(
    /_/g,
    '[-_]',
  )}|learning-rate)["']`,
);

/** Code that loads externalised configuration. */
const CONFIG_CODE =
  /@hydra\.main\b|\bOmegaConf\b|\bgin\.(?:configurable|parse_config\w*)\b|@gin\.|\bml_collections\b|\bBaseSettings\b|\bLightningCLI\b|\bjsonargparse\b/;

/** Typed/structured validation of configuration. */
const VALIDATION_CODE =
  /\bConfigStore\b|\bOmegaConf\.structured\(|\bBaseSettings\b|\bjsonschema\b|\bvalidate\(\s*instance\s*=/;
const CONFIG_CLASS =
  /(?:Config|Conf|Cfg|Params|Parameters|Settings|Hparams|HParams|Hyperparameters|Options|Args)$/;

const PLOTTING =
  /\b(?:plt|ax\w*|axes|sns|fig)\.|\.(?:plot|scatter|hist|bar|barh|imshow|fill_between)\(/;

interface Finding {
  source: PythonSource;
  line: number;
  name: string;
}

/** A class statement: without one, a source has no config class. */
const CLASS_LINE = /\bclass\s/;

/** Line ranges of config classes (dataclass / pydantic) — defaults there are the config itself. */
function configClassRanges(source: PythonSource): Array<[number, number]> {
  if (!mayMatch(source, CLASS_LINE)) return [];
  return blocks(source)
    .filter(b => {
      if (b.kind !== 'class') return false;
      const decorated =
        /@(?:dataclasses\.)?dataclass\b|@attr\.s\b|@define\b/.test(
          source.code.slice(Math.max(0, b.line - 4), b.line - 1).join('\n'),
        );
      return (
        decorated ||
        /\((?:[^)]*\b)?(?:BaseModel|BaseSettings)\b/.test(b.header) ||
        CONFIG_CLASS.test(b.name)
      );
    })
    .map(b => [b.line, b.endLine]);
}

/** A line that defines a command-line flag. */
const FLAG_DEFINITION =
  /\b(?:add_argument|click\.option|typer\.Option|DEFINE_\w+)\(/;

/** Necessary for a {@link HARD_CODED} match: `=`, then a number. */
const NUMERIC_ASSIGNMENT = /=\s*-?\.?\d/;

const nameAssignmentCache = new Map<string, RegExp>();

/** `\bname\s*=`, compiled once per hyperparameter name. */
function nameAssignment(name: string): RegExp {
  let regex = nameAssignmentCache.get(name);
  if (!regex) {
    regex = new RegExp(`\\b${name}\\s*=`);
    nameAssignmentCache.set(name, regex);
  }
  return regex;
}

function hardCoded(source: PythonSource): Finding[] {
  const findings: Finding[] = [];
  let ranges: Array<[number, number]> | undefined;
  // No `= <number>` on the line, no hard-coded value (cheap prefilter).
  for (const l of candidateLines(source, NUMERIC_ASSIGNMENT)) {
    if (!NUMERIC_ASSIGNMENT.test(l.text)) continue;
    // Function-signature defaults (multi-line signatures are one logical line).
    if (/^(?:async\s+)?def\s/.test(l.text)) continue;
    if (CLI_DEFINITION.test(l.text)) continue;
    ranges ??= configClassRanges(source);
    if (ranges.some(([from, to]) => l.line > from && l.line <= to)) continue;
    for (const m of matchesOf(l.text, HARD_CODED)) {
      if (/\blambda\b[^:]*$/.test(l.text.slice(0, m.index))) continue;
      // Plot transparency, not a regularisation strength.
      if (m[1] === 'alpha' && PLOTTING.test(l.text)) continue;
      // Report the physical line of the match inside a multi-line call.
      let line = l.line;
      for (let i = l.line; i <= l.endLine; i++) {
        if (nameAssignment(m[1]).test(source.code[i - 1] ?? '')) {
          line = i;
          break;
        }
      }
      findings.push({ source, line, name: m[1] });
    }
  }
  return findings;
}

interface ConfigEvidence {
  sources: Evidence[];
  validation: Evidence[];
  paths: string[];
}

function configEvidence(facts: RepositoryFacts): ConfigEvidence {
  const files = configFiles(facts);
  const sources: Evidence[] = files.map(p =>
    fileEvidence(p, 'Externalised configuration file'),
  );
  const validation: Evidence[] = [];
  const paths = [...files];
  for (const source of facts.productionSources) {
    if (source.kind !== 'python') continue;
    // Every line the rules below can match, found in one pass.
    const lines = candidateLines(
      source,
      CONFIG_CODE,
      FLAG_DEFINITION,
      VALIDATION_CODE,
      CLASS_LINE,
    );
    for (const l of lines) {
      if (CONFIG_CODE.test(l.text)) {
        sources.push(
          lineEvidence(
            source,
            l.line,
            'Configuration is loaded from outside the code',
          ),
        );
        paths.push(source.path);
        break;
      }
      if (FLAG_DEFINITION.test(l.text)) {
        const original = source.lines.slice(l.line - 1, l.endLine).join(' ');
        if (HP_FLAG.test(original)) {
          sources.push(
            lineEvidence(
              source,
              l.line,
              'Hyperparameters are command-line flags',
            ),
          );
          paths.push(source.path);
          break;
        }
      }
    }
    const typed = lines.find(l => VALIDATION_CODE.test(l.text));
    if (typed) {
      validation.push(
        lineEvidence(
          source,
          typed.line,
          'Configuration is validated against a typed schema',
        ),
      );
      continue;
    }
    if (!lines.some(l => CLASS_LINE.test(l.text))) continue;
    const cls = blocks(source).find(
      b =>
        b.kind === 'class' &&
        CONFIG_CLASS.test(b.name) &&
        (/\((?:[^)]*\b)?(?:BaseModel|BaseSettings)\b/.test(b.header) ||
          /@(?:dataclasses\.)?dataclass\b|@attr\.s\b|@define\b/.test(
            source.code.slice(Math.max(0, b.line - 4), b.line - 1).join('\n'),
          )),
    );
    if (cls) {
      validation.push(
        lineEvidence(source, cls.line, `Typed configuration class ${cls.name}`),
      );
    }
  }
  for (const f of facts.snapshot.files()) {
    if (
      /(?:^|\/)[^/]*schema[^/]*\.json$/i.test(f.path) &&
      !facts.isTest(f.path)
    ) {
      validation.push(fileEvidence(f.path, 'JSON Schema for configuration'));
    }
  }
  return { sources, validation, paths };
}

/** Whether CODEOWNERS assigns reviewers to one of the config paths (ML Test Score Model 1). */
function codeOwnersCover(facts: RepositoryFacts, paths: string[]): boolean {
  const file = [
    'CODEOWNERS',
    '.github/CODEOWNERS',
    'docs/CODEOWNERS',
    '.gitlab/CODEOWNERS',
  ].find(p => facts.snapshot.file(p));
  const text = file && facts.snapshot.readText(file);
  if (!text) return false;
  const patterns = text
    .split(/\r?\n/)
    .map(l => l.replace(/#.*/, '').trim())
    .filter(l => /\s@?\S/.test(l))
    .map(l => l.split(/\s+/)[0]);
  return patterns.some(pattern => {
    if (pattern === '*' || pattern === '/*' || pattern === '**') return true;
    const clean = pattern.replace(/^\//, '').replace(/\/\*{0,2}$/, '/');
    if (clean.endsWith('/')) {
      return paths.some(p => p.startsWith(clean) || p.includes(`/${clean}`));
    }
    if (clean.includes('*')) {
      const glob = new RegExp(
        `(?:^|/)${clean
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')}$`,
      );
      return paths.some(p => glob.test(p));
    }
    return paths.some(p => p === clean || p.endsWith(`/${clean}`));
  });
}

/**
 * CFG-01 — Hyperparameters hard-coded in ML code with no externalised (and
 * validated) configuration. Counts `name = <number>` for the card's
 * hyperparameter names in code only (strings and comments are blanked),
 * ignoring CLI flag definitions, function-signature defaults and config
 * classes, which are configuration rather than its absence.
 */
export const CFG_01: MlDebtCheck = {
  id: 'CFG-01',
  title: 'Hyperparameters hard-coded; no externalised, validated configuration',
  category: 'configuration',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['model.1', 'infra.1'],
  debtType: 'Configuration debt',
  appliesToExperimental: true,
  rationale:
    'Hyperparameters buried in code cannot be reviewed as a diff, swept or reproduced from a run record: Sculley et al. (2015, §6) call this configuration debt and ask that configuration be easy to change, hard to get wrong and reviewed like code. O\'Brien et al. (2022) find "configurable options" among the most common self-admitted ML debt, and the ML Test Score (Model 1) asks that every model specification be reviewed and checked in.',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §6 Configuration debt',
    "O'Brien et al. 2022, 23 Shades of Self-Admitted Technical Debt (configurable options)",
    'Tang et al. 2021, An Empirical Study of Refactorings and Technical Debt in ML Systems',
    'Breck et al. 2017, The ML Test Score, Model 1',
  ],
  remediation: [
    'Move hyperparameters out of the code into a params.yaml or a Hydra config group and read them at the entry point.',
    "Validate the configuration with a typed schema (a dataclass registered in Hydra's ConfigStore, OmegaConf.structured or a pydantic model) so a typo fails fast.",
    'Log the resolved configuration with every training run in your experiment tracker.',
    'Require review of configuration diffs by listing the config files in CODEOWNERS.',
  ],
  evaluate({ facts }) {
    const mlModules = facts.mlModules;
    if (mlModules.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No ML code (no module imports an ML library), so there are no hyperparameters to configure.',
      };
    }
    const scripts = mlModules.filter(s => s.kind === 'python');
    const notebooks = mlModules.filter(s => s.kind === 'notebook');
    const scriptFindings = scripts.flatMap(hardCoded);
    const notebookFindings = notebooks.flatMap(hardCoded);
    // Notebooks are reported separately, unless they are the only ML code.
    const counted = scripts.length > 0 ? scriptFindings : notebookFindings;
    const separate = scripts.length > 0 ? notebookFindings : [];
    const findingEvidence = [
      ...firstN(counted).map(f =>
        lineEvidence(
          f.source,
          f.line,
          `Hyperparameter ${f.name} is hard-coded`,
        ),
      ),
      ...firstN(separate, 5).map(f =>
        lineEvidence(
          f.source,
          f.line,
          `Hyperparameter ${f.name} is hard-coded in a notebook (reported separately, not scored)`,
        ),
      ),
    ];
    const where = `${counted.length} hard-coded hyperparameter value${
      counted.length === 1 ? '' : 's'
    }`;
    const config = configEvidence(facts);
    if (config.sources.length === 0) {
      if (counted.length >= 3) {
        return {
          status: 'fail',
          summary: `${where} in ML code and no externalised configuration (params.yaml, Hydra, OmegaConf, pydantic settings or CLI flags).`,
          evidence: findingEvidence,
        };
      }
      return {
        status: 'pass',
        summary:
          counted.length === 0
            ? 'No hard-coded hyperparameters found in ML code.'
            : `Only ${where} in ML code (below the threshold of 3); consider externalising them.`,
        evidence: findingEvidence,
      };
    }
    const automation =
      codeOwnersCover(facts, config.paths) ||
      facts.automationOf(config.paths.filter(p => !p.endsWith('.py'))) ===
        'automated'
        ? 'automated'
        : 'manual';
    const evidence = [
      ...firstN(config.sources, 5),
      ...firstN(config.validation, 3),
      ...findingEvidence,
    ];
    const remaining = counted.length > 0 ? ` ${where} remain in ML code.` : '';
    if (config.validation.length === 0) {
      return {
        status: 'warn',
        score: 50,
        summary: `Configuration is externalised but not validated against a typed schema.${remaining}`,
        evidence,
        automation,
      };
    }
    return {
      status: 'pass',
      summary: `Configuration is externalised and validated by a typed schema.${remaining}`,
      evidence,
      automation,
    };
  },
};

import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { PythonSource } from '../../analysis/python';
import { candidateCodeLines } from '../../analysis/sourceText';
import { fileEvidence, firstN } from '../support';
import {
  countScore,
  GENERATED_OR_VENDORED,
  notebooksByPath,
  sourceEvidence,
} from './support';

/** (a) A branch that can never run. */
const DEAD_IF = /^\s*(?:el)?if\s+(?:False|0|None)\s*:/;
/**
 * Where DEAD_IF or FLAG_IF may match, for a whole-source scan: without the
 * `^\s*` anchor, which the regex engine would try at every offset.
 */
const IF_CANDIDATE = /\bif\s+(?:False\b|0|None\b|[A-Z])/;
/** (a) A branch on an upper-case flag. */
const FLAG_IF = /^\s*(?:el)?if\s+([A-Z][A-Z0-9_]*)\s*:/;
/** (a) A module-level flag assigned a literal `False` (or `0`). */
const FALSE_FLAG = /^([A-Z][A-Z0-9_]*)\s*(?::\s*bool\s*)?=\s*(?:False|0)\s*$/;
/** (c) File names of leftover variants. */
const DEAD_FILE =
  /(?:^|\/)[^/]*(?:_old|_bak|_backup|_copy|_v\d+|_tmp|experimental|exp\d+|legacy|deprecated)\.py$/i;
/** (c) Function names of leftover variants. */
const DEAD_FUNCTION =
  /^\s*(?:async\s+)?def\s+(\w*(?:_old|_v\d+|experimental|unused)\w*)\s*\(/;

/**
 * (b) Whether the text of a `#` comment reads as Python rather than prose. The
 * card's regex, tightened so that English sentences starting with "for", "if"
 * or "return" do not count: control statements must end with a colon, calls
 * must have no space before the parenthesis and close it.
 */
export function looksLikeCode(text: string): boolean {
  const t = text.trim();
  if (t === '' || t.length > 200) return false;
  return (
    /^import [\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+)*$/.test(t) ||
    /^from [\w.]+ import [\w*(]/.test(t) ||
    /^(?:async\s+)?def \w+\s*\([^\n]{0,150}:$/.test(t) ||
    /^class \w+\s*(?:\([^\n]{0,100}\))?\s*:$/.test(t) ||
    /^(?:for|while|if|elif|with|except)\b[^\n]{0,180}:$/.test(t) ||
    /^(?:else|try|finally)\s*:$/.test(t) ||
    (/^return(?:\s+[\w.[\]()'", +\-*/]{1,120})?$/.test(t) && !isProse(t)) ||
    /^[A-Za-z_][\w.]*(?:\[[^\]\n]{0,60}\])?\s*(?:=|\+=|-=|\*=|\/=)\s*[^=\s]/.test(
      t,
    ) ||
    /^[A-Za-z_][\w.]*\([^\n]{0,150}\)\s*$/.test(t) ||
    // Continuation lines of a commented-out call: `n_estimators=200,` / `)`.
    /^\w+\s*=\s*[^=\s][^\n]{0,100},$/.test(t) ||
    /^\)+\s*:?$/.test(t)
  );
}

const KEYWORDS = new Set(
  'and or not in is if else for lambda None True False await yield'.split(' '),
);

/** Two plain words in a row, neither a Python keyword: a sentence. */
function isProse(text: string): boolean {
  const words = text.split(/\s+/).slice(1);
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i], words[i + 1]];
    if (
      /^[A-Za-z]+$/.test(a) &&
      /^[A-Za-z]+$/.test(b) &&
      !KEYWORDS.has(a) &&
      !KEYWORDS.has(b)
    )
      return true;
  }
  return false;
}

/** A piece of dead code. */
interface DeadCode {
  source: PythonSource;
  line: number;
  message: string;
}

/** Lines in the block under line `line` (1-based), by indentation. */
function blockLength(code: readonly string[], line: number): number {
  const indent = /^\s*/.exec(code[line - 1])![0].length;
  let n = 0;
  for (let i = line; i < code.length; i++) {
    const l = code[i];
    if (l.trim() === '') continue;
    if (/^\s*/.exec(l)![0].length <= indent) break;
    n++;
  }
  return n;
}

const ASSIGNMENT = /^\s*([A-Z][A-Z0-9_]*)\s*(?::[^=\n]{1,40})?=(?!=)/;
const GLOBAL = /^\s*global\s+([\w, ]+)/;
/** Where ASSIGNMENT, FALSE_FLAG or GLOBAL may match, unanchored for a whole-source scan. */
const ASSIGNMENT_CANDIDATE = /\b[A-Z][A-Z0-9_]*\s*(?::[^=\n]{1,40})?=/;
const GLOBAL_CANDIDATE = /\bglobal\s/;

/**
 * Flags assigned exactly once, at module level, to a literal False. A flag
 * that is assigned anywhere else (from config, the environment, a CLI
 * argument, `global FLAG`) is config-gated, not dead.
 */
function falseFlags(source: PythonSource): Set<string> {
  const assignments = new Map<string, number>();
  const literalFalse = new Set<string>();
  for (const i of candidateCodeLines(
    source,
    ASSIGNMENT_CANDIDATE,
    GLOBAL_CANDIDATE,
  )) {
    const line = source.code[i];
    const assign = ASSIGNMENT.exec(line);
    if (assign) {
      assignments.set(assign[1], (assignments.get(assign[1]) ?? 0) + 1);
    }
    const flag = FALSE_FLAG.exec(line);
    if (flag) literalFalse.add(flag[1]);
    const global = GLOBAL.exec(line);
    if (global) {
      for (const name of global[1].split(',')) {
        assignments.set(name.trim(), 99);
      }
    }
  }
  return new Set([...literalFalse].filter(name => assignments.get(name) === 1));
}

/** (a) `if False:` and `if FLAG:` with FLAG a module-level literal False. */
function deadBranches(source: PythonSource): DeadCode[] {
  const found: DeadCode[] = [];
  // Only `if`/`elif` lines can open a dead branch.
  const branches = candidateCodeLines(source, IF_CANDIDATE);
  if (branches.length === 0) return found;
  let deadFlags: Set<string> | undefined;
  for (const i of branches) {
    const line = source.code[i];
    if (DEAD_IF.test(line)) {
      found.push({
        source,
        line: i + 1,
        message: `Branch that never runs (${blockLength(
          source.code,
          i + 1,
        )} dead lines)`,
      });
      continue;
    }
    const flagIf = FLAG_IF.exec(line);
    deadFlags ??= falseFlags(source);
    if (flagIf && deadFlags.has(flagIf[1])) {
      found.push({
        source,
        line: i + 1,
        message: `Branch behind ${
          flagIf[1]
        }, a module-level flag hard-wired to False (${blockLength(
          source.code,
          i + 1,
        )} dead lines)`,
      });
    }
  }
  return found;
}

/** (b) Runs of at least three commented-out code lines. */
function commentedOutCode(source: PythonSource): DeadCode[] {
  const found: DeadCode[] = [];
  // Only whole-line comments: a comment after code on the same line is an
  // explanation of that code.
  const whole = source.comments.filter(
    c => source.code[c.line - 1].trim() === '',
  );
  let start = 0;
  while (start < whole.length) {
    let end = start;
    while (
      end + 1 < whole.length &&
      whole[end + 1].line === whole[end].line + 1
    )
      end++;
    const block = whole.slice(start, end + 1);
    // Notebook magics and shell escapes are kept as `# %…` / `# !…` comments.
    const body = block.filter(c => c.text !== '' && !/^[%!]/.test(c.text));
    const codeLike = body.filter(c => looksLikeCode(c.text));
    if (codeLike.length >= 3 && codeLike.length * 2 >= body.length) {
      found.push({
        source,
        line: codeLike[0].line,
        message: `${codeLike.length} lines of commented-out code`,
      });
    }
    start = end + 1;
  }
  return found;
}

/** (c) Functions named as leftover variants. */
function deadFunctions(source: PythonSource): DeadCode[] {
  const found: DeadCode[] = [];
  source.code.forEach((line, i) => {
    const m = DEAD_FUNCTION.exec(line);
    if (m) {
      found.push({
        source,
        line: i + 1,
        message: `Function ${m[1]} is named as an old or experimental variant`,
      });
    }
  });
  return found;
}

/**
 * DBT-02 — Dead experimental codepaths and commented-out code (Sculley et al.
 * 2015 §5).
 */
export const DBT_02: MlDebtCheck = {
  id: 'DBT-02',
  title: 'Dead experimental codepaths or commented-out code',
  category: 'satd',
  weight: 2,
  confidence: 'medium',
  mlTestScore: [],
  debtType: 'Dead experimental codepaths',
  appliesToExperimental: true,
  rationale:
    'Experiments leave behind branches that can no longer run, blocks of commented-out code and *_old / *_v2 copies. Sculley et al. (2015) name these dead experimental codepaths: each one must still be read, kept compatible and tested, and an old branch switched back on by mistake has caused production incidents. O\'Brien et al. (2022) and Tang et al. (2021) report the same as "unnecessary model code".',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §5 (dead experimental codepaths)',
    "O'Brien et al. 2022, 23 Shades of Self-Admitted Technical Debt (Unnecessary Model Code)",
    'Tang et al. 2021, An Empirical Study of Refactorings and Technical Debt in Machine Learning Systems (ICSE)',
    'vulture, dead-code finder for Python',
  ],
  remediation: [
    'Delete branches that can never run and blocks of commented-out code; git keeps the history if they are ever needed again.',
    'Put experiments that are still live behind a configuration flag with an owner and an expiry date, instead of a hard-wired constant or a copied file.',
    'Run vulture in CI so that newly unreferenced functions and classes are reported on every pull request.',
  ],
  evaluate({ facts }) {
    const notebooks = notebooksByPath(facts.notebooks);
    const findings: DeadCode[] = [];
    const files: string[] = [];
    for (const source of facts.productionSources) {
      if (GENERATED_OR_VENDORED.test(source.path)) continue;
      if (source.kind === 'python' && DEAD_FILE.test(source.path)) {
        files.push(source.path);
      }
      findings.push(
        ...deadBranches(source),
        ...commentedOutCode(source),
        ...deadFunctions(source),
      );
    }
    const total = findings.length + files.length;
    const { score, status } = countScore(total);
    if (total === 0) {
      return {
        status,
        score,
        summary:
          'No dead branches, commented-out code blocks or old/experimental copies found.',
      };
    }
    const evidence: Evidence[] = [
      ...files.map(p =>
        fileEvidence(p, 'File named as an old, backup or experimental copy'),
      ),
      ...findings.map(f =>
        sourceEvidence(f.source, f.line, f.message, notebooks),
      ),
    ];
    const kinds = [
      [
        findings.filter(f => /^Branch/.test(f.message)).length,
        'dead branch',
        'dead branches',
      ],
      [
        findings.filter(f => /commented-out/.test(f.message)).length,
        'commented-out code block',
        'commented-out code blocks',
      ],
      [
        files.length + findings.filter(f => /^Function/.test(f.message)).length,
        'old/experimental copy',
        'old/experimental copies',
      ],
    ] as const;
    return {
      status,
      score,
      summary: `Dead experimental code: ${kinds
        .filter(([n]) => n > 0)
        .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
        .join(', ')}.`,
      evidence: firstN(evidence, 15),
    };
  },
};

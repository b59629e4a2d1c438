import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../analysis/python';
import { candidateCodeLines } from '../analysis/sourceText';
import { SearchMatch } from '../snapshot/types';

/** Longest snippet kept in evidence. */
const MAX_SNIPPET = 160;

/** One line of text as evidence, trimmed to a readable length. @public */
export function snippet(text: string): string {
  const t = text.trim();
  return t.length > MAX_SNIPPET ? `${t.slice(0, MAX_SNIPPET - 1)}…` : t;
}

/** Evidence pointing at a line of a Python source (notebook lines are cell-joined). @public */
export function lineEvidence(
  source: Pick<PythonSource, 'path' | 'lines'>,
  line: number,
  message: string,
): Evidence {
  return {
    message,
    path: source.path,
    line,
    snippet: snippet(source.lines[line - 1] ?? ''),
  };
}

/** Evidence from a snapshot search match. @public */
export function matchEvidence(match: SearchMatch, message: string): Evidence {
  return {
    message,
    path: match.path,
    line: match.line,
    snippet: snippet(match.text),
  };
}

/** Evidence for a whole file. @public */
export function fileEvidence(path: string, message: string): Evidence {
  return { message, path };
}

const statelessCache = new WeakMap<RegExp, RegExp>();

/** `pattern` without the `g` flag, compiled once per pattern. */
function withoutGlobalFlag(pattern: RegExp): RegExp {
  if (!pattern.global) return pattern;
  let regex = statelessCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    statelessCache.set(pattern, regex);
  }
  return regex;
}

/**
 * Finds the lines of `source.code` (comments and strings blanked) matching
 * `pattern`, as 1-based line numbers.
 *
 * @public
 */
export function codeLinesMatching(
  source: PythonSource,
  pattern: RegExp,
): number[] {
  const regex = withoutGlobalFlag(pattern);
  return candidateCodeLines(source, regex)
    .filter(i => regex.test(source.code[i]))
    .map(i => i + 1);
}

/**
 * mllint's density formula (§8.1): `100 − 100·min(1, k·count/LoC)`.
 *
 * @public
 */
export function densityScore(
  count: number,
  linesOfCode: number,
  k: number,
): number {
  if (count === 0) return 100;
  if (linesOfCode <= 0) return 0;
  return 100 - 100 * Math.min(1, (k * count) / linesOfCode);
}

/** At most `n` items, for evidence lists that could be long. @public */
export function firstN<T>(items: readonly T[], n = 10): T[] {
  return items.slice(0, n);
}

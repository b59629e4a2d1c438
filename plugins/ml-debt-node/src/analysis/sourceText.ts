import { admits, prefilterOf, WordSet } from './prefilter';
import type { PythonSource } from './python';

/**
 * Per-source derived text, computed once and shared by the checks (several
 * of them test a whole source's code against a cheap prefilter before their
 * line-by-line passes).
 */

const joinedCodeCache = new WeakMap<PythonSource, string>();
const joinedLinesCache = new WeakMap<PythonSource, string>();

/** `source.code.join('\n')`, computed once per source. */
export function joinedCode(source: PythonSource): string {
  let text = joinedCodeCache.get(source);
  if (text === undefined) {
    text = source.code.join('\n');
    joinedCodeCache.set(source, text);
  }
  return text;
}

/** `source.lines.join('\n')`, computed once per source. */
export function joinedLines(source: PythonSource): string {
  let text = joinedLinesCache.get(source);
  if (text === undefined) {
    text = source.lines.join('\n');
    joinedLinesCache.set(source, text);
  }
  return text;
}

const codeWordsCache = new WeakMap<PythonSource, WordSet>();

/**
 * The words of `source.code`: the prefilter of every scan over the code or
 * its logical lines, which have the same words (see `prefilter.ts`).
 */
export function codeWords(source: PythonSource): WordSet {
  let words = codeWordsCache.get(source);
  if (!words) {
    words = WordSet.of(joinedCode(source));
    codeWordsCache.set(source, words);
  }
  return words;
}

let verifying = false;

/**
 * Tests only: run every scanner a prefilter skips anyway, and throw if it
 * matches, so that a scan of real sources checks the prefilters are sound.
 *
 * @internal
 */
export function verifyPrefilters(on: boolean): void {
  verifying = on;
}

/** Whether `scanner` (or any pattern) may match `text`, whose words are `words`. */
function mayScan(
  scanner: RegExp,
  text: string,
  words: WordSet | undefined,
): boolean {
  if (!words) return true;
  const prefilter = prefilterOf(scanner);
  if (!prefilter || admits(prefilter, words, text)) return true;
  if (verifying) {
    scanner.lastIndex = 0;
    if (scanner.test(text)) {
      throw new Error(
        `Prefilter of /${scanner.source}/ rejected a text it matches`,
      );
    }
  }
  return false;
}

/**
 * `pattern.test(text)`, skipped when `words` (the words of `text`, or more)
 * lack the literals every match of `pattern` contains.
 */
export function testWithWords(
  pattern: RegExp,
  text: string,
  words: WordSet,
): boolean {
  if (!mayScan(pattern, text, words)) return false;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** `pattern.test(joinedCode(source))`, prefiltered by the code's words. */
export function codeMatches(source: PythonSource, pattern: RegExp): boolean {
  return testWithWords(pattern, joinedCode(source), codeWords(source));
}

const scanners = new WeakMap<RegExp, RegExp>();

/** `pattern` in global multiline mode, so `^` and `$` keep their per-line meaning. */
function scannerFor(pattern: RegExp): RegExp {
  let scanner = scanners.get(pattern);
  if (!scanner) {
    scanner = new RegExp(
      withoutCaptures(pattern.source),
      `${pattern.flags.replace(/[gmy]/g, '')}gm`,
    );
    scanners.set(pattern, scanner);
  }
  return scanner;
}

/**
 * Whether `pattern` matches somewhere in `text`, whose lines are matched one
 * by one elsewhere: multiline mode keeps `^` and `$` per line.
 */
export function matchesAnyLine(
  text: string,
  pattern: RegExp,
  words?: WordSet,
): boolean {
  const scanner = scannerFor(pattern);
  if (!mayScan(scanner, text, words)) return false;
  scanner.lastIndex = 0;
  return scanner.test(text);
}

/** Syntax that cannot be combined into one alternation: back-references, named groups. */
const COMBINE_BLOCKER = /\\[1-9]|\\k<|\(\?<[A-Za-z_$]/;

/**
 * A pattern's source with its capturing groups made non-capturing: scanners
 * only need where a match starts, and every captured group is one more string
 * allocated per match. Sources with back-references or named groups (see
 * COMBINE_BLOCKER) are left as they are.
 */
function withoutCaptures(source: string): string {
  if (COMBINE_BLOCKER.test(source) || !source.includes('(')) return source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (c === '[') {
      // In JavaScript a class ends at its first unescaped `]` (`[]` is empty).
      let j = i + 1;
      if (source[j] === '^') j++;
      while (j < source.length && source[j] !== ']')
        j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j;
    } else if (c === '(' && source[i + 1] !== '?') {
      out += '(?:';
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Which lines of `text` (lines joined by `\n`, line `i` starting at
 * `starts[i]`) one of `patterns` may match: one regex pass over the whole
 * text per pattern instead of a test per line, which is what line-by-line
 * rules spend most of their time on. Every line a pattern matches on its own
 * is marked; so, rarely, is a line whose match runs on into the next line, so
 * callers test the marked lines again with their own logic. Returns undefined
 * when no line is marked.
 *
 * Patterns must not use lookaheads that could see past the end of a line:
 * those may reject, at a line's end, a match the line alone accepts.
 *
 * With the text's `words`, scanners whose literal prefilter the text fails
 * are skipped (see `prefilter.ts`).
 */
export function markLines(
  text: string,
  starts: Int32Array,
  patterns: ReadonlyArray<RegExp | undefined>,
  words?: WordSet,
): Uint8Array | undefined {
  let hit: Uint8Array | undefined;
  for (const scanner of scannersFor(patterns)) {
    if (mayScan(scanner, text, words)) {
      hit = markWith(text, starts, scanner, hit);
    }
  }
  return hit;
}

/** Scanner lists by their patterns' first pattern, then compared in full. */
const plans = new WeakMap<
  RegExp,
  Array<{ patterns: ReadonlyArray<RegExp | undefined>; scanners: RegExp[] }>
>();
const NO_SCANNERS: RegExp[] = [];

/**
 * The scanners that mark the lines `patterns` may match, worked out once per
 * list of patterns: the checks call with the same few lists for every source.
 *
 * One pass with the patterns as one alternation is several times faster than
 * a pass per pattern, and marks the same lines: from any line start it finds
 * the leftmost match of any of them. Patterns combine with those of the same
 * flags; back-references and named groups, whose numbering or names would
 * clash, are scanned alone.
 */
function scannersFor(patterns: ReadonlyArray<RegExp | undefined>): RegExp[] {
  const first = patterns.find(p => p !== undefined);
  if (!first) return NO_SCANNERS;
  let known = plans.get(first);
  const plan = known?.find(
    k =>
      k.patterns.length === patterns.length &&
      k.patterns.every((p, i) => p === patterns[i]),
  );
  if (plan) return plan.scanners;
  const groups = new Map<string, RegExp[]>();
  const alone: RegExp[] = [];
  for (const p of patterns) {
    if (!p) continue;
    if (COMBINE_BLOCKER.test(p.source)) {
      alone.push(p);
      continue;
    }
    const flags = p.flags.replace(/[gmy]/g, '');
    const group = groups.get(flags);
    if (group) group.push(p);
    else groups.set(flags, [p]);
  }
  const list: RegExp[] = [];
  for (const [flags, group] of groups) {
    list.push(
      group.length === 1 ? scannerFor(group[0]) : combinedScanner(group, flags),
    );
  }
  for (const p of alone) list.push(scannerFor(p));
  if (!known) {
    known = [];
    plans.set(first, known);
  }
  // Lists built at run time (patterns made per source) must not pile up.
  if (known.length >= 32) known.length = 0;
  known.push({ patterns: [...patterns], scanners: list });
  return list;
}

function markWith(
  text: string,
  starts: Int32Array,
  scanner: RegExp,
  marked: Uint8Array | undefined,
): Uint8Array | undefined {
  let hit = marked;
  scanner.lastIndex = 0;
  for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
    const i = lineAt(starts, m.index);
    hit ??= new Uint8Array(starts.length);
    hit[i] = 1;
    // Resume at the next line: one hit per line is all a caller needs, and
    // a match that ran into the next line must not hide that line's own.
    if (i + 1 >= starts.length) break;
    scanner.lastIndex = starts[i + 1];
  }
  return hit;
}

const patternIds = new WeakMap<RegExp, number>();
let nextPatternId = 0;
const combinedScanners = new Map<string, RegExp>();

/** The patterns (of the same `flags`) as one global multiline alternation, compiled once per list. */
function combinedScanner(list: readonly RegExp[], flags: string): RegExp {
  let key = '';
  for (const p of list) {
    let id = patternIds.get(p);
    if (id === undefined) {
      id = nextPatternId++;
      patternIds.set(p, id);
    }
    key += `${id},`;
  }
  let scanner = combinedScanners.get(key);
  if (!scanner) {
    scanner = new RegExp(
      list.map(p => `(?:${withoutCaptures(p.source)})`).join('|'),
      `${flags}gm`,
    );
    if (combinedScanners.size >= 1024) combinedScanners.clear();
    combinedScanners.set(key, scanner);
  }
  return scanner;
}

/** Index of the line containing offset `at` (binary search over line starts). */
function lineAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where each line of `lines.join('\n')` starts. */
export function lineStarts(lines: readonly string[]): Int32Array {
  const starts = new Int32Array(lines.length);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += lines[i].length + 1;
  }
  return starts;
}

const codeStartsCache = new WeakMap<PythonSource, Int32Array>();

/**
 * The 0-based indexes of the lines of `source.code` on which one of
 * `patterns` may match, in order (see {@link markLines}: test them again).
 */
export function candidateCodeLines(
  source: PythonSource,
  ...patterns: ReadonlyArray<RegExp | undefined>
): number[] {
  let starts = codeStartsCache.get(source);
  if (!starts) {
    starts = lineStarts(source.code);
    codeStartsCache.set(source, starts);
  }
  const hit = markLines(
    joinedCode(source),
    starts,
    patterns,
    codeWords(source),
  );
  const result: number[] = [];
  if (hit) for (let i = 0; i < hit.length; i++) if (hit[i]) result.push(i);
  return result;
}

/**
 * `source.code.findIndex(l => pattern.test(l))`, with the lines to test found
 * by one pass over the whole code (see {@link markLines}).
 */
export function findCodeLine(source: PythonSource, pattern: RegExp): number {
  if (pattern.global || pattern.sticky) {
    return source.code.findIndex(l => {
      pattern.lastIndex = 0;
      return pattern.test(l);
    });
  }
  for (const i of candidateCodeLines(source, pattern)) {
    if (pattern.test(source.code[i])) return i;
  }
  return -1;
}

/** `source.code.some(l => pattern.test(l))`, as {@link findCodeLine} finds lines. */
export function someCodeLine(source: PythonSource, pattern: RegExp): boolean {
  return findCodeLine(source, pattern) >= 0;
}

/**
 * The matches of `pattern` in `text` from its start, as `text.matchAll(pattern)`
 * yields them, without the copy of the regex and the iterator that matchAll
 * makes on each call (callers run this per line). A pattern without the `g`
 * flag gives its first match only.
 */
export function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  if (!pattern.global) {
    const m = pattern.exec(text);
    return m ? [m] : found;
  }
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    found.push(m);
    // As matchAll does, step over an empty match.
    if (m[0] === '') pattern.lastIndex++;
  }
  return found;
}

/** How many whitespace characters (as `trim` counts them) a line starts with. */
export function leadingSpace(line: string): number {
  let k = 0;
  while (k < line.length) {
    const c = line.charCodeAt(k);
    if (c === 32 || (c >= 9 && c <= 13)) k++;
    else if (c > 127 && /\s/.test(line[k])) k++;
    else break;
  }
  return k;
}

/**
 * {@link findCodeLine} for several patterns with one pass over the code: the
 * first line each pattern matches, or -1, in the order of `patterns`.
 */
export function findCodeLines(
  source: PythonSource,
  patterns: readonly RegExp[],
): number[] {
  if (patterns.some(p => p.global || p.sticky)) {
    return patterns.map(p => findCodeLine(source, p));
  }
  const candidates = candidateCodeLines(source, ...patterns);
  return patterns.map(p => candidates.find(i => p.test(source.code[i])) ?? -1);
}

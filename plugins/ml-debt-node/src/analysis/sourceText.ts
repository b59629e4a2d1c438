import { PythonSource } from './python';

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

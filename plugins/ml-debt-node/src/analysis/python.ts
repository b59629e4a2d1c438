/**
 * Light-weight Python source analysis: enough structure to keep detectors out of
 * comments and string literals (the main source of false positives of the
 * regex-only rules), without a full parser.
 */

import { leadingSpace } from './sourceText';

/** A `#` comment. @public */
export interface PythonComment {
  /** 1-based line. */
  line: number;
  /** Text after the `#`, trimmed. */
  text: string;
}

/** A string literal's content. @public */
export interface PythonString {
  line: number;
  value: string;
  /** True for a string that is a statement of its own (a docstring). */
  docstring: boolean;
}

/** An import statement. @public */
export interface PythonImport {
  line: number;
  /** The module imported from, e.g. `sklearn.ensemble` (relative imports keep their dots). */
  module: string;
  /** Names imported by `from … import a, b`; empty for `import x`. */
  names: string[];
}

/**
 * A Python source (a `.py` file, or a notebook's code cells joined together).
 *
 * @public
 */
export interface PythonSource {
  path: string;
  kind: 'python' | 'notebook';
  /** The original lines. */
  lines: string[];
  /**
   * The lines with comments removed and string-literal contents blanked (quotes
   * kept), so that code patterns never match inside text.
   */
  code: string[];
  comments: PythonComment[];
  strings: PythonString[];
  imports: PythonImport[];
  /** Top-level package names imported, e.g. `sklearn`, `torch`. */
  importedModules: Set<string>;
  /** Number of lines with code on them. */
  codeLines: number;
  /** Whether this is test code (tests/ folder, test_*.py, *_test.py, conftest.py). */
  isTest: boolean;
}

const TEST_PATH =
  /(^|\/)tests?\/|(^|\/)test_[^/]*\.py$|_test\.py$|(^|\/)conftest\.py$/;

/** Whether a path is test code by the usual pytest conventions. @public */
export function isTestPath(filePath: string): boolean {
  return TEST_PATH.test(filePath);
}

/**
 * Splits Python source into code, comments and strings with a small state
 * machine over quotes, triple quotes, escapes and `#`.
 *
 * @public
 */
export function analysePython(
  filePath: string,
  text: string,
  kind: 'python' | 'notebook' = 'python',
): PythonSource {
  // Splitting on a string is much faster than on a regex; most files have no CR.
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  const code: string[] = [];
  const comments: PythonComment[] = [];
  const strings: PythonString[] = [];

  // String state carried across lines (triple-quoted strings and continuations).
  let quote: string | null = null;
  let raw = false;
  let current = '';
  let startLine = 0;
  let startsStatement = false;

  const SPECIAL = /[#"'\\]/g;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    // Most lines hold no quote and no comment: they are code as they are.
    if (!quote && !/[#"']/.test(line)) {
      code.push(line);
      continue;
    }
    let out = '';
    let i = 0;
    while (i < line.length) {
      if (quote) {
        // Inside a string: jump to the next backslash or quote character.
        let j = i;
        while (j < line.length && line[j] !== '\\' && line[j] !== quote[0]) j++;
        current += line.slice(i, j);
        out += ' '.repeat(j - i);
        i = j;
        if (i >= line.length) break;
        if (line[i] === '\\') {
          if (raw) {
            current += '\\';
            out += ' ';
            i++;
          } else {
            current += line.slice(i, i + 2);
            out += '  '.slice(0, Math.min(2, line.length - i));
            i += 2;
          }
          continue;
        }
        if (line.startsWith(quote, i)) {
          strings.push({
            line: startLine,
            value: current,
            docstring:
              startsStatement && isStatementEnd(line, i + quote.length),
          });
          out += quote;
          i += quote.length;
          quote = null;
          continue;
        }
        // A lone quote character inside a triple-quoted string.
        current += line[i];
        out += ' ';
        i++;
        continue;
      }
      // Outside strings: copy up to the next '#', quote or backslash.
      SPECIAL.lastIndex = i;
      const m = SPECIAL.exec(line);
      const j = m ? m.index : line.length;
      out += line.slice(i, j);
      i = j;
      if (!m) break;
      const ch = line[i];
      if (ch === '\\') {
        out += ch;
        i++;
        continue;
      }
      if (ch === '#') {
        comments.push({ line: li + 1, text: line.slice(i + 1).trim() });
        break;
      }
      // `out` mirrors `line` character for character (string contents
      // blanked, quotes kept), so the prefix letters and what precedes them
      // can be read from `line` without flattening the string built so far.
      const prefixLength = letterPrefix(line, i);
      raw = prefixLength > 0 && /r/i.test(line.slice(i - prefixLength, i));
      const triple = ch === '"' ? '"""' : "'''";
      quote = line.startsWith(triple, i) ? triple : ch;
      current = '';
      startLine = li + 1;
      startsStatement = leadingSpace(line) >= i - prefixLength;
      out += quote;
      i += quote.length;
    }
    if (quote) {
      if (quote.length === 1 && !line.endsWith('\\')) {
        // An unterminated single-quoted string ends at the line end.
        strings.push({ line: startLine, value: current, docstring: false });
        quote = null;
      } else {
        current += '\n';
      }
    }
    code.push(out);
  }

  const imports = parseImports(code);
  const importedModules = new Set(
    imports.map(imp => imp.module.split('.')[0]).filter(name => name !== ''),
  );
  return {
    path: filePath,
    kind,
    lines,
    code,
    comments,
    strings,
    imports,
    importedModules,
    codeLines: countCodeLines(code),
    isTest: isTestPath(filePath),
  };
}

/** How many ASCII letters (at most two: a string prefix) end just before `at`. */
function letterPrefix(line: string, at: number): number {
  let n = 0;
  while (n < 2 && at - n - 1 >= 0 && isLetter(line.charCodeAt(at - n - 1))) n++;
  return n;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Lines with something other than whitespace on them. */
function countCodeLines(code: readonly string[]): number {
  let n = 0;
  for (const l of code) if (leadingSpace(l) < l.length) n++;
  return n;
}

function isStatementEnd(line: string, from: number): boolean {
  const rest = line.slice(from).trim();
  return rest === '' || rest.startsWith('#') || rest === ')';
}

const IMPORT = /^\s*import\s+(.+)$/;
const FROM_IMPORT = /^\s*from\s+(\.*[\w.]*)\s+import\s+(.+)$/;

function parseImports(code: string[]): PythonImport[] {
  const imports: PythonImport[] = [];
  for (let i = 0; i < code.length; i++) {
    let line = code[i];
    // Only a line that starts with `from` or `import` can be one (most lines are not).
    const start = leadingSpace(line);
    if (!line.startsWith('from', start) && !line.startsWith('import', start))
      continue;
    // Join parenthesised and backslash-continued import lists.
    let j = i;
    while (
      (/\(\s*[^)]*$/.test(line) && /^\s*from\s/.test(line)) ||
      /\\\s*$/.test(line)
    ) {
      if (j + 1 >= code.length) break;
      j++;
      line = `${line.replace(/\\\s*$/, ' ')} ${code[j]}`;
      if (line.includes(')')) break;
    }
    const from = FROM_IMPORT.exec(line);
    if (from) {
      imports.push({
        line: i + 1,
        module: from[1],
        names: from[2]
          .replace(/[()]/g, '')
          .split(',')
          .map(n => n.trim().split(/\s+as\s+/)[0])
          .filter(Boolean),
      });
      continue;
    }
    const imp = IMPORT.exec(line);
    if (imp) {
      for (const part of imp[1].split(',')) {
        const module = part.trim().split(/\s+as\s+/)[0];
        if (module) {
          imports.push({ line: i + 1, module, names: [] });
        }
      }
    }
  }
  return imports;
}

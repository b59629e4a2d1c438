import { PythonSource } from '../../analysis/python';
import {
  codeWords,
  leadingSpace,
  lineStarts,
  markLines,
  matchesAnyLine,
  matchesOf,
} from '../../analysis/sourceText';
import type { RepositoryFacts } from '../../analysis/RepositoryFacts';

/**
 * Light structural helpers over {@link PythonSource.code} (comments removed,
 * string contents blanked) shared by the CFG-* and SML-* checks.
 */

/** A logical line: physical lines joined while brackets are open. */
export interface LogicalLine {
  /** 1-based first physical line. */
  line: number;
  /** 1-based last physical line. */
  endLine: number;
  /** The joined code, physical lines separated by a space. */
  text: string;
  /** Indentation of the first physical line. */
  indent: number;
}

const logicalCache = new WeakMap<PythonSource, LogicalLine[]>();
const BRACKET = /[()[\]{}]/;
const dataFrameCache = new WeakMap<PythonSource, Set<string>>();

/**
 * The logical lines of a source: physical lines joined while `(`, `[` or `{`
 * are open or a line ends with `\`, so calls and signatures spread over
 * several lines are matched as one. Works on blanked code, so brackets in
 * strings and comments never count.
 */
export function logicalLines(source: PythonSource): LogicalLine[] {
  const cached = logicalCache.get(source);
  if (cached) return cached;
  const result: LogicalLine[] = [];
  let depth = 0;
  // The pieces of a logical line still open after its first physical line.
  let pending: string[] | undefined;
  let start = 0;
  let indent = 0;
  const code = source.code;
  for (let i = 0; i < code.length; i++) {
    const raw = code[i];
    if (!pending) {
      const lead = leadingSpace(raw);
      if (lead === raw.length) continue;
      start = i + 1;
      indent = lead;
    }
    if (BRACKET.test(raw)) {
      for (let k = 0; k < raw.length; k++) {
        const ch = raw.charCodeAt(k);
        // ( [ {
        if (ch === 40 || ch === 91 || ch === 123) depth++;
        // ) ] }
        else if (ch === 41 || ch === 93 || ch === 125)
          depth = Math.max(0, depth - 1);
      }
    }
    const continued =
      raw.includes('\\') && (raw.endsWith('\\') || /\\\s+$/.test(raw));
    const piece = continued ? raw.replace(/\\\s*$/, '') : raw;
    const closed = depth === 0 && !continued;
    if (!pending && closed) {
      // The common case: a logical line of one physical line.
      result.push({ line: start, endLine: i + 1, text: piece.trim(), indent });
      continue;
    }
    (pending ??= []).push(piece);
    // A notebook cell boundary or an unbalanced file must not swallow the rest.
    if (closed || pending.length >= 60) {
      result.push({
        line: start,
        endLine: i + 1,
        text: pending.length === 1 ? pending[0].trim() : joinTrimmed(pending),
        indent,
      });
      pending = undefined;
      depth = 0;
    }
  }
  if (pending) {
    result.push({
      line: start,
      endLine: source.code.length,
      text: joinTrimmed(pending),
      indent,
    });
  }
  logicalCache.set(source, result);
  return result;
}

/** The logical lines' text joined by `\n`, with where each line starts in it. */
interface LogicalText {
  text: string;
  starts: Int32Array;
}

const logicalTextCache = new WeakMap<PythonSource, LogicalText>();

function logicalTextOf(source: PythonSource): LogicalText {
  let cached = logicalTextCache.get(source);
  if (!cached) {
    const texts = logicalLines(source).map(l => l.text);
    cached = { text: texts.join('\n'), starts: lineStarts(texts) };
    logicalTextCache.set(source, cached);
  }
  return cached;
}

/** A source's logical lines joined by `\n` (computed once per source). */
export function logicalText(source: PythonSource): string {
  return logicalTextOf(source).text;
}

/**
 * Whether `pattern` can match any logical line of `source`: one pass over the
 * whole text instead of one test per line. A necessary condition only (the
 * whole text lets a match run across a line break), so callers still test the
 * lines it admits.
 */
export function mayMatch(source: PythonSource, pattern: RegExp): boolean {
  return matchesAnyLine(logicalText(source), pattern, codeWords(source));
}

/**
 * The logical lines of `source` on which one of `patterns` may match, in
 * order; callers test each again with their own logic ({@link markLines}).
 */
export function candidateLines(
  source: PythonSource,
  ...patterns: ReadonlyArray<RegExp | undefined>
): LogicalLine[] {
  const { text, starts } = logicalTextOf(source);
  const hit = markLines(text, starts, patterns, codeWords(source));
  if (!hit) return [];
  const lines = logicalLines(source);
  const result: LogicalLine[] = [];
  for (let i = 0; i < lines.length; i++) if (hit[i]) result.push(lines[i]);
  return result;
}

function joinTrimmed(parts: readonly string[]): string {
  return parts.map(p => p.trim()).join(' ');
}

/** A call found in a logical line: where its name starts and its argument text. */
export interface CallMatch {
  /** The callee as matched, e.g. `RandomForestClassifier`. */
  name: string;
  /** Offset of the callee in the logical line. */
  index: number;
  /** The text between the call's parentheses (balanced), without them. */
  args: string;
}

/**
 * Finds calls whose callee matches `callee` (a pattern ending just before
 * the opening parenthesis, without flags) and returns their balanced argument
 * text, so `torch.load(os.path.join(a, b), weights_only=True)` keeps its
 * keyword arguments.
 */
const callRegexCache = new Map<string, RegExp>();
const keywordRegexCache = new Map<string, RegExp>();

/** Compiles a derived pattern once: these run per line of every module. */
function compiledOnce(
  cache: Map<string, RegExp>,
  key: string,
  make: () => RegExp,
): RegExp {
  let regex = cache.get(key);
  if (!regex) {
    regex = make();
    cache.set(key, regex);
  }
  return regex;
}

export function findCalls(text: string, callee: RegExp): CallMatch[] {
  const regex = compiledOnce(
    callRegexCache,
    callee.source,
    () => new RegExp(`(?:${callee.source})\\(`, 'g'),
  );
  regex.lastIndex = 0;
  const calls: CallMatch[] = [];
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    let end = text.length;
    for (let i = open; i < text.length; i++) {
      const ch = text[i];
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') {
        depth--;
        if (depth === 0) {
          end = i;
          break;
        }
      }
    }
    calls.push({
      name: m[0].slice(0, -1),
      index: m.index,
      args: text.slice(open + 1, end),
    });
  }
  return calls;
}

/** Whether call arguments set keyword `name` (or pass `**kwargs`). */
export function hasKeyword(args: string, names: RegExp): boolean {
  return compiledOnce(
    keywordRegexCache,
    names.source,
    () => new RegExp(`(?:^|[,(\\s])(?:${names.source})\\s*=(?!=)`),
  ).test(args);
}

/** Whether call arguments unpack a mapping (`**cfg`), which counts as explicit. */
export function hasKwargsUnpacking(args: string): boolean {
  return /(?:^|[,(\s])\*\*\s*[\w.[\]]/.test(args);
}

/** Top-level positional arguments of a call (before the first keyword). */
export function positionalCount(args: string): number {
  let depth = 0;
  let count = 0;
  let current = '';
  const flush = () => {
    const t = current.trim();
    if (t && !/^\*{0,2}\w+\s*=(?!=)/.test(t) && !t.startsWith('**')) count++;
    current = '';
  };
  for (const ch of args) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (ch === ',' && depth === 0) flush();
    else current += ch;
  }
  flush();
  return count;
}

/** A block introduced by a `def`, `class`, `for` or `while` statement. */
export interface Block {
  kind: 'def' | 'class' | 'for' | 'while';
  /** Name of a `def`/`class`. */
  name: string;
  /** Header text (the logical line), e.g. `class Net(nn.Module):`. */
  header: string;
  /** 1-based header line. */
  line: number;
  /** 1-based last line of the body. */
  endLine: number;
  indent: number;
}

const blockCache = new WeakMap<PythonSource, Block[]>();

/** The `def`/`class`/`for`/`while` blocks of a source, by indentation. */
export function blocks(source: PythonSource): Block[] {
  const cached = blockCache.get(source);
  if (cached) return cached;
  const lines = logicalLines(source);
  const result: Block[] = [];
  const open: Block[] = [];
  const close = (upTo: number) => {
    while (open.length > 0 && open[open.length - 1].indent >= upTo) {
      open.pop();
    }
  };
  for (const l of lines) {
    close(l.indent);
    for (const b of open) b.endLine = l.endLine;
    const m =
      /^(?:async\s+)?(def|class)\s+(\w+)|^(?:async\s+)?(for|while)\b/.exec(
        l.text,
      );
    if (m) {
      const block: Block = {
        kind: (m[1] ?? m[3]) as Block['kind'],
        name: m[2] ?? '',
        header: l.text,
        line: l.line,
        endLine: l.endLine,
        indent: l.indent,
      };
      result.push(block);
      // One-line bodies (`for x in y: f(x)`) close at once.
      if (!/:\s*$/.test(l.text)) continue;
      open.push(block);
    }
  }
  blockCache.set(source, result);
  return result;
}

/** Module index of a repository: dotted module names (and their suffixes) → source. */
const moduleIndexCache = new WeakMap<
  RepositoryFacts,
  Map<string, PythonSource>
>();

function moduleIndex(facts: RepositoryFacts): Map<string, PythonSource> {
  const cached = moduleIndexCache.get(facts);
  if (cached) return cached;
  const index = new Map<string, PythonSource>();
  const suffixes = new Map<string, PythonSource>();
  for (const source of facts.productionSources) {
    if (source.kind !== 'python') continue;
    const parts = source.path
      .replace(/\.py$/, '')
      .replace(/\/__init__$/, '')
      .split('/');
    index.set(parts.join('.'), source);
    for (let i = 1; i < parts.length; i++) {
      const key = parts.slice(i).join('.');
      if (!suffixes.has(key)) suffixes.set(key, source);
    }
  }
  for (const [key, source] of suffixes) {
    if (!index.has(key)) index.set(key, source);
  }
  moduleIndexCache.set(facts, index);
  return index;
}

/**
 * The project modules a source imports directly (one level), resolved by
 * dotted name, `src/` layouts and relative imports. Third-party imports
 * resolve to nothing.
 */
export function projectImports(
  facts: RepositoryFacts,
  source: PythonSource,
): PythonSource[] {
  const index = moduleIndex(facts);
  const dir = source.path.split('/').slice(0, -1);
  const found = new Map<string, PythonSource>();
  const add = (name: string) => {
    const target = index.get(name);
    if (target && target.path !== source.path) found.set(target.path, target);
    return Boolean(target);
  };
  for (const imp of source.imports) {
    let module = imp.module;
    const dots = /^\.*/.exec(module)![0].length;
    if (dots > 0) {
      const base = dir.slice(0, Math.max(0, dir.length - (dots - 1)));
      const rest = module.slice(dots);
      module = [...base, ...(rest ? rest.split('.') : [])].join('.');
    }
    // `from pkg import module` imports a module; `from pkg.mod import name` a name.
    let viaNames = false;
    for (const name of imp.names) {
      if (name !== '*' && add(module ? `${module}.${name}` : name))
        viaNames = true;
    }
    if (!viaNames && module) add(module);
  }
  return [...found.values()];
}

const DF_CREATED =
  /(?:^|[\s;,(])(\w+)\s*(?::\s*[\w.[\]]+\s*)?=(?!=)\s*(?:pd|pandas)\.(?:read_\w+|DataFrame|concat|merge|get_dummies|pivot_table|crosstab)\(/g;
const DF_ANNOTATED =
  /\b(\w+)\s*:\s*(?:pd|pandas)\.DataFrame\b|\b(\w+)\s*:\s*DataFrame\b/g;
const DF_DERIVED =
  /(?:^|[\s;,(])(\w+)\s*=(?!=)\s*(\w+)(?:\[[^\]\n]{0,80}\])?\.(?:merge|copy|dropna|query|assign|loc|iloc|fillna|drop|rename|sort_values|reset_index|set_index|astype|join|groupby\([^)]{0,80}\)\.agg|pipe)\b/g;
const DF_COPIED = /(?:^|[\s;,(])(\w+)\s*=(?!=)\s*(\w+)\s*$/;
/** Where DF_CREATED or DF_ANNOTATED may match (the text tests of the first pass). */
const DF_SOURCE = /pd\.|pandas\.|DataFrame/;
/** Where DF_DERIVED may match, without its slow-to-scan assignment prefix. */
const DF_DERIVED_METHOD =
  /\.(?:merge|copy|dropna|query|assign|loc|iloc|fillna|drop|rename|sort_values|reset_index|set_index|astype|join|groupby|pipe)\b/;
/** Where DF_COPIED may match: `= name` at the end of a line. */
const DF_COPY = /=[^\S\n]*\w+[^\S\n]*$/;

/** Names bound to pandas DataFrames in a source (SML-03 step 1), in a best-effort forward pass. */
export function dataFrameNames(source: PythonSource): Set<string> {
  const cachedNames = dataFrameCache.get(source);
  if (cachedNames) return cachedNames;
  const names = new Set<string>();
  dataFrameCache.set(source, names);
  // No pandas, no DataFrames: skip the line-by-line passes.
  if (
    !source.importedModules.has('pandas') &&
    !source.code.some(l => l.includes('DataFrame'))
  ) {
    return names;
  }
  // Lines where none of the rules can match add nothing in either pass.
  const lines = candidateLines(source, DF_SOURCE, DF_DERIVED_METHOD, DF_COPY);
  for (let pass = 0; pass < 2; pass++) {
    for (const l of lines) {
      const text = l.text;
      // Creations and annotations match the same text in both passes: the
      // second pass only has derived names to add.
      if (pass === 0) {
        if (text.includes('pd.') || text.includes('pandas.')) {
          for (const m of matchesOf(text, DF_CREATED)) names.add(m[1]);
        }
        if (text.includes('DataFrame')) {
          for (const m of matchesOf(text, DF_ANNOTATED))
            names.add(m[1] ?? m[2]);
        }
      }
      // Both rules below assign, and only from a known name.
      if (names.size === 0 || !text.includes('=')) continue;
      for (const m of matchesOf(text, DF_DERIVED)) {
        if (names.has(m[2])) names.add(m[1]);
      }
      const copied = DF_COPIED.exec(text);
      if (copied && names.has(copied[2])) names.add(copied[1]);
    }
  }
  names.delete('self');
  return names;
}

/** Escapes names for a regex alternation. */
export function alternation(names: Iterable<string>): string {
  return [...names].map(n => n.replace(/[^\w]/g, '\\$&')).join('|');
}

/** Whether a source imports one of the given top-level modules. */
export function importsAny(source: PythonSource, modules: RegExp): boolean {
  for (const m of source.importedModules) if (modules.test(m)) return true;
  return false;
}

import { AST, RegExpParser } from '@eslint-community/regexpp';

/**
 * Literal prefilters for the engine's line scanners, the way ripgrep skips a
 * file that lacks a pattern's required literals before running its regex
 * engine. Most scanner passes over a source find nothing (a repository uses
 * few of the libraries, tools and idioms the checks look for); a necessary
 * condition checked against the source's words lets those passes be skipped.
 *
 * The condition is worked out from the regex's syntax tree (parsed with
 * `@eslint-community/regexpp`, ESLint's ECMAScript regex parser): every
 * match of the regex contains one of `words` as a whole word, a word starting
 * with one of `prefixes`, or one of `substrings`. A word is a maximal run of
 * `[A-Za-z0-9_]` in the text, the characters `\w` and `\b` see; a literal
 * counts as a whole word only when the pattern itself bounds it on both
 * sides (`\b`, `^`, `$`, `\s`, a punctuation character, `(?<![\w…])`), so
 * `\.fit\(` requires the word `fit`, `\bStandardScaler` a word starting
 * with `Stan`, and `Dropout\(` (which matches `MyDropout(`) the substring
 * `Dropout(`. Words and beginnings cost a hash lookup each, substrings a
 * search of the text. The analysis is conservative: anything it cannot
 * reason about (case-insensitive patterns, repetitions, wildcards) gives a
 * weaker condition or none, never a wrong one.
 */
export interface Requirement {
  /** Whole words. */
  words: string[];
  /**
   * Word beginnings of {@link PREFIX} characters: a literal that starts a
   * word but may run on (`\bStandardScaler` matches `StandardScalerV2`).
   */
  prefixes: string[];
  /** Substrings, for literals not known to start a word. */
  substrings: string[];
}

/** Length of the word beginnings a {@link WordSet} records. */
export const PREFIX = 4;

/** 1 for the ASCII word characters `[A-Za-z0-9_]`. */
const WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  WORD_CHAR[c] =
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95
      ? 1
      : 0;
}

function isWordChar(c: number): boolean {
  return c < 128 && WORD_CHAR[c] === 1;
}

/** Most strings a run of literals may expand to (`(?:a|b)(?:c|d)` is 4). */
const MAX_EXPANSIONS = 64;

/**
 * One element of an alternative, reduced to what the analysis needs:
 * - `lit`: exactly one of these strings (`''` when the element is optional);
 * - `nonword`: one or more characters, none of them a word character;
 * - `optNonword`: zero or more such characters (`\s*`);
 * - `edge`: zero-width, and a word character next to it has a non-word
 *   character or the text's edge on its other side (`\b`, `^`, `$`);
 * - `notWordBefore`: zero-width, and the character before it is not a word
 *   character (`(?<![\w…])`);
 * - `zero`: any other zero-width assertion (transparent to adjacency);
 * - `group`: a mandatory group of alternatives that are not all literals;
 * - `repeated`: something present at least once, with what it requires;
 * - `other`: anything else (optional or repeated parts, wildcards).
 */
type Item =
  | { t: 'lit'; strings: string[] }
  | {
      t: 'nonword' | 'optNonword' | 'edge' | 'notWordBefore' | 'zero' | 'other';
    }
  | { t: 'group'; alternatives: AST.Alternative[] }
  | { t: 'repeated'; req: Requirement | undefined };

/** Whether a class or set consumes only non-word characters. */
function onlyNonWord(
  node: AST.CharacterClass | AST.CharacterSet | AST.Character,
): boolean {
  if (node.type === 'Character') return !isWordChar(node.value);
  if (node.type === 'CharacterSet') {
    if (node.kind === 'space') return !node.negate;
    if (node.kind === 'word') return node.negate;
    return false;
  }
  if (node.negate || node.unicodeSets) return false;
  return node.elements.every(e => {
    if (e.type === 'Character') return !isWordChar(e.value);
    if (e.type === 'CharacterSet') return onlyNonWord(e);
    return false;
  });
}

/** Whether a class or set matches every word character (`\w`, `[\w.]`, `[A-Za-z0-9_]`). */
function coversWord(node: AST.Node): boolean {
  if (node.type === 'CharacterSet') return node.kind === 'word' && !node.negate;
  if (node.type !== 'CharacterClass' || node.negate || node.unicodeSets) {
    return false;
  }
  if (node.elements.some(e => e.type === 'CharacterSet' && coversWord(e))) {
    return true;
  }
  const covered = (lo: number, hi: number) =>
    node.elements.some(
      e =>
        e.type === 'CharacterClassRange' &&
        e.min.value <= lo &&
        e.max.value >= hi,
    );
  return (
    covered(97, 122) &&
    covered(65, 90) &&
    covered(48, 57) &&
    node.elements.some(e => e.type === 'Character' && e.value === 95)
  );
}

/** `a·b` for every a, b; undefined past {@link MAX_EXPANSIONS}. */
function product(
  a: readonly string[],
  b: readonly string[],
): string[] | undefined {
  if (a.length * b.length > MAX_EXPANSIONS) return undefined;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return [...new Set(out)];
}

/**
 * The strings a group's alternatives match when each is a sequence of
 * literals (lookarounds dropped: they only narrow the matches). An
 * alternative with `\b`, `^` or `$` is not literal: what they say about
 * the neighbouring characters is kept by analysing the group as a group.
 */
function literalStrings(
  alternatives: readonly AST.Alternative[],
): string[] | undefined {
  const all = new Set<string>();
  for (const alternative of alternatives) {
    const items: Item[] = [];
    itemsOf(alternative.elements, items);
    let strings: string[] | undefined = [''];
    for (const item of items) {
      if (item.t === 'zero') continue;
      if (item.t !== 'lit') return undefined;
      strings = product(strings, item.strings);
      if (!strings) return undefined;
    }
    for (const s of strings) all.add(s);
    if (all.size > MAX_EXPANSIONS) return undefined;
  }
  return [...all];
}

/** The strings a single-character element matches, if few (`a`, `[sz]`). */
function charStrings(node: AST.QuantifiableElement): string[] | undefined {
  if (node.type === 'Character') return [String.fromCodePoint(node.value)];
  if (
    node.type === 'CharacterClass' &&
    !node.negate &&
    !node.unicodeSets &&
    node.elements.length <= 8 &&
    node.elements.every(e => e.type === 'Character')
  ) {
    return node.elements.map(e =>
      String.fromCodePoint((e as AST.Character).value),
    );
  }
  return undefined;
}

/** The elements of an alternative as items, one-alternative groups inlined. */
function itemsOf(elements: readonly AST.Element[], out: Item[]): void {
  for (const e of elements) {
    switch (e.type) {
      case 'Character':
      case 'CharacterSet':
      case 'CharacterClass': {
        const strings = e.type === 'CharacterSet' ? undefined : charStrings(e);
        if (strings) out.push({ t: 'lit', strings });
        else out.push({ t: onlyNonWord(e) ? 'nonword' : 'other' });
        break;
      }
      case 'Assertion':
        if (e.kind === 'start' || e.kind === 'end') out.push({ t: 'edge' });
        else if (e.kind === 'word') out.push({ t: e.negate ? 'zero' : 'edge' });
        else if (
          e.kind === 'lookbehind' &&
          e.negate &&
          e.alternatives.length === 1 &&
          e.alternatives[0].elements.length === 1 &&
          coversWord(e.alternatives[0].elements[0])
        ) {
          out.push({ t: 'notWordBefore' });
        } else out.push({ t: 'zero' });
        break;
      case 'Group':
      case 'CapturingGroup': {
        if (e.type === 'Group' && e.modifiers) {
          out.push({ t: 'other' });
          break;
        }
        if (e.alternatives.length === 1) {
          itemsOf(e.alternatives[0].elements, out);
          break;
        }
        const strings = literalStrings(e.alternatives);
        if (strings) out.push({ t: 'lit', strings });
        else out.push({ t: 'group', alternatives: e.alternatives });
        break;
      }
      case 'Quantifier':
        out.push(quantified(e));
        break;
      default:
        out.push({ t: 'other' });
    }
  }
}

function quantified(q: AST.Quantifier): Item {
  const inner = q.element;
  const isGroup =
    (inner.type === 'Group' && !inner.modifiers) ||
    inner.type === 'CapturingGroup';
  if (q.max === 1) {
    // `x?`, `(?:tf\.)?`: one of its strings, or nothing.
    const strings = isGroup
      ? literalStrings(inner.alternatives)
      : charStrings(inner);
    if (strings && q.min === 1) return { t: 'lit', strings };
    if (strings) return { t: 'lit', strings: [...new Set(['', ...strings])] };
  }
  if (
    inner.type === 'Character' ||
    inner.type === 'CharacterSet' ||
    inner.type === 'CharacterClass'
  ) {
    if (!onlyNonWord(inner)) return { t: 'other' };
    return { t: q.min === 0 ? 'optNonword' : 'nonword' };
  }
  if (isGroup && q.min > 0) {
    // Present at least once, but its neighbours vary between repeats.
    return {
      t: 'repeated',
      req: ofAlternatives(inner.alternatives, false, false),
    };
  }
  return { t: 'other' };
}

/**
 * Whether the character beside position `from` (looking in `step`
 * direction) is certainly a non-word character or the text's edge, with
 * `outside` for the alternative's own edge.
 */
function bounded(
  items: readonly Item[],
  from: number,
  step: 1 | -1,
  outside: boolean,
): boolean {
  for (let i = from; i >= 0 && i < items.length; i += step) {
    const item = items[i];
    switch (item.t) {
      case 'zero':
      case 'optNonword':
        continue;
      case 'notWordBefore':
        // Asserts the character before it; only a left neighbour.
        if (step === -1) return true;
        continue;
      case 'nonword':
      case 'edge':
        return true;
      case 'lit': {
        let optional = false;
        for (const s of item.strings) {
          if (s === '') optional = true;
          else if (isWordChar(s.charCodeAt(step === 1 ? 0 : s.length - 1))) {
            return false;
          }
        }
        if (optional) continue;
        return true;
      }
      default:
        return false;
    }
  }
  return outside;
}

/**
 * What a match containing exactly `s` requires, `left` and `right` saying
 * whether its ends are bounded: its longest whole word (bounded inside `s`
 * by non-word characters), else its longest word beginning, else its
 * longest piece without whitespace.
 */
function ofString(
  s: string,
  left: boolean,
  right: boolean,
): Requirement | undefined {
  let word = '';
  let prefix = '';
  let k = 0;
  while (k < s.length) {
    if (!isWordChar(s.charCodeAt(k))) {
      k++;
      continue;
    }
    let end = k;
    while (end < s.length && isWordChar(s.charCodeAt(end))) end++;
    if (k > 0 || left) {
      if ((end < s.length || right) && end - k > word.length) {
        word = s.slice(k, end);
      } else if (end - k >= PREFIX && end - k > prefix.length) {
        prefix = s.slice(k, end);
      }
    }
    k = end;
  }
  if (word.length >= 2 && word.length >= Math.min(prefix.length, PREFIX)) {
    return { words: [word], prefixes: [], substrings: [] };
  }
  if (prefix) {
    return { words: [], prefixes: [prefix.slice(0, PREFIX)], substrings: [] };
  }
  let piece = '';
  for (const p of s.split(/\s+/)) if (p.length > piece.length) piece = p;
  return piece.length >= 3
    ? { words: [], prefixes: [], substrings: [piece] }
    : undefined;
}

function union(reqs: readonly Requirement[]): Requirement {
  return {
    words: [...new Set(reqs.flatMap(r => r.words))],
    prefixes: [...new Set(reqs.flatMap(r => r.prefixes))],
    substrings: [...new Set(reqs.flatMap(r => r.substrings))],
  };
}

/**
 * How good a requirement is as a prefilter: words and word beginnings (a
 * hash lookup each) before substrings (a search of the text each), then the
 * fewest substrings, then the longest shortest literal.
 */
function rank(req: Requirement): number {
  const shortest = Math.min(
    ...req.words.map(w => w.length),
    ...req.prefixes.map(p => p.length),
    ...req.substrings.map(p => p.length),
  );
  return -1000 * req.substrings.length + Math.min(shortest, 100);
}

/** What one alternative requires, given whether its left and right edges are bounded. */
function ofSequence(
  elements: readonly AST.Element[],
  left: boolean,
  right: boolean,
): Requirement | undefined {
  const items: Item[] = [];
  itemsOf(elements, items);
  const candidates: Requirement[] = [];
  // Runs of literals (zero-width items inside a run are transparent), each
  // expanded to the strings it may match.
  let i = 0;
  while (i < items.length) {
    if (items[i].t !== 'lit') {
      i++;
      continue;
    }
    let strings: string[] = [''];
    let j = i;
    for (; j < items.length; j++) {
      const item = items[j];
      if (item.t === 'zero') continue;
      if (item.t !== 'lit') break;
      const next = product(strings, item.strings);
      if (!next) break;
      strings = next;
    }
    const leftOk = bounded(items, i - 1, -1, left);
    const rightOk = bounded(items, j, 1, right);
    const reqs: Requirement[] = [];
    for (const s of strings) {
      const req = ofString(s, leftOk, rightOk);
      if (!req) {
        reqs.length = 0;
        break;
      }
      reqs.push(req);
    }
    if (reqs.length > 0) candidates.push(union(reqs));
    // A literal with more strings than a run may hold ends the run it starts.
    i = Math.max(j, i + 1);
  }
  for (let g = 0; g < items.length; g++) {
    const item = items[g];
    if (item.t === 'group') {
      const req = ofAlternatives(
        item.alternatives,
        bounded(items, g - 1, -1, left),
        bounded(items, g + 1, 1, right),
      );
      if (req) candidates.push(req);
    } else if (item.t === 'repeated' && item.req) candidates.push(item.req);
  }
  let best: Requirement | undefined;
  for (const c of candidates) if (!best || rank(c) > rank(best)) best = c;
  return best;
}

function ofAlternatives(
  alternatives: readonly AST.Alternative[],
  left: boolean,
  right: boolean,
): Requirement | undefined {
  const reqs: Requirement[] = [];
  for (const alternative of alternatives) {
    const req = ofSequence(alternative.elements, left, right);
    if (!req) return undefined;
    reqs.push(req);
  }
  return union(reqs);
}

const parser = new RegExpParser({ ecmaVersion: 2025 });

/**
 * What every match of `pattern` contains (see {@link Requirement}), or
 * undefined when no such condition is known: case-insensitive patterns,
 * alternatives without a literal, syntax the parser rejects.
 */
export function requirementOf(pattern: RegExp): Requirement | undefined {
  if (pattern.ignoreCase) return undefined;
  let ast: AST.Pattern;
  try {
    ast = parser.parsePattern(pattern.source, 0, pattern.source.length, {
      unicode: pattern.unicode,
      unicodeSets: pattern.flags.includes('v'),
    });
  } catch {
    return undefined;
  }
  return ofAlternatives(ast.alternatives, false, false);
}

/** FNV-1a over a word's characters, never 0 (the empty slot). */
export function wordHash(word: string): number {
  const h = fnv1a(word);
  return h === 0 ? 1 : h;
}

/** FNV-1a over the characters, as {@link WordSet.of} hashes them. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h;
}

/** The key of a word beginning, from the FNV-1a state after its characters. */
function prefixKey(state: number): number {
  const h = Math.imul(state ^ 0x5bd1e995, 0x27d4eb2d);
  return h === 0 ? 1 : h;
}

/** The key of words beginning with `prefix` ({@link PREFIX} characters). */
export function prefixHash(prefix: string): number {
  return prefixKey(fnv1a(prefix));
}

/** Open-addressing insert of a non-zero hash; whether it was new. */
function insert(table: Int32Array, hash: number): boolean {
  const mask = table.length - 1;
  let slot = (hash ^ (hash >>> 15)) & mask;
  for (;;) {
    const v = table[slot];
    if (v === hash) return false;
    if (v === 0) {
      table[slot] = hash;
      return true;
    }
    slot = (slot + 1) & mask;
  }
}

/**
 * Reused between sources: a table to find the distinct words in, and the
 * distinct words found (a source has a few hundred; the table is cleared
 * through this list, not in full).
 */
let seenTable = new Int32Array(1 << 12);
let distinctWords = new Int32Array(1 << 12);

/** Records `key` as found in the current text; the new count of distinct keys. */
function add(key: number, distinct: number): number {
  if (!insert(seenTable, key)) return distinct;
  if (distinct === distinctWords.length) {
    const grown = new Int32Array(distinct * 2);
    grown.set(distinctWords);
    distinctWords = grown;
  }
  distinctWords[distinct] = key;
  if ((distinct + 1) * 2 > seenTable.length) {
    // A large file: a larger table, refilled with what was found so far.
    seenTable = new Int32Array(seenTable.length * 2);
    for (let i = 0; i <= distinct; i++) insert(seenTable, distinctWords[i]);
  }
  return distinct + 1;
}

/**
 * The words (maximal `[A-Za-z0-9_]` runs) of some text and their beginnings
 * of {@link PREFIX} characters, as a hash set.
 */
export class WordSet {
  readonly #table: Int32Array;

  private constructor(table: Int32Array) {
    this.#table = table;
  }

  /** Whether a word with this {@link wordHash} may be in the text (hash collisions say yes). */
  has(hash: number): boolean {
    const table = this.#table;
    const mask = table.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const v = table[slot];
      if (v === hash) return true;
      if (v === 0) return false;
      slot = (slot + 1) & mask;
    }
  }

  /** The words of `text`. */
  static of(text: string): WordSet {
    let distinct = 0;
    const len = text.length;
    let k = 0;
    while (k < len) {
      const first = text.charCodeAt(k);
      if (first >= 128 || WORD_CHAR[first] === 0) {
        k++;
        continue;
      }
      const start = k;
      let h = 0x811c9dc5;
      let prefix = 0;
      while (k < len) {
        const c = text.charCodeAt(k);
        if (c >= 128 || WORD_CHAR[c] === 0) break;
        h = Math.imul(h ^ c, 16777619);
        k++;
        if (k - start === PREFIX) prefix = prefixKey(h);
      }
      distinct = add(h === 0 ? 1 : h, distinct);
      if (prefix !== 0) distinct = add(prefix, distinct);
    }
    let size = 16;
    while (size < distinct * 2) size *= 2;
    const table = new Int32Array(size);
    for (let i = 0; i < distinct; i++) {
      const h = distinctWords[i];
      insert(table, h);
      // Clear the shared table slot by slot, as it was filled.
      const mask = seenTable.length - 1;
      let slot = (h ^ (h >>> 15)) & mask;
      while (seenTable[slot] !== h) slot = (slot + 1) & mask;
      seenTable[slot] = 0;
    }
    return new WordSet(table);
  }
}

/** A requirement with its words hashed, ready to test against sources. */
export interface Prefilter {
  hashes: Int32Array;
  substrings: readonly string[];
}

const prefilters = new WeakMap<RegExp, Prefilter | null>();

/** The prefilter of `pattern`, worked out once; null when it has none. */
export function prefilterOf(pattern: RegExp): Prefilter | null {
  let prefilter = prefilters.get(pattern);
  if (prefilter === undefined) {
    const req = requirementOf(pattern);
    prefilter = req
      ? {
          hashes: Int32Array.from([
            ...req.words.map(wordHash),
            ...req.prefixes.map(prefixHash),
          ]),
          substrings: req.substrings,
        }
      : null;
    prefilters.set(pattern, prefilter);
  }
  return prefilter;
}

/** Whether text with these words may match the prefilter's pattern. */
export function admits(
  prefilter: Prefilter,
  words: WordSet,
  text: string,
): boolean {
  const hashes = prefilter.hashes;
  for (let i = 0; i < hashes.length; i++) if (words.has(hashes[i])) return true;
  for (const s of prefilter.substrings) if (text.includes(s)) return true;
  return false;
}

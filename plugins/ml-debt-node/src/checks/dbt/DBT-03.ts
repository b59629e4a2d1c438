import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { PythonSource } from '../../analysis/python';
import { leadingSpace } from '../../analysis/sourceText';
import { fileEvidence, firstN } from '../support';
import {
  countScore,
  GENERATED_OR_VENDORED,
  locationOf,
  notebooksByPath,
  sourceEvidence,
} from './support';

/** Shingle length in tokens (§7.2 DBT-03). */
const SHINGLE = 5;
/** Jaccard similarity from which two units are duplicates. */
const THRESHOLD = 0.8;
/** Smallest unit worth reporting, in lines of code. */
const MIN_LOC = 30;
/** MinHash signature: BANDS × ROWS bins, for LSH candidate search. */
const BANDS = 10;
const ROWS = 4;
/** Buckets larger than this are boilerplate, not copy-paste; skip them. */
const MAX_BUCKET = 64;
/** Stop verifying after this many duplicate pairs: the score is 0 long before. */
const MAX_PAIRS = 100;
/** Paths whose duplication counts double. */
const ML_PATH = /model|train|feature|preprocess/i;

/** A function or a file, reduced to its set of token 5-gram hashes. */
interface Unit {
  kind: 'function' | 'file';
  source: PythonSource;
  name: string;
  /** 1-based first and last line. */
  start: number;
  end: number;
  loc: number;
  /** The distinct shingle hashes. */
  shingles: Uint32Array;
}

const HASHES = BANDS * ROWS;

/** A 32-bit integer mix (murmur3 finaliser). */
function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A source's token stream: token hashes (strings blanked, comments gone) and,
 * for each line, where its tokens start, so that any range of lines maps to a
 * range of the stream without re-tokenising.
 */
interface TokenStream {
  ids: Int32Array;
  /** lineStart[i] = index in `ids` of line i's first token; length lines + 1. */
  lineStart: Int32Array;
}

/** [A-Za-z0-9_] */
function isWord(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Tokenises each line as `[A-Za-z_]\w*|\d+(?:\.\d+)?|[^\s\w]` would (identifiers, numbers, single
 * punctuation characters), hashing each token's characters (FNV-1a) as it
 * goes instead of allocating the token strings.
 */
function tokenStream(code: readonly string[]): TokenStream {
  const lineStart = new Int32Array(code.length + 1);
  let ids = new Int32Array(4096);
  let n = 0;
  for (let i = 0; i < code.length; i++) {
    lineStart[i] = n;
    const line = code[i];
    const len = line.length;
    let k = 0;
    while (k < len) {
      const c = line.charCodeAt(k);
      // whitespace (\s): space, tab, CR, LF, VT, FF and the non-ASCII spaces
      if (c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(line[k]))) {
        k++;
        continue;
      }
      let h = 0x811c9dc5;
      if (isDigit(c)) {
        // \d+(?:\.\d+)?
        while (k < len && isDigit(line.charCodeAt(k))) {
          h = Math.imul(h ^ line.charCodeAt(k), 16777619);
          k++;
        }
        if (
          k + 1 < len &&
          line.charCodeAt(k) === 46 &&
          isDigit(line.charCodeAt(k + 1))
        ) {
          h = Math.imul(h ^ 46, 16777619);
          k++;
          while (k < len && isDigit(line.charCodeAt(k))) {
            h = Math.imul(h ^ line.charCodeAt(k), 16777619);
            k++;
          }
        }
      } else if (isWord(c)) {
        // [A-Za-z_]\w*
        while (k < len && isWord(line.charCodeAt(k))) {
          h = Math.imul(h ^ line.charCodeAt(k), 16777619);
          k++;
        }
      } else {
        h = Math.imul(h ^ c, 16777619);
        k++;
      }
      if (n === ids.length) {
        const grown = new Int32Array(ids.length * 2);
        grown.set(ids);
        ids = grown;
      }
      ids[n++] = h;
    }
  }
  lineStart[code.length] = n;
  return { ids: ids.subarray(0, n), lineStart };
}

/** The hash of the 5-gram starting at each position of the stream. */
function shingleHashes(ids: Int32Array): Uint32Array {
  const n = Math.max(0, ids.length - SHINGLE + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE; j++) h = Math.imul(h ^ ids[i + j], 16777619);
    out[i] = h >>> 0;
  }
  return out;
}

/**
 * The distinct shingles of the 5-grams wholly inside lines [from, to), in no
 * particular order (deduplicated with an open-addressing table: sorting every
 * unit cost more than the rest of the check).
 */
function shinglesOf(
  stream: TokenStream,
  hashes: Uint32Array,
  from: number,
  to: number,
): Uint32Array {
  const first = stream.lineStart[from];
  const last = stream.lineStart[to] - SHINGLE; // last 5-gram start inside
  if (last < first) return new Uint32Array(0);
  const count = last - first + 1;
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  // Slot value 0 means empty; a shingle hash of 0 is recorded separately.
  const table = new Uint32Array(size);
  const out = new Uint32Array(count);
  let n = 0;
  let zero = false;
  for (let i = first; i <= last; i++) {
    const h = hashes[i];
    if (h === 0) {
      if (!zero) out[n++] = 0;
      zero = true;
      continue;
    }
    let slot = mix(h) & mask;
    while (table[slot] !== 0 && table[slot] !== h) slot = (slot + 1) & mask;
    if (table[slot] === 0) {
      table[slot] = h;
      out[n++] = h;
    }
  }
  return out.subarray(0, n);
}

function countLoc(code: readonly string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++)
    if (leadingSpace(code[i]) < code[i].length) n++;
  return n;
}

/** The functions of a source (methods and nested functions included), by indentation. */
function functionsOf(
  source: PythonSource,
  stream: TokenStream,
  hashes: Uint32Array,
): Unit[] {
  const units: Unit[] = [];
  const code = source.code;
  for (let i = 0; i < code.length; i++) {
    if (!code[i].includes('def')) continue;
    const def = /^(\s*)(?:async\s+)?def\s+(\w+)/.exec(code[i]);
    if (!def) continue;
    const indent = def[1].length;
    let end = i + 1;
    for (let j = i + 1; j < code.length; j++) {
      const l = code[j];
      const lead = leadingSpace(l);
      if (lead === l.length) continue;
      if (lead <= indent) break;
      end = j + 1;
    }
    const loc = countLoc(code, i, end);
    if (loc < MIN_LOC) continue;
    units.push({
      kind: 'function',
      source,
      name: def[2],
      start: i + 1,
      end,
      loc,
      shingles: shinglesOf(stream, hashes, i, end),
    });
  }
  return units;
}

/**
 * MinHash signature by one-permutation hashing (Li, Owen and Zhang 2012): one
 * hash per shingle picks one of the {@link HASHES} bins and the bin keeps its
 * minimum; empty bins borrow from the next non-empty bin to their right
 * (Shrivastava 2017's densification), so every bin still estimates Jaccard
 * similarity the way a separate hash function would, at 1/40th of the cost.
 */
function signature(unit: Unit): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const filled = new Uint8Array(HASHES);
  for (const s of unit.shingles) {
    const h = mix(s);
    const bin = h % HASHES;
    const v = mix(h ^ 0x5bd1e995);
    if (v < sig[bin] || !filled[bin]) {
      sig[bin] = v;
      filled[bin] = 1;
    }
  }
  for (let k = 0; k < HASHES; k++) {
    if (filled[k]) continue;
    for (let step = 1; step < HASHES; step++) {
      const from = (k + step) % HASHES;
      if (filled[from]) {
        // Offset by the distance, so that borrowed values differ by bin.
        sig[k] = mix(sig[from] + step);
        break;
      }
    }
  }
  return sig;
}

const sortedShingles = new WeakMap<Unit, Uint32Array>();

/** A unit's shingles sorted (only candidate pairs need them; cached). */
function sortedOf(unit: Unit): Uint32Array {
  let sorted = sortedShingles.get(unit);
  if (!sorted) {
    sorted = unit.shingles.slice().sort();
    sortedShingles.set(unit, sorted);
  }
  return sorted;
}

/** Jaccard similarity of two units' shingle sets (a merge of the sorted sets). */
function jaccard(x: Unit, y: Unit): number {
  const a = sortedOf(x);
  const b = sortedOf(y);
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

/**
 * Pairs of units with Jaccard similarity ≥ 0.8, found with MinHash and
 * locality-sensitive hashing (10 bands of 4 rows: a pair at 0.8 becomes a
 * candidate with probability 0.995), then verified exactly. Never compares
 * all pairs; stops after {@link MAX_PAIRS} duplicates.
 */
export function similarPairs(
  units: readonly Unit[],
): Array<{ a: Unit; b: Unit; similarity: number }> {
  // A band's rows hashed to one number (with the band's index): a collision
  // only adds a candidate, which the exact check below then rejects.
  const buckets = new Map<number, number[]>();
  units.forEach((unit, index) => {
    if (unit.shingles.length === 0) return;
    const sig = signature(unit);
    for (let band = 0; band < BANDS; band++) {
      let h = mix(band + 1);
      for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[band * ROWS + r]);
      const key = band * 0x100000000 + h;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(index);
      else buckets.set(key, [index]);
    }
  });
  const seen = new Set<number>();
  const pairs: Array<{ a: Unit; b: Unit; similarity: number }> = [];
  for (const bucket of buckets.values()) {
    if (bucket.length < 2 || bucket.length > MAX_BUCKET) continue;
    if (pairs.length >= MAX_PAIRS) break;
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const [i, j] = [bucket[x], bucket[y]];
        const key = i * units.length + j;
        if (seen.has(key)) continue;
        seen.add(key);
        const [a, b] = [units[i], units[j]];
        const sizeRatio =
          Math.min(a.shingles.length, b.shingles.length) /
          Math.max(a.shingles.length, b.shingles.length);
        if (sizeRatio < THRESHOLD) continue;
        // A function and the function nested in it are not copies.
        if (a.source === b.source && a.start <= b.end && b.start <= a.end)
          continue;
        const similarity = jaccard(a, b);
        if (similarity >= THRESHOLD) pairs.push({ a, b, similarity });
      }
    }
  }
  return pairs;
}

/** `x.py` next to `x_v2.py` or `x_new.py`. */
function siblingPairs(paths: readonly string[]): Array<[string, string]> {
  const present = new Set(paths);
  const pairs: Array<[string, string]> = [];
  for (const p of paths) {
    const m = /^(.*\/)?(\w+?)_(?:v\d+|new)\.py$/.exec(p);
    if (!m) continue;
    const original = `${m[1] ?? ''}${m[2]}.py`;
    if (present.has(original)) pairs.push([original, p]);
  }
  return pairs;
}

interface Duplicate {
  weight: number;
  evidence: Evidence;
}

/**
 * DBT-03 — Duplicated model and feature-extraction code (Tang et al. 2021).
 */
export const DBT_03: MlDebtCheck = {
  id: 'DBT-03',
  title: 'Duplicated model or feature-extraction code',
  category: 'satd',
  weight: 1,
  confidence: 'medium',
  mlTestScore: ['data.7'],
  debtType: 'Glue code; duplication',
  appliesToExperimental: true,
  rationale:
    "Copy-pasted training loops and feature transforms drift apart: a fix lands in one copy and not the other, and features are computed differently in two places. Tang et al. (2021) found duplication to be the main cross-cutting theme of technical debt in ML systems, most of it in model and configuration code; van Oort et al. (2021) found it widespread in 74 ML projects. Each copy is glue code in Sculley et al.'s (2015) sense and must be tested separately (ML Test Score Data 7).",
  references: [
    'Tang et al. 2021, An Empirical Study of Refactorings and Technical Debt in Machine Learning Systems (ICSE)',
    'van Oort et al. 2021, The Prevalence of Code Smells in Machine Learning Projects (WAIN)',
    "O'Brien et al. 2022, 23 Shades of Self-Admitted Technical Debt (Duplicate Code Elimination)",
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §5 (glue code)',
  ],
  remediation: [
    'Extract the duplicated model or feature code into one shared module and import it from every place that used a copy.',
    'Turn the differences between the copies into parameters or configuration, so that variants are chosen by config rather than by copying a file.',
    'Unit-test the shared module, so that one set of tests covers every caller.',
  ],
  evaluate({ facts }) {
    const notebooks = notebooksByPath(facts.notebooks);
    const sources = facts.productionSources.filter(
      s => !GENERATED_OR_VENDORED.test(s.path),
    );
    const files: Unit[] = [];
    const functions: Unit[] = [];
    for (const source of sources) {
      if (source.codeLines < MIN_LOC) continue;
      const stream = tokenStream(source.code);
      const hashes = shingleHashes(stream.ids);
      files.push({
        kind: 'file',
        source,
        name: source.path,
        start: 1,
        end: source.code.length,
        loc: source.codeLines,
        shingles: shinglesOf(stream, hashes, 0, source.code.length),
      });
      functions.push(...functionsOf(source, stream, hashes));
    }

    const duplicates: Duplicate[] = [];
    const pairKey = (a: string, b: string) => [a, b].sort().join('\u0000');
    const filePairs = new Set<string>();
    const weightOf = (a: string, b: string) =>
      ML_PATH.test(a) || ML_PATH.test(b) ? 2 : 1;

    for (const [original, variant] of siblingPairs(sources.map(s => s.path))) {
      filePairs.add(pairKey(original, variant));
      duplicates.push({
        weight: weightOf(original, variant),
        evidence: fileEvidence(
          variant,
          `${variant} is a variant copy of ${original}`,
        ),
      });
    }
    for (const { a, b, similarity } of similarPairs(files)) {
      const key = pairKey(a.source.path, b.source.path);
      if (filePairs.has(key)) continue;
      filePairs.add(key);
      duplicates.push({
        weight: weightOf(a.source.path, b.source.path),
        evidence: fileEvidence(
          b.source.path,
          `${b.source.path} duplicates ${a.source.path} (${Math.round(
            similarity * 100,
          )}% similar, ${Math.min(a.loc, b.loc)} LoC)`,
        ),
      });
    }
    for (const { a, b, similarity } of similarPairs(functions)) {
      if (filePairs.has(pairKey(a.source.path, b.source.path))) continue;
      duplicates.push({
        weight: weightOf(a.source.path, b.source.path),
        evidence: sourceEvidence(
          b.source,
          b.start,
          `${b.name}() duplicates ${a.name}() at ${locationOf(
            a.source,
            a.start,
            notebooks,
          )} (${Math.round(similarity * 100)}% similar, ${Math.min(
            a.loc,
            b.loc,
          )} LoC)`,
          notebooks,
        ),
      });
    }

    const weighted = duplicates.reduce((sum, d) => sum + d.weight, 0);
    const { score, status } = countScore(weighted);
    if (duplicates.length === 0) {
      return {
        status,
        score,
        summary: `No duplicated functions or files of ${MIN_LOC}+ lines (token 5-gram Jaccard ≥ ${THRESHOLD}) and no x.py / x_v2.py copies.`,
      };
    }
    const ordered = [...duplicates].sort((x, y) => y.weight - x.weight);
    const ml = duplicates.filter(d => d.weight === 2).length;
    return {
      status,
      score,
      summary: `${duplicates.length} duplicated code pair${
        duplicates.length === 1 ? '' : 's'
      }${ml > 0 ? `, ${ml} in model, training or feature code` : ''}.`,
      evidence: firstN(
        ordered.map(d => d.evidence),
        10,
      ),
    };
  },
};

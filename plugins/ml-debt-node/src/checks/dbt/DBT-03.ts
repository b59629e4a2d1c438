import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { PythonSource } from '../../analysis/python';
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
/** MinHash signature: BANDS × ROWS hash functions, for LSH candidate search. */
const BANDS = 10;
const ROWS = 4;
/** Buckets larger than this are boilerplate, not copy-paste; skip them. */
const MAX_BUCKET = 64;
/** Stop verifying after this many duplicate pairs: the score is 0 long before. */
const MAX_PAIRS = 100;
/** Paths whose duplication counts double. */
const ML_PATH = /model|train|feature|preprocess/i;

const TOKEN = /[A-Za-z_]\w*|\d+(?:\.\d+)?|[^\s\w]/g;

/** A function or a file, reduced to its set of token 5-gram hashes. */
interface Unit {
  kind: 'function' | 'file';
  source: PythonSource;
  name: string;
  /** 1-based first and last line. */
  start: number;
  end: number;
  loc: number;
  shingles: Set<number>;
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

/** Token ids of every line of the code (strings blanked, comments gone). */
function lineTokens(
  code: readonly string[],
  vocabulary: Map<string, number>,
): number[][] {
  return code.map(line => {
    const matches = line.match(TOKEN);
    if (!matches) return [];
    return matches.map(tok => {
      let id = vocabulary.get(tok);
      if (id === undefined) {
        id = vocabulary.size + 1;
        vocabulary.set(tok, id);
      }
      return id;
    });
  });
}

/** The token ids of lines [from, to), as one stream. */
function tokenIds(lines: readonly number[][], from: number, to: number) {
  const ids: number[] = [];
  for (let i = from; i < to; i++) for (const id of lines[i]) ids.push(id);
  return ids;
}

function shingles(ids: readonly number[]): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE <= ids.length; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE; j++) h = Math.imul(h ^ ids[i + j], 16777619);
    set.add(h >>> 0);
  }
  return set;
}

function countLoc(code: readonly string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (code[i].trim() !== '') n++;
  return n;
}

/** The functions of a source (methods and nested functions included), by indentation. */
function functionsOf(source: PythonSource, tokens: number[][]): Unit[] {
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
      const rest = l.trimStart();
      if (rest === '') continue;
      if (l.length - rest.length <= indent) break;
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
      shingles: shingles(tokenIds(tokens, i, end)),
    });
  }
  return units;
}

/**
 * MinHash signature. The k hash functions are `h1 + k·h2` (Kirsch and
 * Mitzenmacher), two mixes per shingle instead of one per shingle and k.
 */
function signature(unit: Unit): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of unit.shingles) {
    const h1 = mix(s);
    const h2 = mix(s ^ 0x5bd1e995) | 1;
    // (h1 + k·h2) mod 2^32, stepped by h2.
    let v = h1;
    for (let k = 0; k < HASHES; k++) {
      if (v < sig[k]) sig[k] = v;
      v = (v + h2) >>> 0;
    }
  }
  return sig;
}

function jaccard(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
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
  const buckets = new Map<string, number[]>();
  units.forEach((unit, index) => {
    if (unit.shingles.size === 0) return;
    const sig = signature(unit);
    for (let band = 0; band < BANDS; band++) {
      let key = `${band}:${sig[band * ROWS]}`;
      for (let r = 1; r < ROWS; r++) key += `,${sig[band * ROWS + r]}`;
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
          Math.min(a.shingles.size, b.shingles.size) /
          Math.max(a.shingles.size, b.shingles.size);
        if (sizeRatio < THRESHOLD) continue;
        // A function and the function nested in it are not copies.
        if (a.source === b.source && a.start <= b.end && b.start <= a.end)
          continue;
        const similarity = jaccard(a.shingles, b.shingles);
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
    const vocabulary = new Map<string, number>();
    const sources = facts.productionSources.filter(
      s => !GENERATED_OR_VENDORED.test(s.path),
    );
    const files: Unit[] = [];
    const functions: Unit[] = [];
    for (const source of sources) {
      if (source.codeLines < MIN_LOC) continue;
      const tokens = lineTokens(source.code, vocabulary);
      files.push({
        kind: 'file',
        source,
        name: source.path,
        start: 1,
        end: source.code.length,
        loc: source.codeLines,
        shingles: shingles(tokenIds(tokens, 0, source.code.length)),
      });
      functions.push(...functionsOf(source, tokens));
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

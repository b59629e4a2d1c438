import { analysePython } from './python';
import {
  candidateCodeLines,
  findCodeLine,
  lineStarts,
  markLines,
  matchesOf,
  someCodeLine,
} from './sourceText';

const source = (text: string) => analysePython('m.py', text);

/** What a test of every line finds: the reference the whole-text pass must agree with. */
const byLine = (lines: string[], pattern: RegExp) =>
  lines.flatMap((l, i) => (pattern.test(l) ? [i] : []));

describe('whole-source line search', () => {
  const text = [
    'import os',
    'x = 1',
    '',
    'if False:',
    '    y = train(',
    '        a)',
    'z = "if False:"  # if False:',
    'w = 2',
  ].join('\n');

  it('finds every line a per-line test finds', () => {
    const s = source(text);
    for (const pattern of [
      /^\s*if\s+False\s*:/,
      /\btrain\(/,
      /=\s*\d+$/,
      /^\w+\s*=/,
      /^$/,
    ]) {
      const candidates = candidateCodeLines(s, pattern);
      // A superset (`^\s*` may run from a blank line into the next)…
      expect(candidates).toEqual(
        expect.arrayContaining(byLine(s.code, pattern)),
      );
      // …which the line test narrows down to exactly the per-line answer.
      expect(candidates.filter(i => pattern.test(s.code[i]))).toEqual(
        byLine(s.code, pattern),
      );
    }
    expect(candidateCodeLines(s, /^\s*if\s+False\s*:/)).toEqual([2, 3]);
  });

  it('never matches inside blanked strings or comments', () => {
    const s = source(text);
    expect(candidateCodeLines(s, /if False/)).toEqual([3]);
  });

  it('keeps a line whose own match is preceded by a match running into it', () => {
    // `a\s*\w+` matches from line 0 across the break to the end of line 1,
    // whose own match `ac` must still be found.
    const lines = ['a', 'bac', 'd'];
    const hit = markLines(lines.join('\n'), lineStarts(lines), [/a\s*\w+/]);
    expect(hit && [...hit]).toEqual([1, 1, 0]);
  });

  it('marks with several patterns what each marks on its own', () => {
    const s = source(text);
    const union = (...patterns: RegExp[]) =>
      [...new Set(patterns.flatMap(p => candidateCodeLines(s, p)))].sort(
        (a, b) => a - b,
      );
    const sets: RegExp[][] = [
      [/\btrain\(/, /^w/, /os$/],
      [/^\s*if\s+False\s*:/, /=\s*\d+$/],
      // Different flags, and a back-reference: scanned one by one.
      [/IMPORT/i, /^\w+\s*=/],
      [/(\w) = \1/, /train/],
      [/(?<name>w) =/, /y =/],
    ];
    for (const patterns of sets) {
      expect(candidateCodeLines(s, ...patterns)).toEqual(union(...patterns));
    }
  });

  it('answers each list of patterns with its own scan, however often lists share patterns', () => {
    const s = source(text);
    const train = /\btrain\(/;
    const assign = /^\w+\s*=/;
    // Lists that start alike, in turn and again: each must get its own scanners.
    for (let round = 0; round < 2; round++) {
      expect(candidateCodeLines(s, train)).toEqual([4]);
      expect(candidateCodeLines(s, train, assign)).toEqual([1, 4, 6, 7]);
      expect(candidateCodeLines(s, train, undefined, assign)).toEqual([
        1, 4, 6, 7,
      ]);
      expect(candidateCodeLines(s, train, /IMPORT/i)).toEqual([0, 4]);
      expect(candidateCodeLines(s, undefined, assign)).toEqual([1, 6, 7]);
    }
    // Lists made at run time, more than are kept, still scan right.
    for (let k = 0; k < 40; k++) {
      expect(candidateCodeLines(s, train, new RegExp(`^w = ${k % 3}`))).toEqual(
        k % 3 === 2 ? [4, 7] : [4],
      );
    }
  });

  it('scans patterns with groups and brackets in classes like the patterns themselves', () => {
    const s = source(
      ['f(x)', 'g = (a)', 'h[0] = ]', 'k = [(]', 'm(n(o))', 'p = q'].join('\n'),
    );
    for (const pattern of [
      /(\w+)\((\w+)\)/,
      /[(]\w+[)]/,
      /[\]]|(\w) = \[/,
      /[^]]\s*=\s*\]/,
      /(?:(\w)\()+/,
      /\(\w\)/,
    ]) {
      expect([pattern.source, candidateCodeLines(s, pattern)]).toEqual([
        pattern.source,
        byLine(s.code, pattern),
      ]);
    }
  });

  it('marks nothing when no pattern matches', () => {
    const lines = ['a', 'b'];
    expect(markLines(lines.join('\n'), lineStarts(lines), [/z/])).toBe(
      undefined,
    );
    expect(
      markLines(lines.join('\n'), lineStarts(lines), [undefined]),
    ).toBeUndefined();
  });

  it('finds the first matching line as findIndex does, verifying candidates', () => {
    const s = source(text);
    // `=\s*2` matches across `x = 1\n\nif` nowhere, but `\s*` lets the
    // whole text try; the verified answer is still the per-line one.
    expect(findCodeLine(s, /=\s*2/)).toBe(
      s.code.findIndex(l => /=\s*2/.test(l)),
    );
    expect(findCodeLine(s, /nothing here/)).toBe(-1);
    expect(someCodeLine(s, /\bos\b/)).toBe(true);
    // A candidate from a match across a break is rejected by the line test.
    const t = source('a =\n2');
    expect(candidateCodeLines(t, /=\s*2/)).toEqual([0]);
    expect(findCodeLine(t, /=\s*2/)).toBe(-1);
  });

  it('leaves global patterns stateless', () => {
    const s = source(text);
    const global = /w = 2/g;
    expect(findCodeLine(s, global)).toBe(7);
    expect(findCodeLine(s, global)).toBe(7);
  });
});

describe('matchesOf', () => {
  it('yields what matchAll yields, and leaves the pattern reusable', () => {
    const cases: Array<[string, RegExp]> = [
      ['lr=0.1, epochs = 10; lr=2', /\b(lr|epochs)\s*=\s*(\d+(?:\.\d+)?)/g],
      ['abc', /x*/g],
      ['a1b22c', /\d*/g],
      ['', /a/g],
    ];
    for (const [text, pattern] of cases) {
      const expected = [...text.matchAll(pattern)].map(m => [m.index, [...m]]);
      for (let round = 0; round < 2; round++) {
        expect(matchesOf(text, pattern).map(m => [m.index, [...m]])).toEqual(
          expected,
        );
      }
    }
    expect(matchesOf('a1b2', /\d/).map(m => m[0])).toEqual(['1']);
  });
});

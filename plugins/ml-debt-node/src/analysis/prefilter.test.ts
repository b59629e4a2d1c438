import {
  admits,
  prefilterOf,
  prefixHash,
  requirementOf,
  wordHash,
  WordSet,
} from './prefilter';

const req = (
  words: string[] = [],
  prefixes: string[] = [],
  substrings: string[] = [],
) => ({ words, prefixes, substrings });

describe('requirementOf', () => {
  it.each([
    // Bounded by punctuation, `\b`, `^`, `\s` and `(?<![\w.])`: whole words.
    [/\.fit\(/, req(['fit'])],
    [/\bTrainer\(/, req(['Trainer'])],
    [/^\s*import\s+torch\b/m, req(['import'])],
    [/(?<![\w.])random\.seed\(/, req(['random'])],
    [/\bsnapshot_id\s*=/, req(['snapshot_id'])],
    // Alternations and literal groups expand to every string they match.
    [
      /\b(?:RandomForest|ExtraTrees)(?:Classifier|Regressor)\(/,
      req([
        'RandomForestClassifier',
        'RandomForestRegressor',
        'ExtraTreesClassifier',
        'ExtraTreesRegressor',
      ]),
    ],
    [/\bxgb\.train\(|\.fit\(/, req(['train', 'fit'])],
    [/\bdumps?\(/, req(['dump', 'dumps'])],
    // A group with `\b` inside keeps it: not flattened to bare strings.
    [
      /(?:\bmlflow\.(?:a|b)\(|\bMetricThreshold\()/,
      req(['mlflow', 'MetricThreshold']),
    ],
    // Open on the right: a word beginning. Open on the left: a substring.
    [/\bStandardScaler/, req([], ['Stan'])],
    [/\bexpect_column_\w+\(/, req([], ['expe'])],
    [/Dropout\(/, req([], [], ['Dropout('])],
    [/training_step/, req([], [], ['training_step'])],
    [/kind:\s*CronJob/, req([], ['Cron'])],
    [/x = foo_bar/, req([], ['foo_'])],
    // Whitespace never inside a substring (logical lines join with spaces).
    [/Dropout\(x, y\)/, req([], [], ['Dropout(x,'])],
    // A repeated group still has to be there once.
    [/(?:\.fit\()+/, req(['fit'])],
    // An optional group of 64 alternatives is 65 strings, more than a run
    // holds: the literal after it still counts.
    [
      new RegExp(
        `(?:${Array.from({ length: 64 }, (_, i) => `w${i}x`).join(
          '|',
        )})?\\.yz\\(`,
      ),
      req(['yz']),
    ],
  ])('%s', (pattern, expected) => {
    expect(requirementOf(pattern)).toEqual(expected);
  });

  it.each([
    /foo/i, // case-insensitive
    /=\s*-?\.?\d/, // no literal
    /\.fit\(|\d+/, // one alternative without a literal
    /(?:foo)?\(/, // only optional literals and one character
  ])('has none for %s', pattern => {
    expect(requirementOf(pattern)).toBeUndefined();
  });
});

describe('WordSet', () => {
  it('holds the words and their beginnings', () => {
    const words = WordSet.of('model.fit(X_train, y)\nStandardScaler()  # é9x');
    for (const w of ['model', 'fit', 'X_train', 'y', 'StandardScaler', '9x']) {
      expect(words.has(wordHash(w))).toBe(true);
    }
    for (const w of ['mod', 'train', 'Standard', 'fit(', 'x']) {
      expect(words.has(wordHash(w))).toBe(false);
    }
    expect(words.has(prefixHash('mode'))).toBe(true);
    expect(words.has(prefixHash('Stan'))).toBe(true);
    expect(words.has(prefixHash('X_tr'))).toBe(true);
    expect(words.has(prefixHash('fit'))).toBe(false);
    expect(words.has(prefixHash('tran'))).toBe(false);
  });

  it('handles texts with many distinct words, one after the other', () => {
    const many = Array.from({ length: 20000 }, (_, i) => `w${i}`).join(' ');
    const big = WordSet.of(many);
    expect(big.has(wordHash('w0'))).toBe(true);
    expect(big.has(wordHash('w19999'))).toBe(true);
    expect(big.has(wordHash('w20000'))).toBe(false);
    // The shared scratch table is left clean for the next text.
    const small = WordSet.of('w1 w2');
    expect(small.has(wordHash('w1'))).toBe(true);
    expect(small.has(wordHash('w3'))).toBe(false);
  });
});

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('prefilter soundness', () => {
  // Patterns shaped like the checks' (bounds, groups, optional parts,
  // lookarounds), and texts built at random from pieces of them and from
  // characters that do or do not bound a word: a text a pattern matches
  // must never be rejected.
  const cases: Array<[RegExp, string[]]> = [
    [
      /\.fit\(|\.fit_transform\(|\bTrainer\(|\boptimizer\.step\(|\.train\(\s*\w/gm,
      ['.fit', '_transform', 'Trainer', 'optimizer', '.step', '.train', '('],
    ],
    [
      /\b(?:joblib|pickle|cloudpickle)\.dumps?\(|\btorch\.(?:jit\.)?save\(/gm,
      [
        'joblib',
        'pickle',
        'cloud',
        '.dump',
        's',
        '(',
        'torch',
        '.jit',
        '.save',
        'pickle.dump',
      ],
    ],
    [
      /(?<![\w.])(?:(?:tf\.)?keras\.(?:models\.)?(?:Sequential|Model)|build_model)\(/gm,
      ['tf.', 'keras.', 'models.', 'Sequential', 'Model', 'build_model', '('],
    ],
    [
      /\b(?:StandardScaler|MinMaxScaler)|Dropout\(|\bexpect_\w+\(/gm,
      ['Standard', 'Scaler', 'MinMax', 'Dropout', '(', 'expect_', 'col'],
    ],
    [
      /^\s*(?:async\s+)?def\s+test_?\w*\s*\(|\(\s*TestCase\s*\)/gm,
      ['async ', 'def', 'def test', 'test', '_', 'it', '(', ')', 'TestCase'],
    ],
    [
      /\bsnapshot_id\s*=|data(?:set)?_version["']?\s*[:=]/gm,
      ['snapshot_id', 'data', 'set', '_version', '"', ':', '='],
    ],
    [
      /\bif\s+(?:False\b|None\b|[A-Z])|kind:\s*(?:Rollout|Canary)\b/gm,
      ['if', 'False', 'None', 'X', 'kind:', 'Rollout', 'Canary'],
    ],
    [
      /(?:np|numpy)\.nan\s*[=!]=|[=!]=\s*(?:np|numpy)\.nan\b/gm,
      ['np', 'numpy', '.nan', '==', '!=', '='],
    ],
    [
      /\bclass\s+\w+\(\s*(?:pl\.|L\.)?LightningModule\b|\bzero_grad\(/gm,
      ['class', 'Net', '(', 'pl.', 'L.', 'LightningModule', 'zero_grad'],
    ],
    [
      /(?:foo|ba)r?\bbaz|\bqux(?!\()|(?<=@)hydra\.main\b/gm,
      ['foo', 'ba', 'r', 'baz', 'qux', '(', '@', 'hydra', '.main'],
    ],
    [/\.?(?:foo|\d+xyz)\(/gm, ['.', 'foo', 'xyz', '1', '(', 'a']],
  ];
  const bounds = [' ', ' ', '.', '(', '_', 'a', 'Z', '9', '\n', '=', 'é'];

  it.each(cases)('never rejects a text %s matches', (pattern, pieces) => {
    const prefilter = prefilterOf(pattern);
    expect(prefilter).not.toBeNull();
    const next = random(pattern.source.length);
    const pick = <T>(list: readonly T[]) =>
      list[Math.floor(next() * list.length)];
    let matched = 0;
    let rejected = 0;
    const unsound: string[] = [];
    for (let i = 0; i < 8000; i++) {
      let text = '';
      const parts = 1 + Math.floor(next() * 7);
      for (let k = 0; k < parts; k++) {
        text += next() < 0.75 ? pick(pieces) : pick(bounds);
      }
      pattern.lastIndex = 0;
      const admitted = admits(prefilter!, WordSet.of(text), text);
      if (pattern.test(text)) {
        matched++;
        if (!admitted) unsound.push(text);
      } else if (!admitted) rejected++;
    }
    expect(unsound).toEqual([]);
    // The texts include matches to test, and the prefilter does filter.
    expect(matched).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
  });

  it('rejects texts without the literals', () => {
    const prefilter = prefilterOf(/\.fit\(|\bStandardScaler|Dropout\(/gm)!;
    const text = 'model.predict(X)  # fit later\nscaler = MinMax()\nfit = 1';
    expect(admits(prefilter, WordSet.of(text), text)).toBe(true); // `fit` word
    const other = 'model.predict(X)\nscaler = MinMaxScaler()\nDropout = 1';
    expect(admits(prefilter, WordSet.of(other), other)).toBe(false);
  });
});

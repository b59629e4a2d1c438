import { analysePython, isTestPath } from './python';

describe('analysePython', () => {
  const source = analysePython(
    'src/train.py',
    [
      '"""Train the model. TODO in a docstring is not a comment."""',
      'import numpy as np, pandas as pd',
      'from sklearn.ensemble import (',
      '    RandomForestClassifier,',
      '    GradientBoostingClassifier as GBC,',
      ')',
      "PATH = '/home/ada/data.csv'  # HACK: local path",
      'x = "model.fit(X)"',
      "s = '''multi",
      'line model.predict()',
      "'''",
      'model.fit(X, y)',
    ].join('\n'),
  );

  it('blanks string contents and removes comments from code', () => {
    expect(source.code[6]).toBe("PATH = '                  '  ");
    expect(source.code[7]).not.toContain('fit');
    expect(source.code[9]).not.toContain('predict');
    expect(source.code[11]).toBe('model.fit(X, y)');
  });

  it('collects comments, strings and docstrings with their lines', () => {
    expect(source.comments).toEqual([{ line: 7, text: 'HACK: local path' }]);
    expect(source.strings[0]).toEqual({
      line: 1,
      value: 'Train the model. TODO in a docstring is not a comment.',
      docstring: true,
    });
    expect(source.strings).toContainEqual({
      line: 7,
      value: '/home/ada/data.csv',
      docstring: false,
    });
    expect(source.strings).toContainEqual({
      line: 9,
      value: 'multi\nline model.predict()\n',
      docstring: false,
    });
  });

  it('parses imports, including parenthesised lists and aliases', () => {
    expect(source.imports).toEqual([
      { line: 2, module: 'numpy', names: [] },
      { line: 2, module: 'pandas', names: [] },
      {
        line: 3,
        module: 'sklearn.ensemble',
        names: ['RandomForestClassifier', 'GradientBoostingClassifier'],
      },
    ]);
    expect([...source.importedModules].sort()).toEqual([
      'numpy',
      'pandas',
      'sklearn',
    ]);
  });

  it('keeps escaped quotes inside strings', () => {
    const s = analysePython('a.py', 'x = "say \\"fit(\\" now" ; y.fit(1)');
    expect(s.code[0]).toMatch(/y\.fit\(1\)$/);
    expect(s.code[0]).not.toMatch(/say/);
  });
});

describe('isTestPath', () => {
  it.each([
    ['tests/test_features.py', true],
    ['test/helpers.py', true],
    ['src/test_model.py', true],
    ['src/model_test.py', true],
    ['conftest.py', true],
    ['src/testing_utils.py', false],
    ['src/contest.py', false],
  ])('%s → %s', (p, expected) => {
    expect(isTestPath(p)).toBe(expected);
  });
});

import { occursAsWord } from './support';

describe('occursAsWord', () => {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reference = (text: string, needle: string) =>
    new RegExp(`(?<![\\w-])${escape(needle)}(?![\\w-])`).test(text);

  it('matches a whole word the way the lookaround regex does', () => {
    const texts = [
      'python src/train.py --epochs 3',
      'python -m pkg.train',
      'python retrain.py',
      'python train.py-old',
      'run: train.py',
      'train.py',
      'x_train.py train.py',
      'pkg.trainer',
      'make train',
      '',
    ];
    const needles = ['train.py', 'src/train.py', 'pkg.train', 'train'];
    for (const text of texts) {
      for (const needle of needles) {
        expect([text, needle, occursAsWord(text, needle)]).toEqual([
          text,
          needle,
          reference(text, needle),
        ]);
      }
    }
  });

  it('finds a later delimited occurrence after an undelimited one', () => {
    expect(occursAsWord('x_train.py then train.py', 'train.py')).toBe(true);
    expect(occursAsWord('retrain.py', 'train.py')).toBe(false);
  });
});

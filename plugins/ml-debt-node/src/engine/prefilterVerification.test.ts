import fs from 'node:fs';
import path from 'node:path';
import { analysePython } from '../analysis/python';
import { WordSet } from '../analysis/prefilter';
import {
  lineStarts,
  markLines,
  verifyPrefilters,
} from '../analysis/sourceText';
import { BUILTIN_CHECKS } from '../checks';
import { createDirectorySnapshot } from '../snapshot/Snapshot';
import { mlServiceEntity } from '../testUtils';
import { scanService } from './scanService';

/** Every check fixture repository, and every demo repository under examples/. */
function corpus(): string[] {
  const checks = path.resolve(__dirname, '../checks');
  const fixtures = fs
    .readdirSync(checks)
    .map(category => path.join(checks, category, '__fixtures__'))
    .filter(dir => fs.existsSync(dir))
    .flatMap(dir =>
      fs.readdirSync(dir).flatMap(check =>
        fs
          .readdirSync(path.join(dir, check), { withFileTypes: true })
          .filter(d => d.isDirectory())
          .map(d => path.join(dir, check, d.name)),
      ),
    );
  const examples = path.resolve(__dirname, '../../../../examples/repos');
  return [
    ...fixtures,
    ...fs.readdirSync(examples).map(name => path.join(examples, name)),
  ];
}

describe('literal prefilters on real sources', () => {
  afterEach(() => verifyPrefilters(false));

  it('never skip a scan that would have matched, on every fixture and demo repository', async () => {
    verifyPrefilters(true);
    const dirs = corpus();
    expect(dirs.length).toBeGreaterThan(150);
    for (const dir of dirs) {
      const { results } = await scanService({
        snapshot: createDirectorySnapshot(dir),
        checks: BUILTIN_CHECKS,
        entity: mlServiceEntity(),
      });
      // A prefilter that rejected a text its scanner matches throws, and the
      // check that asked becomes an error.
      const errors = results.filter(r => r.status === 'error');
      expect({ dir, errors }).toEqual({ dir, errors: [] });
    }
  });

  it('verification catches a prefilter given the wrong words', () => {
    verifyPrefilters(true);
    const code = analysePython('m.py', 'model.fit(X, y)\n').code;
    const text = code.join('\n');
    const wrongWords = WordSet.of('model.predict(X)');
    expect(() =>
      markLines(text, lineStarts(code), [/\.fit\(/], wrongWords),
    ).toThrow(/Prefilter of .* rejected a text it matches/);
    verifyPrefilters(false);
    expect(
      markLines(text, lineStarts(code), [/\.fit\(/], wrongWords),
    ).toBeUndefined();
  });
});

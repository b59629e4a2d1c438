import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { MDL_02 } from './MDL-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/MDL-02', name);

describe('MDL-02 model may be None at prediction', () => {
  it('fails when the start-up load assigns a local (no global) and predict uses the None module variable', async () => {
    const result = await evaluateFixture(MDL_02, fixture('never-loaded'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0]).toMatchObject({
      path: 'serve.py',
      line: 6,
      snippet: 'model = None  # loaded at start-up',
    });
    expect(result.evidence[1]).toMatchObject({ path: 'serve.py', line: 17 });
  });

  it('passes when a start-up hook declares global and loads the model (guard)', async () => {
    const result = await evaluateFixture(MDL_02, fixture('global-startup'));
    expect(result.status).toBe('pass');
  });

  it('passes the lazy-loading pattern: if model is None, load it (guard)', async () => {
    const result = await evaluateFixture(MDL_02, fixture('lazy-load'));
    expect(result.status).toBe('pass');
  });

  it('passes an attribute that a load() method assigns (KServe)', async () => {
    const result = await evaluateFixture(MDL_02, fixture('attribute-loaded'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('predictor.py');
  });

  it('fails an attribute that is only ever None', async () => {
    const result = await evaluateFixture(
      MDL_02,
      fixture('attribute-never-loaded'),
    );
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({ path: 'predictor.py', line: 7 });
    expect(result.evidence[1]).toMatchObject({
      path: 'predictor.py',
      line: 11,
    });
    expect(result.summary).toMatch(/^1 model variable/);
  });

  it('passes with an explicit guard: assert, not, or "model or load()"', async () => {
    for (const guard of [
      'assert model is not None',
      'if not model:\n        raise RuntimeError("not loaded")',
      'model = model or load()',
    ]) {
      const result = await evaluateFiles(MDL_02, {
        'serve.py': `model = None\n\ndef predict(x):\n    ${guard}\n    return model.predict(x)\n`,
      });
      expect(result.status).toBe('pass');
    }
  });

  it('ignores None in strings and comments', async () => {
    const result = await evaluateFiles(MDL_02, {
      'serve.py':
        'import joblib\n# model = None\nmodel = joblib.load("m.joblib")\nMSG = "model = None"\n\ndef predict(x):\n    return model.predict(x)\n',
    });
    expect(result.status).toBe('pass');
  });

  it('is not applicable without prediction code', async () => {
    const result = await evaluateFixture(MDL_02, fixture('no-serving'));
    expect(result.status).toBe('not-applicable');
  });
});

import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { SML_06 } from './SML-06';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/SML-06', name);

describe('SML-06 unsafe model deserialisation in serving', () => {
  it('fails on pickle.load and a multi-line torch.load without weights_only in a FastAPI service', async () => {
    const result = await evaluateFixture(SML_06, fixture('pickle-serving'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence).toHaveLength(2);
    expect(result.evidence[0]).toMatchObject({
      path: 'app/serve.py',
      line: 11,
      snippet: 'encoder = pickle.load(f)',
    });
    expect(result.evidence[1]).toMatchObject({
      path: 'app/serve.py',
      line: 12,
    });
    expect(result.evidence[1].message).toMatch(
      /torch\.load without weights_only=True/,
    );
  });

  it('passes with ONNX and torch.load(weights_only=True) after a nested call; comments ignored', async () => {
    const result = await evaluateFixture(SML_06, fixture('safe-serving'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
  });

  it('is not applicable without serving or inference code', async () => {
    const result = await evaluateFixture(SML_06, fixture('training-only'));
    expect(result.status).toBe('not-applicable');
  });

  it('scans inference scripts by name and accepts artefacts verified by hash (guard)', async () => {
    const unverified = await evaluateFiles(SML_06, {
      'jobs/batch_predict.py':
        'import joblib\nmodel = joblib.load("model.joblib")\n',
    });
    expect(unverified.status).toBe('fail');
    expect(unverified.evidence[0]).toMatchObject({
      path: 'jobs/batch_predict.py',
      line: 2,
    });
    const verified = await evaluateFiles(SML_06, {
      'jobs/batch_predict.py': [
        'import hashlib',
        'import joblib',
        'digest = hashlib.sha256(open("model.joblib", "rb").read()).hexdigest()',
        'if digest != EXPECTED_SHA256:',
        '    raise RuntimeError("tampered model")',
        'model = joblib.load("model.joblib")',
      ].join('\n'),
    });
    expect(verified.status).toBe('pass');
    expect(verified.evidence[0]).toMatchObject({ line: 6 });
  });

  it('flags yaml.load without SafeLoader but not with it', async () => {
    const result = await evaluateFiles(SML_06, {
      'serve.py': [
        'import yaml',
        'from flask import Flask',
        'app = Flask(__name__)',
        'a = yaml.load(open("a.yaml"), Loader=yaml.SafeLoader)',
        'b = yaml.load(open("b.yaml"), Loader=yaml.FullLoader)',
      ].join('\n'),
    });
    expect(result.status).toBe('fail');
    expect(result.evidence.map(e => e.line)).toEqual([5]);
  });
});

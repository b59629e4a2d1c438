import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { CFG_03 } from './CFG-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CFG-03', name);

describe('CFG-03 fixed decision thresholds in serving code', () => {
  it('fails with a threshold constant and a literal cut-off in a FastAPI service', async () => {
    const result = await evaluateFixture(CFG_03, fixture('hard-coded'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence).toHaveLength(2);
    expect(result.evidence[0]).toMatchObject({
      path: 'serve.py',
      line: 6,
      snippet: 'FRAUD_THRESHOLD = 0.82',
    });
    expect(result.evidence[1]).toMatchObject({ path: 'serve.py', line: 12 });
  });

  it('passes when the threshold comes from model metadata (comments, clipping and asserts ignored)', async () => {
    const result = await evaluateFixture(CFG_03, fixture('from-registry'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'serve.py', line: 10 });
  });

  it('is not applicable without serving code', async () => {
    const result = await evaluateFixture(CFG_03, fixture('batch-only'));
    expect(result.status).toBe('not-applicable');
  });

  it('ignores image-processing thresholds and epsilons (guards)', async () => {
    const result = await evaluateFiles(CFG_03, {
      'inference.py': [
        'import cv2',
        'import torch',
        'from fastapi import FastAPI',
        'app = FastAPI()',
        'def predict(output):',
        '    keep = box_scores > 0.4',
        '    mask = output > 0.5',
        '    ok = output > 0.001',
        '    iou_threshold = 0.45',
        '    return keep, mask, ok',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('does not count test asserts or settings-class defaults (guards)', async () => {
    const result = await evaluateFiles(CFG_03, {
      'app.py': [
        'from fastapi import FastAPI',
        'from pydantic_settings import BaseSettings',
        'class Settings(BaseSettings):',
        '    threshold: float = 0.7',
        'settings = Settings()',
        'app = FastAPI()',
        '@app.post("/score")',
        'def score(p: float):',
        '    return p > settings.threshold',
      ].join('\n'),
      'tests/test_app.py': 'def test_it():\n    assert score(0.9) > 0.5\n',
    });
    expect(result.status).toBe('pass');
  });

  it('scans postprocess files too', async () => {
    const result = await evaluateFiles(CFG_03, {
      'pipeline/postprocess.py':
        'def label(preds):\n    return [pred >= 0.35 for pred in preds]\n',
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({
      path: 'pipeline/postprocess.py',
      line: 2,
    });
  });
});

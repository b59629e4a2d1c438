import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { MON_05 } from './MON-05';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/MON-05', name);

const TRAIN_LOOP =
  'import torch\n\n\ndef train(model, loader, opt):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        loss.backward()\n        opt.step()\n';

describe('MON-05 no numerical-stability guards', () => {
  it('passes when training checks the loss and clips gradients and serving checks outputs', async () => {
    const result = await evaluateFixture(MON_05, fixture('guarded'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('manual');
    expect(result.evidence.map(e => [e.path, e.line, e.snippet])).toEqual([
      ['ranker/inference.py', 13, 'if not np.isfinite(scores).all():'],
      ['ranker/train.py', 12, 'if not torch.isfinite(loss):'],
    ]);
  });

  it('fails when the only mentions are a TODO comment, a string and a test', async () => {
    const result = await evaluateFixture(MON_05, fixture('unguarded'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toContain('training or serving');
    expect(result.evidence.map(e => e.path)).toEqual([
      'ranker/train.py',
      'ranker/inference.py',
    ]);
  });

  it('passes for Lightning detect_anomaly: true in the trainer config (guard), ignoring gradient_clip_val: 0.0', async () => {
    const result = await evaluateFixture(MON_05, fixture('lightning-config'));
    expect(result.status).toBe('pass');
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({
      path: 'conf/trainer.yaml',
      line: 5,
      snippet: 'detect_anomaly: true',
    });
  });

  it('passes but names the serving code when only training is guarded', async () => {
    const result = await evaluateFiles(MON_05, {
      'train.py': TRAIN_LOOP.replace(
        '        loss.backward()',
        '        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)\n        loss.backward()',
      ),
      'serve.py':
        'import torch\nfrom fastapi import FastAPI\n\napp = FastAPI()\nmodel = torch.jit.load("m.pt")\n',
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'Numerical-stability guards cover the training code; the serving code has none.',
    );
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 7 });
  });

  it('does not count guards that are switched off', async () => {
    const result = await evaluateFiles(MON_05, {
      'train.py':
        'import lightning as L\nimport torch\n\ntrainer = L.Trainer(detect_anomaly=False, gradient_clip_val=None)\ntorch.autograd.set_detect_anomaly(False)\n',
    });
    expect(result.status).toBe('fail');
  });

  it('counts Keras TerminateOnNaN and clipnorm', async () => {
    const result = await evaluateFiles(MON_05, {
      'train.py':
        'import tensorflow as tf\n\nopt = tf.keras.optimizers.Adam(1e-3)\ncallbacks = [tf.keras.callbacks.TerminateOnNaN()]\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 4 });

    const clipped = await evaluateFiles(MON_05, {
      'train.py':
        'import tensorflow as tf\n\nopt = tf.keras.optimizers.Adam(1e-3, clipnorm=1.0)\n',
    });
    expect(clipped.status).toBe('pass');
    expect(clipped.evidence[0]).toMatchObject({ path: 'train.py', line: 3 });
  });

  it('is automated when an alert rule watches non-finite outputs', async () => {
    const result = await evaluateFiles(MON_05, {
      'serve.py':
        'import numpy as np\nimport joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\ndef check(p):\n    return np.isfinite(p)\n',
      'deploy/rules.yaml':
        'groups:\n  - name: m\n    rules:\n      - alert: NonFinite\n        expr: increase(model_non_finite_outputs_total[15m]) > 0\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[1]).toMatchObject({
      path: 'deploy/rules.yaml',
      line: 5,
    });
  });

  it('is not applicable without training or serving code', async () => {
    const result = await evaluateFiles(MON_05, {
      'etl.py': 'import pandas as pd\n\ndf = pd.read_csv("x.csv")\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(MON_05, fixture('unguarded'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});

import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { SML_05 } from './SML-05';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/SML-05', name);

describe('SML-05 deep-learning training-loop smells', () => {
  it('fails on forward(), missing zero_grad() and no_grad() without eval()', async () => {
    const result = await evaluateFixture(SML_05, fixture('loop-smells'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence.map(e => e.line)).toEqual([12, 20, 25]);
    expect(result.evidence[0]).toMatchObject({
      path: 'train.py',
      snippet: 'return self.head(self.encoder.forward(x))',
    });
    expect(result.evidence[1].message).toMatch(
      /train\(\) calls backward\(\) and step\(\) but never zero_grad/,
    );
  });

  it('passes with zero_grad(), model(x) and explicit eval()/train()', async () => {
    const result = await evaluateFixture(SML_05, fixture('clean'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
  });

  it('skips gradient clearing and mode toggling for LightningModule subclasses (guard)', async () => {
    const result = await evaluateFiles(SML_05, {
      'model.py': [
        'import lightning as L',
        'import torch',
        'class Model(L.LightningModule):',
        '    def training_step(self, batch, idx):',
        '        loss = self.loss(batch)',
        '        self.manual_backward(loss)',
        '        loss.backward()',
        '        self.optimizers().step()',
        '        return loss',
        '    def validation_step(self, batch, idx):',
        '        with torch.no_grad():',
        '            return self.loss(batch)',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('skips the Hugging Face Trainer (guard)', async () => {
    const result = await evaluateFiles(SML_05, {
      'train.py': [
        'import torch',
        'from transformers import Trainer',
        'trainer = Trainer(model=model, args=args)',
        'with torch.no_grad():',
        '    preds = trainer.predict(ds)',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('flags a Keras model built in a loop without clear_session()', async () => {
    const result = await evaluateFiles(SML_05, {
      'search.py': [
        'import tensorflow as tf',
        'for units in [32, 64]:',
        '    model = tf.keras.Sequential([tf.keras.layers.Dense(units)])',
        '    model.fit(x, y)',
      ].join('\n'),
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({ path: 'search.py', line: 3 });
  });

  it('is not applicable without deep-learning code', async () => {
    const result = await evaluateFiles(SML_05, {
      'train.py': 'from sklearn.svm import SVC\n',
    });
    expect(result.status).toBe('not-applicable');
  });
});

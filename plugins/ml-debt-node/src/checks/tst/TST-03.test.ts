import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { TST_03 } from './TST-03';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/TST-03', name);

describe('TST-03 model code not unit-tested', () => {
  it('passes with a one-gradient-step test, run by hand', async () => {
    const result = await evaluateFixture(TST_03, fixture('trained-in-tests'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toEqual({
      message: 'Test trains or steps a model',
      path: 'tests/test_model.py',
      line: 14,
      snippet: 'loss.backward()',
    });
  });

  it('fails when no test trains or imports the training code', async () => {
    const result = await evaluateFixture(TST_03, fixture('untested-model'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence).toEqual([
      {
        message: 'Untested model or training module',
        path: 'src/churn/train.py',
      },
    ]);
  });

  it('gives half credit when the model is mocked out (guard: heavily mocked tests)', async () => {
    const result = await evaluateFiles(TST_03, {
      'churn/train.py':
        'from sklearn.linear_model import LogisticRegression\n\n\ndef train(x, y):\n    return LogisticRegression().fit(x, y)\n',
      'tests/test_train.py': [
        'from unittest.mock import patch',
        '',
        'from churn.train import train',
        '',
        '',
        '@patch("churn.train.LogisticRegression.fit")',
        'def test_train_calls_fit(fit):',
        '    train([[1]], [0])',
        '    fit.assert_called_once()',
        '',
      ].join('\n'),
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.evidence[0]).toEqual({
      message: 'Imports model code, but mocks the model',
      path: 'tests/test_train.py',
    });
  });

  it('is not applicable without ML code', async () => {
    const result = await evaluateFiles(TST_03, {
      'app.py': 'import flask\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(TST_03, fixture('untested-model'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});

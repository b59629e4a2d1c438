import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { CFG_02 } from './CFG-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CFG-02', name);

describe('CFG-02 hyperparameters left at library defaults', () => {
  it('fails when every estimator runs on defaults, multi-line calls included', async () => {
    const result = await evaluateFixture(CFG_02, fixture('defaults'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence).toHaveLength(2);
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 6 });
    expect(result.evidence[1]).toMatchObject({ path: 'train.py', line: 8 });
    expect(result.evidence[1].message).toMatch(/SVC.*C \/ kernel \/ gamma/);
  });

  it('passes when key hyperparameters are set from config', async () => {
    const result = await evaluateFixture(CFG_02, fixture('explicit'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
  });

  it('counts **cfg and positional arguments as explicit', async () => {
    const result = await evaluateFiles(CFG_02, {
      'model.py': [
        'from sklearn.ensemble import RandomForestClassifier',
        'from sklearn.neighbors import KNeighborsClassifier',
        'rf = RandomForestClassifier(**cfg["forest"])',
        'knn = KNeighborsClassifier(5)',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('does not flag deliberate baselines (guard)', async () => {
    const result = await evaluateFiles(CFG_02, {
      'model.py': [
        'from sklearn.ensemble import RandomForestClassifier',
        'baseline_model = RandomForestClassifier()',
        'model = RandomForestClassifier(max_features=0.5)',
        'other = RandomForestClassifier()',
      ].join('\n'),
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBeCloseTo(66.7, 1);
    expect(result.evidence.map(e => e.line)).toEqual([4]);
  });

  it('does not flag estimators tuned by a search in the same module', async () => {
    const result = await evaluateFiles(CFG_02, {
      'tune.py': [
        'from sklearn.model_selection import GridSearchCV',
        'from sklearn.svm import SVC',
        'search = GridSearchCV(SVC(), {"C": [0.1, 1, 10]})',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('flags torch.optim.SGD without lr (model parameters are not a hyperparameter)', async () => {
    const result = await evaluateFiles(CFG_02, {
      'train.py':
        'import torch\nopt = torch.optim.SGD(model.parameters(), momentum=0.9)\n',
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 2 });
  });

  it('passes when the ML code constructs no covered estimator', async () => {
    const result = await evaluateFiles(CFG_02, {
      'train.py':
        'from sklearn.linear_model import LinearRegression\nm = LinearRegression()\n',
    });
    expect(result.status).toBe('pass');
  });

  it('is not applicable without ML code', async () => {
    const result = await evaluateFiles(CFG_02, {
      'app.py': 'import flask\nSVC = None\n',
    });
    expect(result.status).toBe('not-applicable');
  });
});

import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { SML_02 } from './SML-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/SML-02', name);

describe('SML-02 data leakage (advisory)', () => {
  it('fails when a scaler is fitted on all data before the split, outside a Pipeline', async () => {
    const result = await evaluateFixture(SML_02, fixture('leaky'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({
      path: 'train.py',
      line: 9,
      snippet: 'X_scaled = scaler.fit_transform(X)',
    });
  });

  it('passes with a Pipeline fitted after the split', async () => {
    const result = await evaluateFixture(SML_02, fixture('pipeline'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
  });

  it('does not flag fit-on-train and transform-test outside a Pipeline (guard)', async () => {
    const result = await evaluateFiles(SML_02, {
      'train.py': [
        'from sklearn.model_selection import train_test_split',
        'from sklearn.preprocessing import StandardScaler',
        'from sklearn.svm import SVC',
        'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
        'scaler = StandardScaler()',
        'X_train = scaler.fit_transform(X_train)',
        'X_test = scaler.transform(X_test)',
        'SVC(C=1.0).fit(X_train, y_train)',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('warns on a scale-sensitive estimator without a scaler, but not on tree models (guard)', async () => {
    const svc = await evaluateFiles(SML_02, {
      'train.py':
        'from sklearn.neighbors import KNeighborsClassifier\nknn = KNeighborsClassifier(n_neighbors=5)\nknn.fit(X, y)\n',
    });
    expect(svc.status).toBe('warn');
    expect(svc.score).toBe(50);
    expect(svc.evidence[0]).toMatchObject({ path: 'train.py', line: 2 });
    const tree = await evaluateFiles(SML_02, {
      'train.py':
        'from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier().fit(X, y)\n',
    });
    expect(tree.status).toBe('pass');
  });

  it('is not applicable without scikit-learn code', async () => {
    const result = await evaluateFiles(SML_02, {
      'train.py': 'import torch\nmodel = torch.nn.Linear(2, 1)\n',
    });
    expect(result.status).toBe('not-applicable');
  });
});

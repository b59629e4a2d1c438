import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { SML_01 } from './SML-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/SML-01', name);

describe('SML-01 randomness uncontrolled', () => {
  it('fails when the entry module uses random numbers and no seed is reachable', async () => {
    const result = await evaluateFixture(SML_01, fixture('unseeded'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0]).toMatchObject({
      path: 'train.py',
      line: 8,
      snippet: 'X = np.random.rand(500, 4)',
    });
    expect(result.evidence[0].message).toMatch(
      /^train\.py: 3 random operations and no seed reachable/,
    );
  });

  it('passes when the seed is set in a project util the entry module imports (src layout)', async () => {
    const result = await evaluateFixture(SML_01, fixture('seeded-util'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({
      path: 'src/churn/utils.py',
      line: 7,
    });
  });

  it('passes when a Hydra config sets seed: (guard)', async () => {
    const result = await evaluateFiles(SML_01, {
      'conf/config.yaml': 'seed: 7\nlr: 0.01\n',
      'train.py': [
        'import hydra',
        'import torch',
        '@hydra.main(config_path="conf", config_name="config")',
        'def main(cfg):',
        '    noise = torch.randn(4, 4)',
        '    return noise',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ path: 'conf/config.yaml', line: 1 }),
    );
  });

  it('warns when seeded but sklearn estimators lack random_state and DataLoaders lack a generator (W5509, W5512)', async () => {
    const result = await evaluateFiles(SML_01, {
      'train.py': [
        'import torch',
        'from sklearn.cluster import KMeans',
        'from torch.utils.data import DataLoader',
        'torch.manual_seed(0)',
        'km = KMeans(n_clusters=3, random_state=None)',
        'loader = DataLoader(',
        '    dataset,',
        '    shuffle=True,',
        ')',
        'if __name__ == "__main__":',
        '    km.fit(torch.rand(10, 2))',
      ].join('\n'),
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 5 });
    expect(result.evidence[1]).toMatchObject({ path: 'train.py', line: 6 });
    expect(result.summary).toMatch(/Deterministic algorithms are not enabled/);
  });

  it('does not count randomness that seeds itself, nor code in comments (guard)', async () => {
    const result = await evaluateFiles(SML_01, {
      'train.py': [
        'from sklearn.model_selection import KFold, train_test_split',
        'import numpy as np',
        '# np.random.shuffle(rows)',
        'rng = np.random.default_rng(42)',
        'folds = KFold(n_splits=5)',
        'parts = train_test_split(X, y, random_state=42)',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'No entry point uses uncontrolled random numbers.',
    );
  });

  it('treats any module with a __main__ guard as an entry point', async () => {
    const result = await evaluateFiles(SML_01, {
      'pipeline/backtest.py': [
        'import numpy as np',
        'def sample(ids):',
        '    return np.random.choice(ids, size=5)',
        'if __name__ == "__main__":',
        '    sample([1, 2, 3])',
      ].join('\n'),
    });
    expect(result.status).toBe('fail');
    expect(result.evidence[0]).toMatchObject({
      path: 'pipeline/backtest.py',
      line: 3,
    });
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(SML_01, fixture('unseeded'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});

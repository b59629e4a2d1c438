import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { CFG_01 } from './CFG-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CFG-01', name);

describe('CFG-01 hard-coded hyperparameters', () => {
  it('fails with hyperparameters hard-coded in a multi-line call and no config source', async () => {
    const result = await evaluateFixture(CFG_01, fixture('hard-coded'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toMatch(/^4 hard-coded hyperparameter values/);
    expect(result.evidence[0]).toMatchObject({
      path: 'train.py',
      line: 13,
      snippet: 'learning_rate=0.05,',
    });
    // The docstring (lr=0.1) and the comment (max_iter=1000) never count.
    expect(result.evidence.map(e => e.line)).toEqual([13, 14, 15, 16]);
  });

  it('passes with Hydra config validated by a ConfigStore schema, automated through CODEOWNERS', async () => {
    const result = await evaluateFixture(CFG_01, fixture('hydra-structured'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence[0].path).toBe('conf/config.yaml');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: 'src/train.py',
        line: 4,
        message: 'Configuration is validated against a typed schema',
      }),
    );
  });

  it('scores 50 when params.yaml exists but nothing validates it; dvc.yaml makes it automated', async () => {
    const result = await evaluateFixture(CFG_01, fixture('params-unvalidated'));
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.automation).toBe('automated');
    expect(result.evidence[0].path).toBe('params.yaml');
    expect(result.evidence).toContainEqual(
      expect.objectContaining({
        path: 'train.py',
        line: 10,
        message: 'Hyperparameter lr is hard-coded',
      }),
    );
  });

  it('does not count function-signature defaults (multi-line too) or add_argument defaults; CLI flags are a config source', async () => {
    const result = await evaluateFixture(CFG_01, fixture('cli-flags'));
    expect(result.status).toBe('warn');
    expect(result.summary).not.toMatch(/remain/);
    expect(result.evidence[0]).toMatchObject({
      path: 'train.py',
      line: 21,
      message: 'Hyperparameters are command-line flags',
    });
    expect(result.automation).toBe('manual');
  });

  it('ignores click options, lambdas, config classes and plot alpha', async () => {
    const result = await evaluateFiles(CFG_01, {
      'train.py': [
        'import click',
        'import matplotlib.pyplot as plt',
        'from sklearn.svm import SVC',
        '',
        'class TrainParams:',
        '    C = 1.0',
        '    gamma = 0.1',
        '',
        '@click.command()',
        '@click.option("--alpha", default=0.5)',
        'def main(alpha):',
        '    f = lambda lr=0.1: lr',
        '    plt.plot([1, 2], alpha=0.3)',
        '    return SVC(C=alpha)',
      ].join('\n'),
    });
    expect(result.evidence.filter(e => /hard-coded/.test(e.message))).toEqual(
      [],
    );
  });

  it('reports notebook hyperparameters separately when scripts hold the ML code', async () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: 'code',
          source:
            'from sklearn.svm import SVC\nm = SVC(C=10, gamma=0.01)\nm2 = SVC(C=1, gamma=0.1)',
          outputs: [],
        },
      ],
      nbformat: 4,
    });
    const result = await evaluateFiles(CFG_01, {
      'train.py': 'from sklearn.svm import SVC\nmodel = SVC(C=cfg.C)\n',
      'explore.ipynb': notebook,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'explore.ipynb',
      line: 2,
    });
    expect(result.evidence[0].message).toMatch(/reported separately/);
  });

  it('is not applicable without ML code', async () => {
    const result = await evaluateFiles(CFG_01, {
      'app.py': 'import requests\nTIMEOUT = 10\nepochs = 3\n',
    });
    expect(result.status).toBe('not-applicable');
  });

  it('applies to experimental services (configuration checks are not lifecycle-gated)', async () => {
    const result = await evaluateFixture(CFG_01, fixture('hard-coded'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});

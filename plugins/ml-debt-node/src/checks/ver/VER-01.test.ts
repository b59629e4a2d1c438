import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { VER_01 } from './VER-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/VER-01', name);

const TRAIN =
  'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n';

describe('VER-01 no data versioning', () => {
  it('fails without any versioning (a lakeFS URI in a comment does not count)', async () => {
    const result = await evaluateFixture(VER_01, fixture('no-versioning'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.automation).toBe('none');
  });

  it('passes a complete DVC set-up: remote, tracked files and dvc.lock', async () => {
    const result = await evaluateFixture(VER_01, fixture('complete-dvc'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('automated');
    expect(result.evidence.map(e => e.path)).toEqual([
      '.dvc/config',
      '.dvc/config',
      'data/customers.csv.dvc',
      'dvc.lock',
    ]);
  });

  it('scores DVC without remote and lock 50 (mllint average of dvc, remote, files, lock)', async () => {
    const result = await evaluateFixture(
      VER_01,
      fixture('dvc-no-remote-no-lock'),
    );
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.summary).toContain('no .dvc/config with a remote');
    expect(result.summary).toContain('no committed dvc.lock');
    expect(result.evidence[0].path).toBe('dvc.yaml');
  });

  it('scores DVC without tracked data and without remote 50', async () => {
    const result = await evaluateFiles(VER_01, {
      '.dvc/config': '[core]\n    autostage = true\n',
      'train.py': TRAIN,
    });
    // dvc 100, remote 0, files 0, lock not scored → 33.3
    expect(result.status).toBe('warn');
    expect(result.score).toBe(33.3);
  });

  it('passes with Git LFS', async () => {
    const result = await evaluateFiles(VER_01, {
      '.gitattributes': '*.parquet filter=lfs diff=lfs merge=lfs -text\n',
      'train.py': TRAIN,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: '.gitattributes',
      line: 1,
    });
  });

  it('counts a non-DVC mechanism as 100 even when DVC is incomplete', async () => {
    const result = await evaluateFiles(VER_01, {
      'dvc.yaml': 'stages:\n  a:\n    cmd: python a.py\n',
      '.gitattributes': 'data/** filter=lfs diff=lfs merge=lfs -text\n',
      'train.py': TRAIN,
    });
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.summary).toContain('DVC set-up is incomplete');
  });

  it('passes with a lakeFS URI in code', async () => {
    const result = await evaluateFiles(VER_01, {
      'train.py': `${TRAIN}\ndf = pd.read_parquet("lakefs://churn/v12/customers.parquet")\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 4 });
  });

  it('passes with Delta time travel', async () => {
    const result = await evaluateFiles(VER_01, {
      'train.py': `${TRAIN}\ndf = spark.read.format("delta").option("versionAsOf", 42).load(path)\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('time travel');
  });

  it('passes with a pinned Hugging Face dataset revision across lines', async () => {
    const result = await evaluateFiles(VER_01, {
      'train.py': `${TRAIN}from datasets import load_dataset\n\nds = load_dataset(\n    "acme/reviews",\n    revision="3f1c2ab",\n)\n`,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({ path: 'train.py', line: 5 });
  });

  it('does not count an unpinned load_dataset', async () => {
    const result = await evaluateFiles(VER_01, {
      'train.py': `${TRAIN}from datasets import load_dataset\nds = load_dataset("acme/reviews")\n`,
    });
    expect(result.status).toBe('fail');
  });

  it('passes with a data_version key in configuration', async () => {
    const result = await evaluateFiles(VER_01, {
      'configs/train.yaml': 'model: lgbm\ndataset_version: 2026-10\n',
      'train.py': TRAIN,
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'configs/train.yaml',
      line: 2,
    });
  });

  it('accepts a catalog data-version-source annotation (guard: warehouse snapshots)', async () => {
    const result = await evaluateFiles(
      VER_01,
      { 'train.py': TRAIN },
      {
        entity: mlServiceEntity({
          metadata: {
            annotations: {
              'ml.acme.example/data-version-source': 'bigquery snapshots',
            },
          },
        }),
      },
    );
    expect(result.status).toBe('pass');
  });

  it('is not applicable without ML code', async () => {
    const result = await evaluateFiles(VER_01, { 'app.py': 'import flask\n' });
    expect(result.status).toBe('not-applicable');
  });
});

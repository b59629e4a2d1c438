import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateFiles, evaluateFixture } from '../../testUtils';
import { VER_02 } from './VER-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/VER-02', name);

const MB = 1_000_000;
const big = (bytes: number) => 'x'.repeat(bytes);

describe('VER-02 large data or model binaries in Git', () => {
  it('flags a committed 1.1 MB CSV, 25 points off', async () => {
    // The fixture's large CSV is written at test time rather than kept in
    // this repository, which itself must not carry large data files.
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ver-02-'));
    fs.cpSync(fixture('committed-dataset'), repo, { recursive: true });
    fs.mkdirSync(path.join(repo, 'data'), { recursive: true });
    fs.writeFileSync(
      path.join(repo, 'data/train.csv'),
      `customer_id,amount,label\n${'1042,19.99,0\n'.repeat(84_600)}`,
    );
    const result = await evaluateFixture(VER_02, repo).finally(() =>
      fs.rmSync(repo, { recursive: true, force: true }),
    );
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence).toEqual([
      {
        path: 'data/train.csv',
        message: '1.1 MB data or model file committed to Git',
      },
    ]);
  });

  it('passes with a small sample and an LFS pointer', async () => {
    const result = await evaluateFixture(VER_02, fixture('small-sample'));
    expect(result.status).toBe('pass');
    expect(result.evidence).toEqual([]);
  });

  it('flags any file of 10 MB or more, whatever its extension', async () => {
    const result = await evaluateFiles(VER_02, {
      'assets/vocab.txt': big(10 * MB),
      'notes.txt': big(5 * MB),
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence[0]).toMatchObject({
      path: 'assets/vocab.txt',
      message: '10.0 MB file committed to Git',
    });
  });

  it('keeps the size floor: a 900 kB parquet sample is fine', async () => {
    const result = await evaluateFiles(VER_02, {
      'data/sample.parquet': big(900_000),
    });
    expect(result.status).toBe('pass');
  });

  it('fails at four large files (floor 0)', async () => {
    const result = await evaluateFiles(VER_02, {
      'm/a.pt': big(MB),
      'm/b.pt': big(MB),
      'm/c.pt': big(MB),
      'm/d.pt': big(2 * MB),
    });
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0].path).toBe('m/d.pt');
  });

  it('honours .gitattributes LFS patterns, relative to their folder', async () => {
    const result = await evaluateFiles(VER_02, {
      'models/.gitattributes': '*.pt filter=lfs diff=lfs merge=lfs -text\n',
      'models/resnet/best.pt': big(2 * MB),
      'data/train.pt': big(2 * MB),
    });
    expect(result.status).toBe('warn');
    expect(result.evidence.map(e => e.path)).toEqual(['data/train.pt']);
  });

  it('ignores files .gitignore excludes (a working copy lists them), with negation', async () => {
    const result = await evaluateFiles(VER_02, {
      '.gitignore': 'data/\n*.ckpt\n!keep.ckpt\n',
      'data/raw/train.csv': big(2 * MB),
      'checkpoints/epoch3.ckpt': big(2 * MB),
      'keep.ckpt': big(2 * MB),
    });
    expect(result.status).toBe('warn');
    expect(result.evidence.map(e => e.path)).toEqual(['keep.ckpt']);
  });

  it('ignores DVC-tracked files and stage outputs', async () => {
    const result = await evaluateFiles(VER_02, {
      'data/customers.csv.dvc': 'outs:\n- md5: abc\n  path: customers.csv\n',
      'data/customers.csv': big(3 * MB),
      'dvc.yaml':
        'stages:\n  train:\n    cmd: python train.py\n    outs:\n      - models\n',
      'models/model.joblib': big(3 * MB),
    });
    expect(result.status).toBe('pass');
  });
});

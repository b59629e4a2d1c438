import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import {
  createDirectorySnapshot,
  createMemorySnapshot,
  literalTail,
} from './Snapshot';

const fixture = path.join(__dirname, '__fixtures__/repo');

describe('createDirectorySnapshot', () => {
  it('lists the repository files and skips vendored and environment folders', () => {
    const snapshot = createDirectorySnapshot(fixture);
    expect(snapshot.files().map(f => f.path)).toEqual([
      'requirements.txt',
      'src/pkg/train.py',
    ]);
    expect(snapshot.exists('src/pkg')).toBe(true);
    expect(snapshot.exists('.venv/lib/site.py')).toBe(false);
  });

  it('reads text, globs and searches with line numbers', () => {
    const snapshot = createDirectorySnapshot(fixture);
    expect(snapshot.readText('requirements.txt')).toBe('pandas==2.2.2\n');
    expect(snapshot.glob('**/*.py').map(f => f.path)).toEqual([
      'src/pkg/train.py',
    ]);
    expect(snapshot.search(/TODO: (\w+)/)).toEqual([
      {
        path: 'src/pkg/train.py',
        line: 2,
        text: '# TODO: seed',
        match: 'TODO: seed',
      },
    ]);
  });

  it('honours line anchors without the multiline flag', () => {
    const snapshot = createDirectorySnapshot(fixture);
    expect(snapshot.search(/^print\(/).map(m => m.line)).toEqual([3]);
  });

  it('fails clearly for a directory that does not exist', () => {
    expect(() =>
      createDirectorySnapshot(path.join(fixture, 'missing')),
    ).toThrow(/ENOENT/);
  });

  describe('on a temporary repository', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-debt-snapshot-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reads a file that changed size after the listing as it is now', () => {
      fs.writeFileSync(path.join(dir, 'grows.txt'), 'one\n');
      fs.writeFileSync(path.join(dir, 'shrinks.txt'), 'one\ntwo\nthree\n');
      const snapshot = createDirectorySnapshot(dir);
      fs.appendFileSync(path.join(dir, 'grows.txt'), 'two\nthree\n');
      fs.writeFileSync(path.join(dir, 'shrinks.txt'), 'one\n');
      expect(snapshot.readText('grows.txt')).toBe('one\ntwo\nthree\n');
      expect(snapshot.readText('shrinks.txt')).toBe('one\n');
      // The listing keeps the sizes it saw.
      expect(snapshot.file('grows.txt')?.size).toBe(4);
    });

    it('refuses binary and oversized files but knows their sizes', () => {
      fs.writeFileSync(
        path.join(dir, 'model.pkl'),
        Buffer.from([0x80, 0x04, 0x00, 0x95]),
      );
      fs.writeFileSync(path.join(dir, 'big.csv'), 'a,b\n'.repeat(1000));
      const snapshot = createDirectorySnapshot(dir, { maxFileBytes: 1000 });
      expect(snapshot.file('model.pkl')?.size).toBe(4);
      expect(snapshot.readText('model.pkl')).toBeUndefined();
      expect(snapshot.unreadableReason('model.pkl')).toBe('binary');
      expect(snapshot.file('big.csv')?.size).toBe(4000);
      expect(snapshot.readText('big.csv')).toBeUndefined();
      expect(snapshot.unreadableReason('big.csv')).toBe('too-large');
      expect(snapshot.unreadableReason('nope.txt')).toBe('missing');
    });

    it('stops at the file-count limit and reports it instead of failing', () => {
      for (let i = 0; i < 12; i++) {
        fs.writeFileSync(
          path.join(dir, `f${String(i).padStart(2, '0')}.py`),
          'x = 1\n',
        );
      }
      const snapshot = createDirectorySnapshot(dir, { maxFiles: 5 });
      expect(snapshot.files()).toHaveLength(5);
      expect(snapshot.limits.truncated).toBe(true);
      expect(snapshot.limits.reasons).toContain('stopped listing at 5 files');
    });

    it('stops reading at the total-bytes limit, deterministically by path', () => {
      fs.writeFileSync(path.join(dir, 'a.py'), 'a = 1\n');
      fs.writeFileSync(path.join(dir, 'b.py'), 'b = 2\n');
      const snapshot = createDirectorySnapshot(dir, { maxTotalBytes: 8 });
      expect(snapshot.readText('a.py')).toBe('a = 1\n');
      expect(snapshot.readText('b.py')).toBeUndefined();
      expect(snapshot.unreadableReason('b.py')).toBe('limit');
      expect(snapshot.limits.truncated).toBe(true);
    });

    it('does not follow symbolic links, so loops and escapes are impossible', () => {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src/app.py'), 'x = 1\n');
      fs.symlinkSync(dir, path.join(dir, 'src/loop'));
      fs.symlinkSync('/etc/passwd', path.join(dir, 'passwd'));
      const snapshot = createDirectorySnapshot(dir);
      expect(snapshot.files().map(f => f.path)).toEqual(['src/app.py']);
    });
  });
});

describe('glob', () => {
  it('matches exactly as picomatch does, for the kinds of patterns checks use', () => {
    const paths = [
      'README.md',
      'docs/README.md',
      'docs/guide/index.md',
      '.github/workflows/ci.yml',
      '.dvc/config',
      'data/raw.csv.dvc',
      'dvc.yaml',
      'pipelines/dvc.yaml',
      'conf/model/rf.yaml',
      'configs/train.yml',
      'config.json',
      'src/pkg/train.py',
      'src/pkg/.hidden.py',
      'Dockerfile',
      'docker/Dockerfile.gpu',
      'feature_store.yml',
      'a[b].txt',
    ];
    const snapshot = createMemorySnapshot(
      paths.map(p => ({ path: p, content: 'x' })),
    );
    const cases: Array<string | string[]> = [
      '**/*.py',
      ['README.md', '**/README.md'],
      ['docs/**/*.md', '**/docs/**/*.md'],
      '**/*.{yaml,yml}',
      '**/feature_store.y{a,}ml',
      ['**/params.yaml', '**/conf/**/*.{yml,yaml}', '**/config*.{yml,yaml}'],
      ['**/Dockerfile*', '**/Containerfile', '**/*.dockerfile'],
      '**/.dvc/config',
      '**/*.dvc',
      'a[b].txt',
      '**/Dockerfile',
      'Dockerfile',
      'docs/**',
      '!**/*.md',
      '**/*.@(yml|json)',
      '**/rf.yaml',
      '*.md',
    ];
    for (const patterns of cases) {
      const reference = picomatch(patterns, { dot: true });
      expect(snapshot.glob(patterns).map(f => f.path)).toEqual(
        [...paths].sort().filter(p => reference(p)),
      );
    }
  });
});

describe('literalTail', () => {
  it('is the literal end of the last segment, or nothing', () => {
    expect(literalTail('**/*.py')).toBe('.py');
    expect(literalTail('**/Dockerfile')).toBe('Dockerfile');
    expect(literalTail('README.md')).toBe('README.md');
    expect(literalTail('**/*.{yaml,yml}')).toBe('');
    expect(literalTail('docs/**')).toBe('');
    expect(literalTail('a[b].txt')).toBe('.txt');
    expect(literalTail('!**/*.md')).toBe('');
  });
});

describe('createMemorySnapshot', () => {
  it('serves in-memory files with the same rules', () => {
    const snapshot = createMemorySnapshot([
      { path: 'train.py', content: 'import torch\n' },
      { path: 'venv/lib/x.py', content: 'x = 1\n' },
      { path: 'weights.bin', content: Buffer.from([1, 0, 2]) },
    ]);
    expect(snapshot.files().map(f => f.path)).toEqual([
      'train.py',
      'weights.bin',
    ]);
    expect(snapshot.readText('weights.bin')).toBeUndefined();
    expect(snapshot.unreadableReason('weights.bin')).toBe('binary');
  });
});

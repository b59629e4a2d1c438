import fs from 'node:fs';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { LocalDirectorySourceReader } from './LocalDirectorySourceReader';
import { isSourceNotModified, SourceSnapshot } from './types';

describe('LocalDirectorySourceReader', () => {
  const mockDir = createMockDirectory();
  const estate = mockDir.resolve('estate');
  const fraud = mockDir.resolve('estate/repos/fraud-detection');

  beforeEach(() => {
    mockDir.setContent({
      estate: {
        'repos/fraud-detection': {
          'train.py': 'import sklearn\n',
          'requirements.txt': 'scikit-learn==1.4.2\n',
          'node_modules/left-pad/index.js': 'module.exports = 1;\n',
        },
        'repos/fraud-alias': ctx => ctx.symlink(fraud),
        'repos/leak': ctx => ctx.symlink(mockDir.resolve('secrets')),
      },
      'secrets/credentials.txt': 'password=hunter2\n',
    });
  });

  const reader = LocalDirectorySourceReader.create({ roots: [estate] });

  async function readSnapshot(target: string, etag?: string) {
    const result = await reader.read({ type: 'dir', target }, { etag });
    if (isSourceNotModified(result)) {
      throw new Error(`expected a snapshot of ${target}, got notModified`);
    }
    return result as SourceSnapshot;
  }

  it('reads a directory under a root into a snapshot without vendored folders', async () => {
    const { snapshot } = await readSnapshot(fraud);

    expect(snapshot.files().map(f => f.path)).toEqual([
      'requirements.txt',
      'train.py',
    ]);
    expect(snapshot.readText('train.py')).toBe('import sklearn\n');
  });

  it('gives an unchanged directory the same etag', async () => {
    const first = await readSnapshot(fraud);
    const second = await readSnapshot(fraud);

    expect(first.etag).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.etag).toBe(first.etag);
  });

  it('answers notModified when the directory still has the given etag', async () => {
    const { etag } = await readSnapshot(fraud);

    await expect(
      reader.read({ type: 'dir', target: fraud }, { etag }),
    ).resolves.toEqual({ notModified: true });
  });

  it('gives a new etag and the new content when a file is edited', async () => {
    const before = await readSnapshot(fraud);
    const trainPy = mockDir.resolve('estate/repos/fraud-detection/train.py');
    fs.writeFileSync(trainPy, 'import xgboost\n'); // same size as before
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(trainPy, later, later);

    const after = await readSnapshot(fraud, before.etag);

    expect(after.etag).not.toBe(before.etag);
    expect(after.snapshot.readText('train.py')).toBe('import xgboost\n');
  });

  it('gives a new etag when a file is added', async () => {
    const before = await readSnapshot(fraud);
    mockDir.addContent({
      'estate/repos/fraud-detection/tests/test_train.py': 'def test(): pass\n',
    });

    const after = await readSnapshot(fraud, before.etag);

    expect(after.etag).not.toBe(before.etag);
    expect(after.snapshot.exists('tests/test_train.py')).toBe(true);
  });

  it('ignores changes inside vendored folders the snapshot does not list', async () => {
    const { etag } = await readSnapshot(fraud);
    mockDir.addContent({
      'estate/repos/fraud-detection/node_modules/left-pad/extra.js': 'x\n',
    });

    await expect(
      reader.read({ type: 'dir', target: fraud }, { etag }),
    ).resolves.toEqual({ notModified: true });
  });

  it('serves a symbolic link that stays inside a root', async () => {
    const { snapshot } = await readSnapshot(
      mockDir.resolve('estate/repos/fraud-alias'),
    );

    expect(snapshot.exists('train.py')).toBe(true);
  });

  it('refuses a path that climbs out of the roots with ..', async () => {
    const target = `${estate}/repos/../../secrets`;

    await expect(reader.read({ type: 'dir', target })).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Local source directory ${target} is outside the allowed roots; allowed roots: ${estate}`,
    });
  });

  it('refuses a symbolic link that points outside the roots', async () => {
    const target = mockDir.resolve('estate/repos/leak');

    await expect(reader.read({ type: 'dir', target })).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Local source directory ${target} resolves through a symbolic link to ${fs.realpathSync(
        mockDir.resolve('secrets'),
      )}, outside the allowed roots; allowed roots: ${estate}`,
    });
  });

  it('refuses an existing directory outside every root', async () => {
    await expect(
      reader.read({ type: 'dir', target: mockDir.resolve('secrets') }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('is outside the allowed roots'),
    });
  });

  it('refuses every directory when no roots are configured', async () => {
    const unconfigured = LocalDirectorySourceReader.fromConfig(
      new ConfigReader({}),
    );

    await expect(
      unconfigured.read({ type: 'dir', target: fraud }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Local source directory ${fraud} is outside the allowed roots; allowed roots: none configured in mlDebt.sources.localRoots`,
    });
  });

  it('reports a missing directory under a root as not found', async () => {
    const target = mockDir.resolve('estate/repos/churn-prototype');

    await expect(reader.read({ type: 'dir', target })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `Local source directory ${target} does not exist`,
    });
  });

  it('reports a file where a directory was expected as not found', async () => {
    const target = mockDir.resolve('estate/repos/fraud-detection/train.py');

    await expect(reader.read({ type: 'dir', target })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `Local source directory ${target} is not a directory`,
    });
  });

  it('rejects a url: location', async () => {
    await expect(
      reader.read({ type: 'url', target: 'https://github.com/acme/fraud' }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('reads its roots, relative to the working directory, and its limits from config', async () => {
    const configured = LocalDirectorySourceReader.fromConfig(
      new ConfigReader({
        mlDebt: { sources: { localRoots: ['./estate'], maxFileBytes: 16 } },
      }),
      { workingDirectory: mockDir.path },
    );

    const result = await configured.read({ type: 'dir', target: fraud });

    expect(isSourceNotModified(result)).toBe(false);
    const { snapshot } = result as SourceSnapshot;
    expect(snapshot.readText('train.py')).toBe('import sklearn\n');
    expect(snapshot.readText('requirements.txt')).toBeUndefined();
    expect(snapshot.unreadableReason('requirements.txt')).toBe('too-large');
  });

  it('stops before reading when the scan was aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    await expect(
      reader.read(
        { type: 'dir', target: fraud },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

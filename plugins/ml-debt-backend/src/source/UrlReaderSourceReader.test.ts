import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { UrlReaderSourceReader } from './UrlReaderSourceReader';
import { isSourceNotModified, SourceSnapshot } from './types';

/**
 * A Gitea-compatible server on localhost: the two endpoints the real
 * `GiteaUrlReader` calls for `readTree` (latest commit, tar.gz archive).
 */
class FakeGiteaServer {
  commitSha = 'a1b2c3d';
  archiveBroken = false;
  archiveDownloads = 0;
  readonly #server = http.createServer((req, res) => this.#handle(req, res));
  readonly #repoDir: string;

  constructor(repoDir: string) {
    this.#repoDir = repoDir;
  }

  get baseUrl(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>(resolve =>
      this.#server.listen(0, '127.0.0.1', resolve),
    );
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.#server.close(resolve));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.url === '/api/v1/repos/acme/fraud-detection/git/commits/main') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sha: this.commitSha }));
    } else if (
      req.url === '/api/v1/repos/acme/fraud-detection/archive/main.tar.gz'
    ) {
      this.archiveDownloads++;
      res.writeHead(200, { 'content-type': 'application/gzip' });
      res.end(
        this.archiveBroken
          ? 'this is not a gzip archive'
          : // Like a forge's archive: everything under one top-level folder.
            execFileSync('tar', [
              '-czf',
              '-',
              '-C',
              this.#repoDir,
              'fraud-detection-main',
            ]),
      );
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not Found' }));
    }
  }
}

describe('UrlReaderSourceReader', () => {
  const remote = createMockDirectory();
  const tmp = createMockDirectory({ mockOsTmpDir: true });
  const gitea = new FakeGiteaServer(remote.path);
  let reader: UrlReaderSourceReader;
  let repoUrl: string;

  beforeAll(async () => {
    await gitea.start();
    const urlReader = UrlReaders.default({
      config: mockServices.rootConfig({
        data: {
          integrations: {
            gitea: [
              { host: new URL(gitea.baseUrl).host, baseUrl: gitea.baseUrl },
            ],
          },
        },
      }),
      logger: mockServices.logger.mock(),
    });
    reader = UrlReaderSourceReader.create({
      urlReader,
      snapshotOptions: { maxFileBytes: 64 },
    });
    repoUrl = `${gitea.baseUrl}/acme/fraud-detection/src/branch/main/`;
  });

  afterAll(() => gitea.stop());

  beforeEach(() => {
    remote.setContent({
      'fraud-detection-main': {
        'train.py': 'import sklearn\nmodel.fit(X, y)\n',
        'requirements.txt': 'scikit-learn==1.4.2\n',
        'data/transactions.csv': `amount,label\n${'12.5,0\n'.repeat(40)}`,
        '.venv/lib/site.py': 'print("vendored")\n',
      },
    });
    tmp.clear();
    gitea.commitSha = 'a1b2c3d';
    gitea.archiveBroken = false;
    gitea.archiveDownloads = 0;
  });

  async function readSnapshot(etag?: string): Promise<SourceSnapshot> {
    const result = await reader.read(
      { type: 'url', target: repoUrl },
      { etag },
    );
    if (isSourceNotModified(result)) {
      throw new Error('expected a snapshot, got notModified');
    }
    return result;
  }

  it('reads the tree into a snapshot whose etag is the commit', async () => {
    const source = await readSnapshot();

    expect(source.etag).toBe('a1b2c3d');
    expect(source.snapshot.files().map(f => f.path)).toEqual([
      'data/transactions.csv',
      'requirements.txt',
      'train.py',
    ]);
    expect(source.snapshot.readText('train.py')).toBe(
      'import sklearn\nmodel.fit(X, y)\n',
    );
    await source.dispose();
  });

  it('applies the snapshot limits to the extracted files', async () => {
    const source = await readSnapshot();

    expect(source.snapshot.file('data/transactions.csv')?.size).toBe(293);
    expect(source.snapshot.unreadableReason('data/transactions.csv')).toBe(
      'too-large',
    );
    await source.dispose();
  });

  it('extracts into a temporary directory that dispose removes', async () => {
    const source = await readSnapshot();
    const [extracted] = fs.readdirSync(tmp.path);
    expect(extracted).toMatch(/^ml-debt-source-/);
    expect(fs.existsSync(tmp.resolve(extracted, 'train.py'))).toBe(true);
    // Vendored folders are not even written to disk.
    expect(fs.existsSync(tmp.resolve(extracted, '.venv'))).toBe(false);

    await source.dispose();

    expect(fs.readdirSync(tmp.path)).toEqual([]);
  });

  it('answers notModified without downloading when the commit is unchanged', async () => {
    const { etag, dispose } = await readSnapshot();
    await dispose();

    const result = await reader.read(
      { type: 'url', target: repoUrl },
      { etag },
    );

    expect(result).toEqual({ notModified: true });
    expect(gitea.archiveDownloads).toBe(1);
  });

  it('reads the tree again when a new commit arrived', async () => {
    const first = await readSnapshot();
    await first.dispose();
    gitea.commitSha = 'e4f5a6b';
    remote.addContent({
      'fraud-detection-main/tests/test_train.py': 'def test(): pass\n',
    });

    const second = await readSnapshot(first.etag);

    expect(second.etag).toBe('e4f5a6b');
    expect(second.snapshot.exists('tests/test_train.py')).toBe(true);
    await second.dispose();
  });

  it('reports a repository that does not exist as not found, naming the URL', async () => {
    const missing = `${gitea.baseUrl}/acme/no-such-repo/src/branch/main/`;

    await expect(
      reader.read({ type: 'url', target: missing }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(`Could not read source tree ${missing}`),
    });
  });

  it('fails with the URL and leaves no temporary files when the archive cannot be extracted', async () => {
    gitea.archiveBroken = true;

    await expect(reader.read({ type: 'url', target: repoUrl })).rejects.toThrow(
      `Could not read source tree ${repoUrl}`,
    );
    expect(fs.readdirSync(tmp.path)).toEqual([]);
  });

  it('rejects a dir: location', async () => {
    await expect(
      reader.read({ type: 'dir', target: '/srv/fraud-detection' }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });
});

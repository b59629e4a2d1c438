import path from 'node:path';
import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { NotModifiedError } from '@backstage/errors';
import { createSourceReader } from './createSourceReader';
import { isSourceNotModified, SourceSnapshot } from './types';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');

/** The demo estate's setting in app-config, read from `packages/backend`. */
const demoConfig = new ConfigReader({
  mlDebt: { sources: { localRoots: ['../../examples'] } },
});

/**
 * A forge whose every repository is unchanged since commit `abc123`. Only the
 * routing is under test here; the URL reader is specified in its own test.
 */
class UnchangedForge implements UrlReaderService {
  readonly treeReads: Array<{ url: string; etag?: string }> = [];

  async readUrl(): Promise<never> {
    throw new Error('not used');
  }

  async search(): Promise<never> {
    throw new Error('not used');
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<never> {
    this.treeReads.push({ url, etag: options?.etag });
    throw new NotModifiedError();
  }
}

describe('createSourceReader', () => {
  it('reads a demo ML service from the examples root configured for the backend', async () => {
    const reader = createSourceReader({
      urlReader: new UnchangedForge(),
      config: demoConfig,
      workingDirectory: BACKEND_DIR,
    });

    const result = await reader.read({
      type: 'dir',
      target: path.join(REPO_ROOT, 'examples/repos/fraud-detection'),
    });

    expect(isSourceNotModified(result)).toBe(false);
    const { snapshot } = result as SourceSnapshot;
    expect(snapshot.exists('catalog-info.yaml')).toBe(true);
    expect(snapshot.exists('train.py')).toBe(true);
  });

  it('refuses a directory outside the configured roots', async () => {
    const reader = createSourceReader({
      urlReader: new UnchangedForge(),
      config: demoConfig,
      workingDirectory: BACKEND_DIR,
    });

    await expect(
      reader.read({ type: 'dir', target: path.join(REPO_ROOT, 'plugins') }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('reads url: locations through the UrlReaderService with the given etag', async () => {
    const forge = new UnchangedForge();
    const reader = createSourceReader({ urlReader: forge, config: demoConfig });

    const result = await reader.read(
      { type: 'url', target: 'https://github.com/acme/fraud/tree/main/' },
      { etag: 'abc123' },
    );

    expect(result).toEqual({ notModified: true });
    expect(forge.treeReads).toEqual([
      { url: 'https://github.com/acme/fraud/tree/main/', etag: 'abc123' },
    ]);
  });

  it('fails at creation when mlDebt.sources is invalid', () => {
    expect(() =>
      createSourceReader({
        urlReader: new UnchangedForge(),
        config: new ConfigReader({ mlDebt: { sources: { maxFiles: 0 } } }),
      }),
    ).toThrow('Invalid configuration: mlDebt.sources.maxFiles');
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
} from '@backstage/backend-plugin-api';
import { ForwardedError, InputError, isError } from '@backstage/errors';
import {
  createDirectorySnapshot,
  DEFAULT_SNAPSHOT_OPTIONS,
  isExcludedPath,
  SnapshotOptions,
} from '@ml-debt/plugin-ml-debt-node';
import {
  SourceLocation,
  SourceNotModified,
  SourceReader,
  SourceReadOptions,
  SourceSnapshot,
} from './types';

/**
 * Reads `url:` source locations through the backend's `UrlReaderService`
 * (GitHub, GitLab, Bitbucket, Azure, Gitea, … as configured in
 * `integrations`).
 *
 * The tree is extracted into a fresh temporary directory rather than held in
 * memory, because a repository can carry large data or model files; the
 * snapshot then lists every file but reads only those within its limits, and
 * `dispose()` removes the directory. Vendored and environment folders
 * (`node_modules`, `.venv`, …) are not extracted at all, since no check reads
 * them.
 *
 * @public
 */
export class UrlReaderSourceReader implements SourceReader {
  readonly #urlReader: UrlReaderService;
  readonly #snapshotOptions: Required<SnapshotOptions>;
  readonly #tempRoot: string;

  /**
   * @param options.tempRoot - where the per-read temporary directories are
   *   made; defaults to `os.tmpdir()`.
   */
  static create(options: {
    urlReader: UrlReaderService;
    snapshotOptions?: SnapshotOptions;
    tempRoot?: string;
  }): UrlReaderSourceReader {
    return new UrlReaderSourceReader(
      options.urlReader,
      { ...DEFAULT_SNAPSHOT_OPTIONS, ...options.snapshotOptions },
      options.tempRoot ?? os.tmpdir(),
    );
  }

  private constructor(
    urlReader: UrlReaderService,
    snapshotOptions: Required<SnapshotOptions>,
    tempRoot: string,
  ) {
    this.#urlReader = urlReader;
    this.#snapshotOptions = snapshotOptions;
    this.#tempRoot = tempRoot;
  }

  async read(
    location: SourceLocation,
    options?: SourceReadOptions,
  ): Promise<SourceSnapshot | SourceNotModified> {
    if (location.type !== 'url') {
      throw new InputError(
        `The URL source reader cannot read ${location.type}:${location.target}`,
      );
    }
    const url = location.target;

    let response: UrlReaderServiceReadTreeResponse;
    try {
      response = await this.#urlReader.readTree(url, {
        etag: options?.etag,
        signal: options?.signal,
        filter: filePath => !isExcludedPath(filePath),
      });
    } catch (error) {
      if (isError(error) && error.name === 'NotModifiedError') {
        return { notModified: true };
      }
      throw readFailure(url, error);
    }

    const directory = await fs.mkdtemp(
      path.join(this.#tempRoot, 'ml-debt-source-'),
    );
    const dispose = () => fs.rm(directory, { recursive: true, force: true });
    try {
      await response.dir({ targetDir: directory });
      return {
        snapshot: createDirectorySnapshot(directory, this.#snapshotOptions),
        etag: response.etag,
        dispose,
      };
    } catch (error) {
      await dispose();
      throw readFailure(url, error);
    }
  }
}

/**
 * Says which URL failed while keeping the cause's error name, so a
 * `NotFoundError` still answers 404 and an `AuthenticationError` 401.
 */
function readFailure(url: string, error: unknown): Error {
  return new ForwardedError(`Could not read source tree ${url}`, error);
}

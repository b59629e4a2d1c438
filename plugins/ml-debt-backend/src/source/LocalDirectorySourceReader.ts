import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  createDirectorySnapshot,
  DEFAULT_SNAPSHOT_OPTIONS,
  isExcludedPath,
  SnapshotOptions,
} from '@ml-debt/plugin-ml-debt-node';
import { readSourceOptions } from './sourceOptions';
import {
  SourceLocation,
  SourceNotModified,
  SourceReader,
  SourceReadOptions,
  SourceSnapshot,
} from './types';

/**
 * Reads `dir:` source locations from the backend's own disk: the bundled demo
 * estate, or checkouts an operator placed there.
 *
 * Only directories under the configured roots are served. A location is
 * checked twice: its normalised path must lie under a root (so `..` cannot
 * climb out), and so must its real path compared with each root's real path
 * (so a symbolic link cannot point out). Links inside the directory are never
 * followed by the snapshot either.
 *
 * The etag is a SHA-256 over the sorted (path, size, mtime) of the files the
 * snapshot would list, so an unchanged directory is recognised without reading
 * any file, and any edit, addition or removal changes it.
 *
 * @public
 */
export class LocalDirectorySourceReader implements SourceReader {
  readonly #roots: string[];
  readonly #snapshotOptions: Required<SnapshotOptions>;

  /** Reads the roots and limits from `mlDebt.sources`. */
  static fromConfig(
    config: Config,
    options?: { workingDirectory?: string },
  ): LocalDirectorySourceReader {
    const { localRoots, snapshot } = readSourceOptions(config, options);
    return new LocalDirectorySourceReader(localRoots, snapshot);
  }

  /**
   * @param options.roots - directories that may be served; relative ones are
   *   resolved against the working directory.
   */
  static create(options: {
    roots: string[];
    snapshotOptions?: SnapshotOptions;
  }): LocalDirectorySourceReader {
    return new LocalDirectorySourceReader(
      options.roots.map(root => path.resolve(root)),
      { ...DEFAULT_SNAPSHOT_OPTIONS, ...options.snapshotOptions },
    );
  }

  private constructor(
    roots: string[],
    snapshotOptions: Required<SnapshotOptions>,
  ) {
    this.#roots = roots;
    this.#snapshotOptions = snapshotOptions;
  }

  async read(
    location: SourceLocation,
    options?: SourceReadOptions,
  ): Promise<SourceSnapshot | SourceNotModified> {
    if (location.type !== 'dir') {
      throw new InputError(
        `The local directory reader cannot read ${location.type}:${location.target}`,
      );
    }
    if (!path.isAbsolute(location.target)) {
      throw new InputError(
        `Local source directory ${location.target} must be an absolute path`,
      );
    }
    options?.signal?.throwIfAborted();

    const directory = this.#realDirectory(location.target);
    const etag = directoryEtag(directory, this.#snapshotOptions.maxFiles);
    if (options?.etag === etag) {
      return { notModified: true };
    }
    options?.signal?.throwIfAborted();
    return {
      // The real path, so a link swapped in after the check is not followed.
      snapshot: createDirectorySnapshot(directory, this.#snapshotOptions),
      etag,
      // The files belong to their owner: nothing to clean up.
      dispose: async () => {},
    };
  }

  /** The real path of an allowed, existing directory, or a thrown error. */
  #realDirectory(target: string): string {
    const requested = path.resolve(target);
    // The lexical check comes first so that paths outside the roots are
    // refused without revealing whether they exist.
    if (!this.#roots.some(root => isWithin(root, requested))) {
      throw this.#notAllowed(target, 'is outside the allowed roots');
    }
    let real: string;
    try {
      real = fs.realpathSync(requested);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(
          `Local source directory ${target} does not exist`,
        );
      }
      throw error;
    }
    const realRoots = this.#roots.flatMap(root => {
      try {
        return [fs.realpathSync(root)];
      } catch {
        return []; // A root that does not exist contains nothing.
      }
    });
    if (!realRoots.some(root => isWithin(root, real))) {
      throw this.#notAllowed(
        target,
        `resolves through a symbolic link to ${real}, outside the allowed roots`,
      );
    }
    if (!fs.statSync(real).isDirectory()) {
      throw new NotFoundError(
        `Local source directory ${target} is not a directory`,
      );
    }
    return real;
  }

  #notAllowed(target: string, reason: string): NotAllowedError {
    const roots = this.#roots.length
      ? this.#roots.join(', ')
      : 'none configured in mlDebt.sources.localRoots';
    return new NotAllowedError(
      `Local source directory ${target} ${reason}; allowed roots: ${roots}`,
    );
  }
}

/**
 * Hashes what identifies a version of the directory without reading file
 * contents. It lists exactly what `createDirectorySnapshot` lists: regular
 * files in code-unit order, excluded folders and symbolic links skipped, at
 * most `maxFiles`.
 */
function directoryEtag(directory: string, maxFiles: number): string {
  const hash = createHash('sha256');
  let count = 0;
  const walk = (dir: string, rel: string): void => {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (rel === '') {
        throw error;
      }
      // The snapshot reports an unlistable folder; its becoming listable
      // must change the etag.
      hash.update(`${rel}\0unlistable\n`);
      return;
    }
    dirents.sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const dirent of dirents) {
      if (count >= maxFiles) {
        return;
      }
      const relPath = rel ? `${rel}/${dirent.name}` : dirent.name;
      const absPath = path.join(dir, dirent.name);
      if (dirent.isDirectory()) {
        if (!isExcludedPath(`${relPath}/x`)) {
          walk(absPath, relPath);
        }
      } else if (dirent.isFile()) {
        try {
          const stat = fs.statSync(absPath);
          hash.update(`${relPath}\0${stat.size}\0${stat.mtimeMs}\n`);
          count++;
        } catch {
          // Vanished between listing and stat: the snapshot skips it too.
        }
      }
    }
  };
  walk(directory, '');
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Whether `target` is `root` or lies below it, judged on the paths as given.
 * (`isChildPath` from the backend API resolves links itself, which would hide
 * the difference between a `..` escape and a link escape.)
 */
function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return (
    relative === '' ||
    (relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative))
  );
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

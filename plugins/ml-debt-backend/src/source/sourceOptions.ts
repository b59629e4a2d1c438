import path from 'node:path';
import { Config } from '@backstage/config';
import {
  DEFAULT_SNAPSHOT_OPTIONS,
  SnapshotOptions,
} from '@ml-debt/plugin-ml-debt-node';

/**
 * How the backend reads ML services' sources, from `mlDebt.sources`.
 *
 * @public
 */
export interface SourceOptions {
  /**
   * Absolute directories that `dir:` locations may point into. Empty when none
   * are configured, which means no local directory is served.
   */
  localRoots: string[];
  /** The bounds of every repository snapshot, with defaults filled in. */
  snapshot: Required<SnapshotOptions>;
}

const PREFIX = 'mlDebt.sources';

/**
 * Reads and validates `mlDebt.sources`. Relative `localRoots` are resolved
 * against `workingDirectory` (the backend's working directory by default), the
 * same way the catalog resolves `file` locations in app-config.
 *
 * @throws Error with a message `Invalid configuration: mlDebt.sources.<key> …`
 *   when a value has the wrong type or range, so a bad config fails start-up
 *   instead of the first scan.
 * @public
 */
export function readSourceOptions(
  config: Config,
  options?: { workingDirectory?: string },
): SourceOptions {
  const workingDirectory = options?.workingDirectory ?? process.cwd();
  return {
    localRoots: readRoots(config.getOptional(`${PREFIX}.localRoots`)).map(
      root => path.resolve(workingDirectory, root),
    ),
    snapshot: {
      maxFileBytes: readPositiveInteger(
        config.getOptional(`${PREFIX}.maxFileBytes`),
        'maxFileBytes',
        DEFAULT_SNAPSHOT_OPTIONS.maxFileBytes,
      ),
      maxFiles: readPositiveInteger(
        config.getOptional(`${PREFIX}.maxFiles`),
        'maxFiles',
        DEFAULT_SNAPSHOT_OPTIONS.maxFiles,
      ),
      maxTotalBytes: readPositiveInteger(
        config.getOptional(`${PREFIX}.maxTotalBytes`),
        'maxTotalBytes',
        DEFAULT_SNAPSHOT_OPTIONS.maxTotalBytes,
      ),
    },
  };
}

function invalid(key: string, problem: string): Error {
  return new Error(`Invalid configuration: ${PREFIX}.${key} ${problem}`);
}

function readRoots(value: unknown): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw invalid(
      'localRoots',
      `must be a list of directory paths, got ${JSON.stringify(value)}`,
    );
  }
  return value.map((root, index) => {
    if (typeof root !== 'string' || root.trim() === '') {
      throw invalid(
        `localRoots[${index}]`,
        `must be a non-empty directory path, got ${JSON.stringify(root)}`,
      );
    }
    return root.trim();
  });
}

function readPositiveInteger(
  value: unknown,
  key: string,
  defaultValue: number,
): number {
  if (value === undefined) {
    return defaultValue;
  }
  // Values substituted from environment variables arrive as strings.
  const parsed =
    typeof value === 'string' && /^\d+$/.test(value.trim())
      ? Number(value.trim())
      : value;
  if (
    typeof parsed !== 'number' ||
    !Number.isSafeInteger(parsed) ||
    parsed <= 0
  ) {
    throw invalid(
      key,
      `must be a positive integer, got ${JSON.stringify(value)}`,
    );
  }
  return parsed;
}

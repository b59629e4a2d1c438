import { InputError } from '@backstage/errors';
import { RepositorySnapshot } from '@ml-debt/plugin-ml-debt-node';

/**
 * Where an ML service's source code lives: a URL read through the
 * `UrlReaderService` (a repository or a folder in one), or an absolute
 * directory on the backend's machine (the bundled demo estate).
 *
 * @public
 */
export type SourceLocation =
  | { type: 'url'; target: string }
  | { type: 'dir'; target: string };

/**
 * Why an entity's source location could not be resolved. Returned rather than
 * thrown, because an unresolvable location is a property of the entity that a
 * scan records as its error, not a failure of the scanner.
 *
 * @public
 */
export interface UnresolvableSourceLocation {
  type: 'error';
  /** An `InputError` whose message names the entity and the annotation. */
  error: InputError;
}

/**
 * Options of one {@link SourceReader.read}.
 *
 * @public
 */
export interface SourceReadOptions {
  /**
   * The etag of the last successful read. When the source is unchanged the
   * reader answers `{ notModified: true }` without building a snapshot.
   */
  etag?: string;
  /** Aborts the read, e.g. when the per-service scan timeout expires. */
  signal?: AbortSignal;
}

/**
 * A source that was read: its snapshot, the etag to pass next time, and
 * `dispose()` to release what the snapshot reads from.
 *
 * @public
 */
export interface SourceSnapshot {
  /**
   * The repository's files. Contents are read lazily, so the snapshot must
   * only be used before `dispose()`.
   */
  snapshot: RepositorySnapshot;
  /** Identifies this version of the source (a commit SHA, or a content hash). */
  etag: string;
  /** Removes temporary files behind the snapshot. Safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * The source has not changed since the read that produced the given etag.
 *
 * @public
 */
export interface SourceNotModified {
  notModified: true;
}

/**
 * Reads an ML service's source into a {@link @ml-debt/plugin-ml-debt-node#RepositorySnapshot}.
 *
 * Failures are thrown as `@backstage/errors` types whose message says which
 * location failed (`NotFoundError`, `NotAllowedError`, `InputError`, …), so a
 * scan can record them and an HTTP caller gets the right status.
 *
 * @public
 */
export interface SourceReader {
  read(
    location: SourceLocation,
    options?: SourceReadOptions,
  ): Promise<SourceSnapshot | SourceNotModified>;
}

/**
 * Whether a read found the source unchanged.
 *
 * @public
 */
export function isSourceNotModified(
  result: SourceSnapshot | SourceNotModified,
): result is SourceNotModified {
  return 'notModified' in result && result.notModified === true;
}

/**
 * A file in a repository snapshot.
 *
 * @public
 */
export interface SnapshotFile {
  /** Repository-relative POSIX path, e.g. `src/train.py`. */
  path: string;
  /** Size in bytes. Known even for files whose content is refused. */
  size: number;
}

/**
 * Why the snapshot could not give a file's text.
 *
 * @public
 */
export type UnreadableReason = 'missing' | 'binary' | 'too-large' | 'limit';

/**
 * A line that matched a search.
 *
 * @public
 */
export interface SearchMatch {
  path: string;
  /** 1-based. */
  line: number;
  /** The whole line, without its newline. */
  text: string;
  /** The matched part of the line. */
  match: string;
}

/**
 * What a snapshot had to leave out, reported as `unknown` evidence rather than
 * failing the scan.
 *
 * @public
 */
export interface SnapshotLimits {
  /** Files beyond the file-count or total-bytes limit are not listed at all. */
  truncated: boolean;
  /** Human-readable reasons, e.g. "stopped at 20000 files". */
  reasons: string[];
}

/**
 * Options that bound what a snapshot reads.
 *
 * @public
 */
export interface SnapshotOptions {
  /** Files larger than this are listed with their size but not read. Default 1 MiB. */
  maxFileBytes?: number;
  /** At most this many files are listed. Default 20,000. */
  maxFiles?: number;
  /** At most this many bytes are read in total. Default 200 MiB. */
  maxTotalBytes?: number;
}

/**
 * A read-only view of a repository's files at one point in time: what every
 * check reads. Vendored and environment folders (`node_modules`, `.venv`,
 * `site-packages`, `.git`, …) are never part of it.
 *
 * @public
 */
export interface RepositorySnapshot {
  /** Every file, sorted by path. */
  files(): readonly SnapshotFile[];
  /** The file at `path`, if present. */
  file(path: string): SnapshotFile | undefined;
  /** Whether a file or a directory with that path exists. */
  exists(path: string): boolean;
  /**
   * The text of a file, or `undefined` when it is missing, binary, larger than
   * `maxFileBytes`, or beyond the snapshot's limits (see {@link RepositorySnapshot.unreadableReason}).
   */
  readText(path: string): string | undefined;
  /** Why {@link RepositorySnapshot.readText} returned `undefined` for `path`. */
  unreadableReason(path: string): UnreadableReason | undefined;
  /** Files matching glob patterns (picomatch syntax, dot files included). */
  glob(patterns: string | readonly string[]): SnapshotFile[];
  /**
   * Lines matching `pattern` in the readable text files selected by `globs`
   * (all text files when omitted). The pattern's flags are respected; `g` is
   * added internally.
   */
  search(pattern: RegExp, globs?: string | readonly string[]): SearchMatch[];
  /** What the snapshot had to leave out. */
  readonly limits: SnapshotLimits;
}

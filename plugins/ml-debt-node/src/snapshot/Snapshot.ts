import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import {
  RepositorySnapshot,
  SearchMatch,
  SnapshotFile,
  SnapshotLimits,
  SnapshotOptions,
  UnreadableReason,
} from './types';

/** Default limits of a snapshot. @public */
export const DEFAULT_SNAPSHOT_OPTIONS: Required<SnapshotOptions> = {
  maxFileBytes: 1024 * 1024,
  maxFiles: 20_000,
  maxTotalBytes: 200 * 1024 * 1024,
};

/**
 * Folders that hold someone else's code or an environment, never the service's
 * own: scanning them would flag third-party TODOs and pins (§7.2 exclusions).
 */
const EXCLUDED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  'env',
  'ENV',
  'env.bak',
  'venv.bak',
  'site-packages',
  'node_modules',
  'third_party',
  'vendor',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.ipynb_checkpoints',
]);

/** Whether a repository-relative path lies in an excluded folder. @public */
export function isExcludedPath(filePath: string): boolean {
  const parts = filePath.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (EXCLUDED_DIRS.has(parts[i])) {
      return true;
    }
    if (parts[i] === '.dvc' && parts[i + 1] === 'cache') {
      return true;
    }
  }
  return false;
}

/**
 * Compiled glob matchers by pattern list. Checks glob with the same few
 * patterns in every scan; compiling them each time cost more than matching.
 * Bounded, because custom checks may bring patterns of their own.
 */
const matchers = new Map<string, (path: string) => boolean>();
const MAX_MATCHERS = 512;

function matcherFor(patterns: string | readonly string[]) {
  const key = typeof patterns === 'string' ? patterns : patterns.join('\u0000');
  let isMatch = matchers.get(key);
  if (!isMatch) {
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    // picomatch's own matcher does this per path (a literal match, then its
    // regex) with bookkeeping around it; the regexes alone are much cheaper.
    const compiled = (typeof patterns === 'string' ? [patterns] : patterns).map(
      glob => ({
        glob,
        tail: literalTail(glob),
        regex: picomatch.makeRe(glob, { dot: true }),
      }),
    );
    isMatch = filePath => {
      // A loop, not `some`: a callback closing over the path per call adds up.
      for (const { glob, tail, regex } of compiled) {
        if (filePath === glob) return true;
        // Most paths fail on how they end, which is cheaper to test.
        if (filePath.endsWith(tail) && regex.test(filePath)) return true;
      }
      return false;
    };
    matchers.set(key, isMatch);
  }
  return { key, isMatch };
}

/** Characters that are not literal in a glob, and the path separator. */
const GLOB_SYNTAX = new Set('*?[]{}()!+@\\/');

/**
 * The literal text that ends a glob's last path segment (after its last
 * wildcard, bracket, brace or group), with which every path it matches ends;
 * '' when the glob ends with syntax or is negated.
 */
export function literalTail(glob: string): string {
  if (glob.startsWith('!')) return '';
  let i = glob.length;
  while (i > 0 && !GLOB_SYNTAX.has(glob[i - 1])) i--;
  return glob.slice(i);
}

/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
export function isBinaryContent(content: Buffer): boolean {
  return content.subarray(0, 8000).indexOf(0) !== -1;
}

/**
 * Where a snapshot's file contents come from.
 */
interface ContentSource {
  /**
   * Returns the bytes of a listed file (`size` is its size when listed), or
   * undefined when it vanished.
   */
  read(filePath: string, size: number): Buffer | undefined;
}

type TextEntry =
  | { kind: 'text'; text: string }
  | { kind: 'unreadable'; reason: UnreadableReason };

/**
 * The snapshot implementation shared by the directory and in-memory sources.
 * Texts are read on first use and kept for the snapshot's lifetime, which is
 * one scan of one repository.
 */
class Snapshot implements RepositorySnapshot {
  readonly #files: SnapshotFile[];
  readonly #byPath: Map<string, SnapshotFile>;
  readonly #dirs: Set<string>;
  readonly #texts = new Map<string, TextEntry>();
  readonly #globs = new Map<string, SnapshotFile[]>();
  readonly #readable: Set<string>;
  readonly #source: ContentSource;
  readonly #options: Required<SnapshotOptions>;
  readonly limits: SnapshotLimits;

  constructor(
    files: SnapshotFile[],
    source: ContentSource,
    options: Required<SnapshotOptions>,
    limits: SnapshotLimits,
  ) {
    this.#files = [...files].sort((a, b) => compareCodeUnits(a.path, b.path));
    this.#byPath = new Map(this.#files.map(f => [f.path, f]));
    this.#dirs = new Set();
    for (const f of this.#files) {
      const parts = f.path.split('/');
      for (let i = 1; i < parts.length; i++) {
        this.#dirs.add(parts.slice(0, i).join('/'));
      }
    }
    this.#source = source;
    this.#options = options;
    this.limits = limits;
    // The total-bytes budget is spent in path order, so the same repository
    // always yields the same readable set.
    this.#readable = new Set();
    let budget = options.maxTotalBytes;
    for (const f of this.#files) {
      if (f.size <= options.maxFileBytes && f.size <= budget) {
        this.#readable.add(f.path);
        budget -= f.size;
      }
    }
    if (
      this.#readable.size <
      this.#files.filter(f => f.size <= options.maxFileBytes).length
    ) {
      this.limits = {
        truncated: true,
        reasons: [
          ...limits.reasons,
          `stopped reading after ${options.maxTotalBytes} bytes in total`,
        ],
      };
    }
  }

  files(): readonly SnapshotFile[] {
    return this.#files;
  }

  file(filePath: string): SnapshotFile | undefined {
    return this.#byPath.get(normalise(filePath));
  }

  exists(filePath: string): boolean {
    const p = normalise(filePath);
    return this.#byPath.has(p) || this.#dirs.has(p);
  }

  readText(filePath: string): string | undefined {
    const entry = this.#entry(normalise(filePath));
    return entry.kind === 'text' ? entry.text : undefined;
  }

  unreadableReason(filePath: string): UnreadableReason | undefined {
    const entry = this.#entry(normalise(filePath));
    return entry.kind === 'unreadable' ? entry.reason : undefined;
  }

  glob(patterns: string | readonly string[]): SnapshotFile[] {
    const { key, isMatch } = matcherFor(patterns);
    let matched = this.#globs.get(key);
    if (!matched) {
      matched = this.#files.filter(f => isMatch(f.path));
      this.#globs.set(key, matched);
    }
    // A copy: callers may sort or extend what they get.
    return matched.slice();
  }

  search(pattern: RegExp, globs?: string | readonly string[]): SearchMatch[] {
    const flags = `${pattern.flags.replace(/[gmy]/g, '')}g`;
    const regex = new RegExp(pattern.source, flags);
    // The whole-file pre-test runs in multiline mode so that `^` and `$` mean
    // what they mean on a single line.
    const prefilter = new RegExp(pattern.source, `${flags}m`);
    const candidates = globs ? this.glob(globs) : this.#files;
    const matches: SearchMatch[] = [];
    for (const f of candidates) {
      const text = this.readText(f.path);
      if (text === undefined) {
        continue;
      }
      prefilter.lastIndex = 0;
      // Test the whole file first: most files have no match.
      if (!prefilter.test(text)) {
        continue;
      }
      const lines = text.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        regex.lastIndex = 0;
        const m = regex.exec(lines[i]);
        if (m) {
          matches.push({
            path: f.path,
            line: i + 1,
            text: lines[i],
            match: m[0],
          });
        }
      }
    }
    return matches;
  }

  #entry(filePath: string): TextEntry {
    const cached = this.#texts.get(filePath);
    if (cached) {
      return cached;
    }
    const entry = this.#load(filePath);
    this.#texts.set(filePath, entry);
    return entry;
  }

  #load(filePath: string): TextEntry {
    const f = this.#byPath.get(filePath);
    if (!f) {
      return { kind: 'unreadable', reason: 'missing' };
    }
    if (f.size > this.#options.maxFileBytes) {
      return { kind: 'unreadable', reason: 'too-large' };
    }
    if (!this.#readable.has(filePath)) {
      return { kind: 'unreadable', reason: 'limit' };
    }
    const content = this.#source.read(filePath, f.size);
    if (!content) {
      return { kind: 'unreadable', reason: 'missing' };
    }
    if (isBinaryContent(content)) {
      return { kind: 'unreadable', reason: 'binary' };
    }
    return { kind: 'text', text: content.toString('utf8') };
  }
}

/** Locale-independent ordering, so every machine lists files alike. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function normalise(filePath: string): string {
  return filePath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

function resolveOptions(options?: SnapshotOptions): Required<SnapshotOptions> {
  return { ...DEFAULT_SNAPSHOT_OPTIONS, ...options };
}

/**
 * A snapshot of a directory on disk (the CLI, the demo estate, tests).
 *
 * Symbolic links are not followed: a link can point outside the repository or
 * form a loop, and neither is the service's own content.
 *
 * @public
 */
export function createDirectorySnapshot(
  rootDir: string,
  options?: SnapshotOptions,
): RepositorySnapshot {
  const resolved = resolveOptions(options);
  const root = path.resolve(rootDir);
  const files: SnapshotFile[] = [];
  const reasons: string[] = [];
  let truncated = false;

  const walk = (dir: string, rel: string) => {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (rel === '') {
        throw error;
      }
      reasons.push(`could not list ${rel}: ${(error as Error).message}`);
      truncated = true;
      return;
    }
    dirents.sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const d of dirents) {
      if (truncated && files.length >= resolved.maxFiles) {
        return;
      }
      const relPath = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (!isExcludedPath(`${relPath}/x`)) {
          walk(path.join(dir, d.name), relPath);
        }
      } else if (d.isFile()) {
        if (files.length >= resolved.maxFiles) {
          truncated = true;
          reasons.push(`stopped listing at ${resolved.maxFiles} files`);
          return;
        }
        try {
          files.push({
            path: relPath,
            size: fs.statSync(path.join(dir, d.name)).size,
          });
        } catch {
          // Vanished between listing and stat: it is not part of the snapshot.
        }
      }
    }
  };
  walk(root, '');

  return new Snapshot(
    files,
    {
      read(filePath, size) {
        try {
          return readListedFile(path.join(root, filePath), size);
        } catch {
          return undefined;
        }
      },
    },
    resolved,
    { truncated, reasons },
  );
}

/**
 * Reads a file whose size the listing recorded: one open, usually one read
 * into a buffer of that size plus one byte, and a close, without the `fstat`
 * that `readFileSync` makes to learn the size again (system calls are much of
 * the cost of reading small files). Getting exactly the listed size back
 * means the file is as listed; a file that grew is read whole as it is now;
 * a shorter read continues until the end of the file.
 */
function readListedFile(filePath: string, size: number): Buffer {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buffer = Buffer.allocUnsafe(size + 1);
    let length = fs.readSync(fd, buffer, 0, buffer.length, null);
    if (length === size) return buffer.subarray(0, length);
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return buffer.subarray(0, length);
      length += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return fs.readFileSync(filePath);
}

/**
 * A snapshot of files held in memory, e.g. read through the `UrlReaderService`.
 *
 * @public
 */
export function createMemorySnapshot(
  entries: ReadonlyArray<{
    path: string;
    content: Buffer | string;
    size?: number;
  }>,
  options?: SnapshotOptions,
): RepositorySnapshot {
  const resolved = resolveOptions(options);
  const contents = new Map<string, Buffer>();
  const files: SnapshotFile[] = [];
  const reasons: string[] = [];
  let truncated = false;
  for (const entry of entries) {
    const p = normalise(entry.path);
    if (isExcludedPath(p)) {
      continue;
    }
    if (files.length >= resolved.maxFiles) {
      truncated = true;
      reasons.push(`stopped listing at ${resolved.maxFiles} files`);
      break;
    }
    const content =
      typeof entry.content === 'string'
        ? Buffer.from(entry.content, 'utf8')
        : entry.content;
    contents.set(p, content);
    files.push({ path: p, size: entry.size ?? content.length });
  }
  return new Snapshot(
    files,
    { read: filePath => contents.get(filePath) },
    resolved,
    { truncated, reasons },
  );
}

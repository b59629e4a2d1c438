/**
 * A small Dockerfile reader for REP-04: the base image of every build stage,
 * with build arguments substituted, stage references recognised and the
 * reference classified as digest-pinned, tagged, floating or unresolved.
 */

/** How reproducible a base image reference is. */
export type BaseImagePin =
  /** `image@sha256:…`: immutable. */
  | 'digest'
  /** `image:1.2.3`: a tag other than `latest` (mutable, but deliberate). */
  | 'tagged'
  /** `image` or `image:latest`: whatever was pushed last. */
  | 'floating'
  /** A build argument without default: chosen at build time. */
  | 'unresolved'
  /** `scratch` or an earlier stage of the same Dockerfile. */
  | 'internal';

/** One `FROM` instruction. */
export interface BuildStage {
  /** 1-based line of the `FROM`. */
  line: number;
  /** The reference as written, e.g. `${BASE}` or `python:3.11-slim`. */
  written: string;
  /** The reference after build-argument substitution. */
  image: string;
  /** `AS <name>`, lower-cased. */
  name?: string;
  pin: BaseImagePin;
  /** For `internal` stage references: the image the referenced stage builds on. */
  resolvedBase?: string;
}

/** Classifies an image reference (no variables left in it). */
export function classifyImage(image: string): 'digest' | 'tagged' | 'floating' {
  if (/@sha256:[0-9a-f]{64}$/i.test(image)) return 'digest';
  const lastSegment = image.split('/').pop() ?? image;
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return 'floating';
  const tag = lastSegment.slice(colon + 1);
  return tag === '' || tag.toLowerCase() === 'latest' ? 'floating' : 'tagged';
}

/** The image without tag or digest (`python:3.11@sha256:…` → `python`). */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', slash + 1);
  return colon < 0 ? noDigest : noDigest.slice(0, colon);
}

const VARIABLE = /\$\{([A-Za-z_]\w*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_]\w*)/g;

/** Parses the `FROM` instructions of a Dockerfile. */
export function parseDockerfile(text: string): BuildStage[] {
  const physical = text.split(/\r?\n/);
  const args = new Map<string, string | undefined>();
  const stages: BuildStage[] = [];
  for (let i = 0; i < physical.length; i++) {
    const startLine = i + 1;
    let line = physical[i];
    if (/^\s*#/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < physical.length) {
      line = `${line.replace(/\\\s*$/, ' ')}${physical[++i]}`;
    }
    const arg =
      /^\s*ARG\s+([A-Za-z_]\w*)(?:\s*=\s*("[^"]*"|'[^']*'|\S*))?/i.exec(line);
    if (arg) {
      // Global ARGs (before the first FROM) are the ones FROM can use.
      if (stages.length === 0) {
        const value = arg[2]?.replace(/^["']|["']$/g, '');
        args.set(
          arg[1],
          value === undefined || value === '' ? undefined : value,
        );
      }
      continue;
    }
    const from =
      /^\s*FROM\s+((?:--[\w-]+=\S+\s+)*)(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!from) continue;
    const written = from[2];
    let unresolved = false;
    const image = written.replace(
      VARIABLE,
      (_m, braced: string, fallback: string | undefined, bare: string) => {
        const value = args.get(braced ?? bare);
        if (value !== undefined) return value;
        if (fallback !== undefined && fallback !== '') return fallback;
        unresolved = true;
        return '';
      },
    );
    const lower = image.toLowerCase();
    const previous = stages.find(s => s.name === lower);
    let pin: BaseImagePin;
    let resolvedBase: string | undefined;
    if (unresolved) pin = 'unresolved';
    else if (previous) {
      pin = 'internal';
      resolvedBase = previous.resolvedBase ?? previous.image;
    } else if (lower === 'scratch') pin = 'internal';
    else pin = classifyImage(image);
    stages.push({
      line: startLine,
      written,
      image,
      name: from[3]?.toLowerCase(),
      pin,
      resolvedBase,
    });
  }
  return stages;
}

/** The image the final stage builds on, following stage references. */
export function finalBase(stages: readonly BuildStage[]): string | undefined {
  const last = stages[stages.length - 1];
  if (!last) return undefined;
  return last.resolvedBase ?? last.image;
}

/**
 * `yarn bench:engine:compare [--ref <commit>]`: is the engine in this
 * checkout faster than at another commit, and does it still give the same
 * results?
 *
 * On a shared machine two timed runs minutes apart differ by more than most
 * optimisations gain. This loads both engines into one thread, as esbuild
 * bundles, and scans each synthetic repository with both, alternating which
 * goes first, comparing the thread's own CPU time. It also compares every
 * result (status, score, summary, evidence, automation) and the scorecard, so
 * a speed-up that changes an answer shows at once.
 *
 * The other engine is the `plugins/ml-debt-node` and `plugins/ml-debt-common`
 * sources of `--ref` (default `HEAD`, i.e. the uncommitted changes against the
 * last commit). Options: --repos N (200), --warm N (20), --dir PATH (the
 * repositories of `yarn bench:engine`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BENCH_CACHE_DIR, bundleForNode } from './bundle';
import { ensureSyntheticRepos } from './syntheticRepos';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const repoRoot = path.resolve(__dirname, '../../..');

/** What one engine answers for one repository, in a comparable form. */
type ScanFn = (dir: string) => Promise<string>;

/** The entry point bundled for each side: a scan as `scanDirectory` does it, serialised. */
const ENTRY = `
import { BUILTIN_CHECKS } from './plugins/ml-debt-node/src/checks';
import { scanService } from './plugins/ml-debt-node/src/engine/scanService';
import { createDirectorySnapshot } from './plugins/ml-debt-node/src/snapshot/Snapshot';

export async function scan(dir: string): Promise<string> {
  const { results, scorecard } = await scanService({
    snapshot: createDirectorySnapshot(dir),
    checks: BUILTIN_CHECKS,
    now: new Date('2026-01-01T00:00:00Z'),
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'svc', namespace: 'default' },
      spec: { type: 'ml-service', lifecycle: 'production', owner: 'group:default/team' },
    },
  });
  return JSON.stringify({ results, scorecard });
}
`;

/** Copies the engine sources of `ref` into `dest`. */
function exportRef(ref: string, dest: string): string {
  const rev = spawnSync('git', ['-C', repoRoot, 'rev-parse', '--short', ref], {
    encoding: 'utf8',
  });
  if (rev.status !== 0) {
    throw new Error(`Unknown --ref ${ref}: ${rev.stderr.trim()}`);
  }
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const archive = spawnSync(
    'sh',
    [
      '-c',
      'git -C "$1" archive --format=tar "$2" plugins/ml-debt-node/src plugins/ml-debt-common/src | tar -x -C "$3"',
      'sh',
      repoRoot,
      ref,
      dest,
    ],
    { encoding: 'utf8' },
  );
  if (archive.status !== 0) {
    throw new Error(`Could not export ${ref}: ${archive.stderr.trim()}`);
  }
  return rev.stdout.trim();
}

/** Bundles one side's engine, with that side's own common package. */
async function bundle(sourceRoot: string, name: string): Promise<ScanFn> {
  const entry = path.join(sourceRoot, `compare-entry-${name}.ts`);
  fs.writeFileSync(entry, ENTRY);
  const outfile = path.join(BENCH_CACHE_DIR, `compare-${name}.cjs`);
  const common = path.join(sourceRoot, 'plugins/ml-debt-common/src/index.ts');
  try {
    await bundleForNode(entry, outfile, pkg =>
      pkg === '@ml-debt/plugin-ml-debt-common' ? common : undefined,
    );
  } finally {
    fs.rmSync(entry, { force: true });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile).scan as ScanFn;
}

function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/** The first place two serialised scans differ, as check ids. */
function differingChecks(a: string, b: string): string {
  const x = JSON.parse(a);
  const y = JSON.parse(b);
  const ids: string[] = [];
  x.results.forEach((r: { id: string }, i: number) => {
    if (JSON.stringify(r) !== JSON.stringify(y.results[i])) ids.push(r.id);
  });
  if (ids.length === 0) return 'the scorecard';
  return ids.length > 6
    ? `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more`
    : ids.join(', ');
}

async function main() {
  const ref = arg('ref', 'HEAD');
  const repos = Number(arg('repos', '200'));
  const warm = Number(arg('warm', '20'));
  const root = arg(
    'dir',
    path.join(os.tmpdir(), 'ml-debt-bench', 'engine-1000x150'),
  );
  const { dirs } = ensureSyntheticRepos(root, 1000, 150);
  if (warm + repos > dirs.length) {
    throw new Error(`--warm + --repos must be at most ${dirs.length}`);
  }
  fs.mkdirSync(BENCH_CACHE_DIR, { recursive: true });
  const refRoot = path.join(BENCH_CACHE_DIR, 'compare-ref');
  const rev = exportRef(ref, refRoot);
  const base = await bundle(refRoot, 'ref');
  const current = await bundle(repoRoot, 'current');

  // Let both engines' code reach optimised tiers before timing.
  for (const dir of dirs.slice(0, warm)) {
    await base(dir);
    await current(dir);
  }
  let baseMs = 0;
  let currentMs = 0;
  const differing: string[] = [];
  for (let i = 0; i < repos; i++) {
    const dir = dirs[warm + i];
    // Whichever runs second finds caches warmer: alternate the order.
    const order: Array<'base' | 'current'> =
      i % 2 === 0 ? ['base', 'current'] : ['current', 'base'];
    const out: Record<string, string> = {};
    for (const side of order) {
      const start = threadCpuMs();
      out[side] = await (side === 'base' ? base : current)(dir);
      const ms = threadCpuMs() - start;
      if (side === 'base') baseMs += ms;
      else currentMs += ms;
    }
    if (out.base !== out.current) {
      differing.push(
        `${path.basename(dir)} (${differingChecks(out.base, out.current)})`,
      );
    }
  }
  const line = (label: string, value: string) =>
    process.stdout.write(`${label.padEnd(28)} ${value}\n`);
  process.stdout.write('\nml-debt engine: this checkout against a commit\n');
  line('repositories', `${repos} (after ${warm} to warm up), ${root}`);
  line(
    `${ref} (${rev})`,
    `${(baseMs / repos).toFixed(1)} ms CPU per repository`,
  );
  line(
    'this checkout',
    `${(currentMs / repos).toFixed(1)} ms CPU per repository`,
  );
  line(
    'this checkout / ref',
    `${(currentMs / baseMs).toFixed(
      3,
    )} (below 1 is faster; differences under ~3% are noise)`,
  );
  line(
    'results',
    differing.length === 0
      ? `identical on all ${repos} repositories`
      : `DIFFERENT on ${differing.length}: ${differing.slice(0, 5).join('; ')}`,
  );
  if (differing.length > 0) process.exitCode = 1;
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(2);
});

/**
 * Where does the engine spend its time? Times each check (and the shared
 * analysis) on a few synthetic repositories. `node bench/run.js profile.ts`.
 */
import os from 'node:os';
import path from 'node:path';
import { BUILTIN_CHECKS } from '../src/checks';
import { evaluateChecks } from '../src/engine/evaluate';
import { RepositoryFacts } from '../src/analysis/RepositoryFacts';
import { createDirectorySnapshot } from '../src/snapshot/Snapshot';
import { ensureSyntheticRepos } from './syntheticRepos';

async function main() {
  const { dirs } = ensureSyntheticRepos(
    path.join(os.tmpdir(), 'ml-debt-bench', 'engine-50x150'),
    50,
    150,
  );
  const totals = new Map<string, number>();
  const add = (k: string, ms: number) =>
    totals.set(k, (totals.get(k) ?? 0) + ms);
  for (const dir of dirs.slice(0, 20)) {
    const snapshot = createDirectorySnapshot(dir);
    const facts = new RepositoryFacts(snapshot);
    let t = performance.now();
    void facts.sources;
    void facts.ciFiles;
    void facts.automationFiles;
    void facts.dependencyManifests;
    add('(shared facts)', performance.now() - t);
    for (const check of BUILTIN_CHECKS) {
      t = performance.now();
      await evaluateChecks([check], { snapshot, facts });
      add(check.id, performance.now() - t);
    }
  }
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  for (const [k, ms] of sorted.slice(0, 25)) {
    process.stdout.write(`${k.padEnd(16)} ${(ms / 20).toFixed(1)} ms/repo\n`);
  }
  process.stdout.write(
    `rss ${Math.round(process.memoryUsage.rss() / 1048576)} MiB\n`,
  );
}
main();

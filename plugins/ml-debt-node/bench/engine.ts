/**
 * `yarn bench:engine`: how fast and how heavy is the check engine?
 *
 * Generates 1,000 synthetic ML repositories (~150 files each: Python, notebooks,
 * YAML, data files), scans every one with all built-in checks, scoring and the
 * mllint view, and reports wall time, files/s and peak RSS (the kernel's
 * high-water mark, and samples as the scan goes, to show it does not grow
 * with the number of repositories). Then it
 * runs the research catalogue's detection patterns (Appendix A) with ripgrep
 * over the same files and prints the ratio.
 *
 * It scans twice and compares each pass with rg given the same threads: once
 * with one worker thread (vs `rg -j 1`), once with one worker thread per core
 * (vs `rg -j <cores>`). Within a pass the engine and rg take turns over
 * chunks of 100 repositories, so that both are timed under the same machine
 * conditions. Workers load the engine as an esbuild bundle, as a built
 * backend would, not through the TypeScript transform. So does the measured
 * process itself: this file, run through the transform, bundles itself and
 * the worker and starts the bundle as a plain Node process, whose main thread
 * only hands out directories, runs rg and samples RSS. The transform's own
 * memory (about 130 MiB: compiler hooks, esbuild's API) stays out of the
 * engine's peak RSS.
 *
 * Options: --repos N (1000), --files N (150), --dir PATH (/tmp/ml-debt-bench),
 * --workers N (one per core; 1 skips the parallel pass), --chunk N (100).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ResourceLimits, Worker } from 'node:worker_threads';
import { BENCH_CACHE_DIR, bundleForNode } from './bundle';
import type { ScanCount } from './scanDirectory';
import { ensureSyntheticRepos } from './syntheticRepos';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Appendix A of the research: the detection regexes a grep-based scanner would run. */
const PATTERNS = [
  String.raw`np\.random\.seed\(|np\.random\.default_rng\(\s*\w|random\.seed\(|torch\.manual_seed\(|tf\.random\.set_seed\(|seed_everything\(|set_seed\(`,
  String.raw`np\.random\.\w+\(|\brandom\.(random|shuffle|choice|sample|randint)\(|torch\.(rand|randn|randint|randperm)\(|shuffle\s*=\s*True|Dropout\(|train_test_split\(`,
  String.raw`\b(train_test_split|KFold|StratifiedKFold|ShuffleSplit|RandomForest\w*|ExtraTrees\w*|GradientBoosting\w*|MLP\w*|SGD\w*|KMeans|TSNE|RandomizedSearchCV)\((?![^)]*\b(random_state|seed)\s*=)`,
  String.raw`^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(?P<op>===|==|~=|>=|<=|!=|>|<)?\s*(?P<ver>[^;#\s,]*)`,
  String.raw`\b(pytest|python -m (pytest|unittest)|tox|nox|make test|hatch run test|poetry run pytest|uv run pytest)\b`,
  String.raw`(?i)\b(TODO|FIXME|HACK|XXX|KLUDGE|WORKAROUND|TEMP(ORARY)?|REFACTOR|DEPRECATED?)\b|quick[- ]fix|for now|hard[- ]?coded|magic number`,
  String.raw`^\s*#\s*(import |from \S+ import |def |class |return\b|for |while |if |elif |else:|with |[A-Za-z_][\w.]*\s*(=|\+=|\())`,
  String.raw`["'](/(home|Users|mnt|media|content/drive|dbfs|Volumes)/[^"']*|[A-Za-z]:\\\\[^"']*|~/[^"']+)["']`,
  String.raw`[=!]=\s*(np|numpy)\.nan\b`,
  String.raw`self\.\w+\.forward\(`,
  String.raw`pickle\.loads?\(|cloudpickle\.loads?\(|dill\.loads?\(|joblib\.load\(|torch\.load\((?![^)]*weights_only\s*=\s*True)|np\.load\([^)]*allow_pickle\s*=\s*True|yaml\.load\((?![^)]*SafeLoader)`,
  String.raw`^\s*(import|from)\s+(great_expectations|pandera|tensorflow_data_validation|deepchecks)\b|gx\.get_context\(|DataFrameSchema\(|DataFrameModel\b|tfdv\.(infer_schema|validate_statistics)`,
  String.raw`^\s*(from|import)\s+(evidently|whylogs|nannyml|alibi_detect|frouros)\b|DefaultModelMonitor|ModelQualityMonitor|ModelDeploymentMonitoringJob|DataDriftDetector`,
  String.raw`prometheus_client|prometheus_fastapi_instrumentator|starlette_exporter|opentelemetry|statsd`,
  String.raw`mlflow\.register_model\(|registered_model_name\s*=|wandb\.(Artifact|log_model|link_model)|Model\.register\(|aiplatform\.Model\.upload\(|ModelPackage(Group)?\b|bentoml\.\w+\.save_model\(|\.push_to_hub\(`,
  String.raw`models:/[^/"']+/(latest|Production|Staging)\b|@latest\b`,
  String.raw`kind:\s*(Rollout|Canary)\b|canaryTrafficPercent|InitialVariantWeight|CanarySize|mirror_traffic`,
  String.raw`(?m)^\s*schedule:\s*$|cron:|schedule(_interval)?\s*=|kind:\s*(CronWorkflow|CronJob)`,
  String.raw`papermill|jupyter\s+nbconvert\s+.*--execute|nbclient|dbutils\.notebook\.run|%run\s`,
];

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** A peak RSS in both units: the target is 300 MB, the stricter reading (286 MiB). */
function rssText(bytes: number): string {
  return `${mib(bytes)} = ${Math.round(bytes / 1e6)} MB (target < 300 MB)`;
}

function ensureRipgrep(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  if (process.getuid?.() === 0) {
    process.stderr.write('installing ripgrep from Debian (once)\n');
    spawnSync(
      'apt-get',
      ['install', '-y', '--no-install-recommends', 'ripgrep'],
      { stdio: 'ignore' },
    );
    const again = spawnSync('sh', ['-c', 'command -v rg'], {
      encoding: 'utf8',
    });
    if (again.status === 0) return again.stdout.trim();
  }
  return undefined;
}

function timeRipgrep(
  rg: string,
  roots: readonly string[],
  threads: number,
): { seconds: number; matches: number } {
  const args = [
    '-P',
    '--no-ignore',
    '--hidden',
    '--count-matches',
    '--no-messages',
    '-j',
    String(threads),
  ];
  for (const p of PATTERNS) args.push('-e', p);
  args.push(...roots);
  const start = process.hrtime.bigint();
  const result = spawnSync(rg, args, {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`rg failed: ${result.stderr}`);
  }
  const matches = result.stdout
    .split('\n')
    .filter(Boolean)
    .reduce(
      (sum, line) => sum + Number(line.slice(line.lastIndexOf(':') + 1)),
      0,
    );
  return { seconds, matches };
}

/** Set in the bundled process: the worker bundle, and where results go. */
const WORKER_ENV = 'ML_DEBT_BENCH_ENGINE_WORKER';
const RESULTS_ENV = 'ML_DEBT_BENCH_RESULTS';

/**
 * Bundles the worker entry (engine included) and this benchmark, then runs
 * the benchmark bundle as a plain Node process with this one's arguments and
 * Node options. Resolves to its exit code.
 */
async function launch(): Promise<number> {
  const worker = path.join(BENCH_CACHE_DIR, 'engine-worker.cjs');
  await bundleForNode(path.join(__dirname, 'engineWorker.ts'), worker);
  const self = path.join(BENCH_CACHE_DIR, 'engine-bench.cjs');
  await bundleForNode(__filename, self);
  const child = spawn(
    process.execPath,
    [...process.execArgv, self, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        [WORKER_ENV]: worker,
        [RESULTS_ENV]: path.resolve(__dirname, '../../../bench-results'),
      },
    },
  );
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ? 1 : code ?? 1));
  });
}

/** Heap limits of each worker in the parallel pass. */
const POOL_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 64,
  maxYoungGenerationSizeMb: 16,
};

/**
 * Repositories handed to a worker at a time. A message to a worker thread
 * and its answer cost 1.5–2 ms on these machines, about 3% of a scan: in
 * batches the pool measures the engine rather than the hand-over, as the
 * backend scans a cycle's services one after the other in the same thread.
 * At most this many, and fewer in small turns.
 */
const BATCH = 10;

/** A pool of engine worker threads, each scanning a batch of repositories at a time. */
class WorkerPool {
  readonly #workers: Worker[];

  constructor(
    script: string,
    readonly size: number,
    resourceLimits?: ResourceLimits,
  ) {
    this.#workers = Array.from(
      { length: size },
      () => new Worker(script, { resourceLimits }),
    );
  }

  /** Scans `dirs` (numbered from `first`), each worker taking the next batch as it finishes one. */
  async scan(
    dirs: readonly string[],
    first: number,
    onDone: (count: ScanCount, repos: number) => void,
  ): Promise<void> {
    let next = 0;
    // Small turns still give every worker several batches.
    const batch = Math.max(
      1,
      Math.min(BATCH, Math.floor(dirs.length / (this.size * 4))),
    );
    await Promise.all(
      this.#workers.map(async worker => {
        while (next < dirs.length) {
          const from = next;
          next = Math.min(dirs.length, next + batch);
          const jobs = dirs
            .slice(from, next)
            .map((dir, i) => ({ dir, index: first + from + i }));
          const reply = await new Promise<
            | ({ ok: true; repos: number } & ScanCount)
            | { ok: false; error: string }
          >((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage({ jobs });
          });
          worker.removeAllListeners('error');
          if (!reply.ok) throw new Error(reply.error);
          onDone(reply, reply.repos);
        }
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map(w => w.terminate()));
  }
}

/**
 * Starts a new peak-RSS measurement: Linux resets the process's high-water
 * mark (VmHWM) to its current RSS when "5" is written to clear_refs. Returns
 * false where that is not available (then only the samples count).
 */
function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The process's peak RSS since the last reset, in bytes (VmHWM), or 0. */
function peakRssSinceReset(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface PassResult {
  threads: number;
  seconds: number;
  cpuSeconds: number;
  peakRss: number;
  /** Whether peakRss is the kernel's high-water mark (else sampled). */
  highWaterMark: boolean;
  totals: ScanCount;
  samples: Array<{ repos: number; rss: number }>;
  ripgrep?: { seconds: number; matches: number };
}

/**
 * Scans every directory with `threads` engine workers and, chunk by chunk,
 * runs rg with as many threads over the same directories: engine on a chunk,
 * then rg on that chunk, and so on. Interleaving puts both under the same
 * machine conditions (a shared machine's speed drifts over minutes, which
 * two separate timed runs would fold into the ratio). The peak RSS of the
 * process (workers included) is the kernel's high-water mark over the pass,
 * which no spike between samples escapes; RSS is also sampled every 50 ms
 * to show how it moves with the number of repositories.
 */
async function comparePass(
  script: string,
  dirs: readonly string[],
  threads: number,
  chunk: number,
  rg: string | undefined,
  resourceLimits?: ResourceLimits,
): Promise<PassResult> {
  const totals: ScanCount = { files: 0, bytes: 0, checks: 0 };
  const samples: Array<{ repos: number; rss: number }> = [];
  const highWaterMark = resetPeakRss();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50);
  const pool = new WorkerPool(
    script,
    Math.min(threads, dirs.length),
    resourceLimits,
  );
  let seconds = 0;
  let cpuSeconds = 0;
  const ripgrep = rg ? { seconds: 0, matches: 0 } : undefined;
  let done = 0;
  const every = Math.max(1, Math.floor(dirs.length / 10));
  let nextSample = 1;
  const onDone = (count: ScanCount, repos: number) => {
    totals.files += count.files;
    totals.bytes += count.bytes;
    totals.checks += count.checks;
    done += repos;
    if (done >= nextSample || done === dirs.length) {
      samples.push({ repos: done, rss: process.memoryUsage.rss() });
      nextSample = (Math.floor(done / every) + 1) * every;
    }
  };
  try {
    for (let first = 0; first < dirs.length; first += chunk) {
      const part = dirs.slice(first, first + chunk);
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      await pool.scan(part, first, onDone);
      seconds += Number(process.hrtime.bigint() - start) / 1e9;
      const cpu = process.cpuUsage(cpuStart);
      cpuSeconds += (cpu.user + cpu.system) / 1e6;
      if (rg && ripgrep) {
        const r = timeRipgrep(rg, part, threads);
        ripgrep.seconds += r.seconds;
        ripgrep.matches += r.matches;
      }
    }
  } finally {
    clearInterval(sampler);
    peakRss = Math.max(
      peakRss,
      process.memoryUsage.rss(),
      highWaterMark ? peakRssSinceReset() : 0,
    );
    await pool.close();
  }
  return {
    threads: pool.size,
    seconds,
    cpuSeconds,
    peakRss,
    highWaterMark,
    totals,
    samples,
    ripgrep,
  };
}

async function main() {
  const repoCount = Number(arg('repos', '1000'));
  const filesPerRepo = Number(arg('files', '150'));
  const root = arg(
    'dir',
    path.join(
      os.tmpdir(),
      'ml-debt-bench',
      `engine-${repoCount}x${filesPerRepo}`,
    ),
  );

  const genStart = Date.now();
  const { dirs, generated } = ensureSyntheticRepos(
    root,
    repoCount,
    filesPerRepo,
  );
  const genSeconds = (Date.now() - genStart) / 1000;
  process.stderr.write(
    `${
      generated ? 'generated' : 'reusing'
    } ${repoCount} repositories under ${root} (${genSeconds.toFixed(1)} s)\n`,
  );

  // Both passes run in worker threads that load the engine as a bundle; this
  // thread only hands out directories, so the RSS measured is the engine's.
  const script = process.env[WORKER_ENV]!;
  const rg = ensureRipgrep();
  const chunk = Number(arg('chunk', '100'));
  // One worker with V8's default heap, as the backend scans in its own
  // thread. Heap limits of any size (64–128 MiB old, 16–48 MiB young space)
  // cost it 3–15% in alternating A/B runs.
  const single = await comparePass(script, dirs, 1, chunk, rg);
  const { files, bytes, checks: checksRun } = single.totals;
  const scanSeconds = single.seconds;
  const peakRss = single.peakRss;
  const rssSamples = single.samples;
  const workers = Number(arg('workers', String(os.cpus().length)));
  const parallel =
    workers > 1
      ? // One worker per core, each heap capped so that the process stays
        // under 300 MB (without caps: 335 MiB with two workers).
        await comparePass(script, dirs, workers, chunk, rg, POOL_LIMITS)
      : undefined;
  const rgOneThread = single.ripgrep;
  const rgParallel = parallel?.ripgrep;
  const ratio = (ours: number, theirs?: { seconds: number }) =>
    theirs ? Number((ours / theirs.seconds).toFixed(2)) : undefined;

  const result = {
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memory: mib(os.totalmem()),
      node: process.version,
    },
    repositories: repoCount,
    files,
    bytes,
    checksRun,
    // One thread: this process scans the repositories one after another.
    scan: {
      threads: 1,
      seconds: Number(scanSeconds.toFixed(2)),
      filesPerSecond: Math.round(files / scanSeconds),
      msPerRepository: Number(((scanSeconds * 1000) / repoCount).toFixed(1)),
      // CPU time (all threads of the process): steadier than wall time on a busy machine.
      cpuMsPerRepository: Number(
        ((single.cpuSeconds * 1000) / repoCount).toFixed(1),
      ),
      ripgrepSeconds: rgOneThread && Number(rgOneThread.seconds.toFixed(2)),
      ratio: ratio(scanSeconds, rgOneThread),
    },
    peakRssMiB: Math.round(peakRss / 1024 / 1024),
    peakRssMB: Math.round(peakRss / 1e6),
    // VmHWM: the kernel's high-water mark over the pass; else the samples' maximum.
    peakRssMeasuredBy: single.highWaterMark ? 'VmHWM' : 'samples',
    rssByRepositories: rssSamples.map(s => ({
      repos: s.repos,
      rssMiB: Math.round(s.rss / 1024 / 1024),
    })),
    // One worker thread per core, against rg with as many threads.
    parallelScan: parallel && {
      threads: parallel.threads,
      seconds: Number(parallel.seconds.toFixed(2)),
      filesPerSecond: Math.round(files / parallel.seconds),
      peakRssMiB: Math.round(parallel.peakRss / 1024 / 1024),
      peakRssMB: Math.round(parallel.peakRss / 1e6),
      ripgrepSeconds: rgParallel && Number(rgParallel.seconds.toFixed(2)),
      ratio: ratio(parallel.seconds, rgParallel),
    },
    ripgrep: rg
      ? {
          patterns: PATTERNS.length,
          matches: rgOneThread!.matches,
          // Engine and rg alternate over chunks of this many repositories.
          interleavedChunk: chunk,
        }
      : 'ripgrep not available',
    targets: { ratioAtMost: 3, peakRssMBBelow: 300 },
  };

  const out = process.env[RESULTS_ENV]!;
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, 'engine.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );

  const line = (k: string, v: string) =>
    process.stdout.write(`${k.padEnd(34)} ${v}\n`);
  process.stdout.write('\nml-debt engine benchmark\n');
  line(
    'repositories × files',
    `${repoCount} × ${filesPerRepo} (${files} files, ${mib(bytes)})`,
  );
  line(
    'checks evaluated',
    `${checksRun} (${checksRun / repoCount} per repository)`,
  );
  const vsRg = (r: { ripgrepSeconds?: number; ratio?: number }) =>
    r.ratio === undefined
      ? 'ripgrep not available'
      : `rg -P, ${PATTERNS.length} patterns, interleaved in chunks of ${chunk}: ${r.ripgrepSeconds} s → ratio ${r.ratio}× (target ≤ 3)`;
  line(
    'scan, 1 thread',
    `${result.scan.seconds} s (${result.scan.msPerRepository} ms per repository, ${result.scan.cpuMsPerRepository} ms CPU; ${result.scan.filesPerSecond} files/s)`,
  );
  line('  vs rg -j 1', vsRg(result.scan));
  line('  peak RSS', rssText(peakRss));
  line(
    '  RSS as repositories are scanned',
    result.rssByRepositories.map(s => `${s.repos}:${s.rssMiB}`).join(' '),
  );
  if (result.parallelScan) {
    const p = result.parallelScan;
    line(
      `scan, ${p.threads} worker threads`,
      `${p.seconds} s (${p.filesPerSecond} files/s)`,
    );
    line(`  vs rg -j ${p.threads}`, vsRg(p));
    line('  peak RSS (process, workers included)', rssText(parallel!.peakRss));
  }
  line('results written to', path.join(out, 'engine.json'));
}

const run = process.env[WORKER_ENV] ? main().then(() => 0) : launch();
run.then(
  code => process.exit(code),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);

/**
 * `yarn bench:engine`: how fast and how heavy is the check engine?
 *
 * Generates 1,000 synthetic ML repositories (~150 files each: Python, notebooks,
 * YAML, data files), scans every one with all built-in checks, scoring and the
 * mllint view, and reports wall time, files/s and peak RSS (sampled as the
 * scan goes, to show it does not grow with the number of repositories). Then it
 * runs the research catalogue's detection patterns (Appendix A) with ripgrep
 * over the same files and prints the ratio.
 *
 * Options: --repos N (1000), --files N (150), --dir PATH (/tmp/ml-debt-bench).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BUILTIN_CHECKS } from '../src/checks';
import { scanService } from '../src/engine/scanService';
import { createDirectorySnapshot } from '../src/snapshot/Snapshot';
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
  root: string,
  threads?: number,
): { seconds: number; matches: number } {
  const args = [
    '-P',
    '--no-ignore',
    '--hidden',
    '--count-matches',
    '--no-messages',
  ];
  if (threads) args.push('-j', String(threads));
  for (const p of PATTERNS) args.push('-e', p);
  args.push(root);
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

  const rssSamples: Array<{ repos: number; rss: number }> = [];
  let files = 0;
  let bytes = 0;
  let checksRun = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < dirs.length; i++) {
    const snapshot = createDirectorySnapshot(dirs[i]);
    for (const f of snapshot.files()) bytes += f.size;
    files += snapshot.files().length;
    const { results } = await scanService({
      snapshot,
      checks: BUILTIN_CHECKS,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `svc-${i}`, namespace: 'default' },
        spec: {
          type: 'ml-service',
          lifecycle: 'production',
          owner: 'group:default/team',
        },
      },
    });
    checksRun += results.length;
    const done = i + 1;
    if (
      done === 1 ||
      done % Math.max(1, Math.floor(dirs.length / 10)) === 0 ||
      done === dirs.length
    ) {
      rssSamples.push({ repos: done, rss: process.memoryUsage.rss() });
    }
  }
  const scanSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  const rg = ensureRipgrep();
  const rgDefault = rg ? timeRipgrep(rg, root) : undefined;
  const rgOneThread = rg ? timeRipgrep(rg, root, 1) : undefined;

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
    scan: {
      seconds: Number(scanSeconds.toFixed(2)),
      filesPerSecond: Math.round(files / scanSeconds),
      msPerRepository: Number(((scanSeconds * 1000) / repoCount).toFixed(1)),
    },
    peakRssMiB: Math.round(peakRss / 1024 / 1024),
    rssByRepositories: rssSamples.map(s => ({
      repos: s.repos,
      rssMiB: Math.round(s.rss / 1024 / 1024),
    })),
    ripgrep: rg
      ? {
          patterns: PATTERNS.length,
          seconds: Number(rgDefault!.seconds.toFixed(2)),
          secondsOneThread: Number(rgOneThread!.seconds.toFixed(2)),
          matches: rgDefault!.matches,
          ratio: Number((scanSeconds / rgDefault!.seconds).toFixed(2)),
          ratioOneThread: Number(
            (scanSeconds / rgOneThread!.seconds).toFixed(2),
          ),
        }
      : 'ripgrep not available',
    targets: { ratioAtMost: 3, peakRssMiBBelow: 300 },
  };

  const out = path.resolve(__dirname, '../../../bench-results');
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
    `${checksRun} (${BUILTIN_CHECKS.length} per repository)`,
  );
  line(
    'full scan wall time',
    `${result.scan.seconds} s (${result.scan.msPerRepository} ms per repository)`,
  );
  line('throughput', `${result.scan.filesPerSecond} files/s`);
  line('peak RSS', `${result.peakRssMiB} MiB (target < 300)`);
  line(
    'RSS as repositories are scanned',
    result.rssByRepositories.map(s => `${s.repos}:${s.rssMiB}`).join(' '),
  );
  if (typeof result.ripgrep === 'object') {
    line(
      `rg -P, ${PATTERNS.length} patterns (all threads)`,
      `${result.ripgrep.seconds} s → ratio ${result.ripgrep.ratio}× (target ≤ 3)`,
    );
    line(
      'rg -P, same patterns, 1 thread',
      `${result.ripgrep.secondsOneThread} s → ratio ${result.ripgrep.ratioOneThread}×`,
    );
  } else {
    line('ripgrep', result.ripgrep);
  }
  line('results written to', path.join(out, 'engine.json'));
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

/**
 * `yarn bench`: the performance suite of ML Debt Scorecards.
 *
 * 1. Seeds a fresh PostgreSQL database with a synthetic estate of 10,000 ML
 *    services and 12 scans of history each (see seed.ts).
 * 2. Runs the product's backend (packages/backend) against it and measures
 *    the org list, the org rollup, one scorecard and its history with 50
 *    concurrent autocannon clients, unpaced (each client sends its next
 *    request as soon as it has an answer: the saturation point), paced
 *    (each client one request per second, autocannon firing them together)
 *    and spread (the same rate with arrivals spread evenly, open loop).
 * 3. Runs Backstage Tech Insights with the json-rules-engine checker on the
 *    same estate and times its bulk check run against our org list and rollup.
 * 4. Scans 1,000 synthetic repositories on disk: a first cycle, a second with
 *    nothing changed, and the first cycle again with two replicas.
 * 5. Runs the full-size fault suite (`yarn bench:faults`).
 *
 * Prints a table and writes bench-results/bench-<timestamp>.json. Options:
 * --services N (10000), --scan-services N (1000), --scans N (12),
 * --duration S (15), --connections N (50), --rate R (1 request/s per paced
 * client), --peer-runs N (2), --quick (1,000 services, 100 scanned, 5 s),
 * --skip-scan, --skip-peer, --skip-faults, --keep (keep the databases).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DatabaseMlDebtStore } from '@ml-debt/plugin-ml-debt-backend';
import { Args } from './args';
import { BackendProcess, guestToken, startBackend } from './backend';
import { benchBackendConfig } from './config';
import { estateService } from './estate';
import { LoadResult, measure, measureSpread } from './load';
import { startPeer } from './peer/peer';
import { scanBench, ScanBenchResult } from './scanCycle';
import {
  defaultWorkDir,
  dropDatabases,
  pgClient,
  pgConnectionFromEnv,
  seed,
  SeedResult,
} from './seed';

const REPO_ROOT = resolvePackagePath('@ml-debt/bench', '../..');

interface Sequential {
  name: string;
  runs: number[];
  p50: number;
  bytes: number;
  status: number;
}

/** Times `runs` requests one after the other (one client). */
async function sequential(options: {
  name: string;
  url: string;
  token: string;
  runs: number;
  method?: 'GET' | 'POST';
  body?: string;
}): Promise<Sequential> {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    const res = await fetch(options.url, {
      method: options.method ?? 'GET',
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(options.body ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body,
    });
    const body = await res.arrayBuffer();
    times.push(performance.now() - started);
    bytes = body.byteLength;
    status = res.status;
    if (!res.ok) break;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name: options.name,
    runs: times.map(t => Math.round(t * 10) / 10),
    p50: Math.round(sorted[Math.floor((sorted.length - 1) / 2)] * 10) / 10,
    bytes,
    status,
  };
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100),
  };
}

async function main() {
  const args = new Args();
  const quick = args.has('quick');
  const services = args.number('services', quick ? 1_000 : 10_000);
  const scanServices = args.number(
    'scan-services',
    Math.min(quick ? 100 : 1_000, services),
  );
  const duration = args.number('duration', quick ? 5 : 15);
  const connections = args.number('connections', 50);
  const rate = args.number('rate', 1);
  const peerRuns = args.number('peer-runs', quick ? 3 : 2);
  const keep = args.has('keep');
  const connection = pgConnectionFromEnv();
  const stamp = Date.now();
  const prefix = `ml_debt_bench_${stamp}_`;
  const workDir = defaultWorkDir();
  const token = `bench-${stamp}-${Math.random().toString(36).slice(2)}`;
  const log = (message: string) =>
    process.stderr.write(
      `[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`,
    );
  const results: Record<string, unknown> = {
    startedAt: new Date(stamp).toISOString(),
    options: { services, scanServices, duration, connections, rate, peerRuns },
    machine: machine(),
  };
  const backends: BackendProcess[] = [];
  const stopAll = async () => {
    await Promise.all(backends.splice(0).map(b => b.stop()));
  };
  process.on('SIGINT', () => {
    stopAll().finally(() => process.exit(130));
  });

  try {
    const admin = pgClient(connection, 'postgres');
    results.postgres = (
      await admin.raw('show server_version')
    ).rows[0].server_version;
    await admin.destroy();

    // 1. The estate.
    const estateDb = `${prefix}estate`;
    log(
      `seeding ${services} services x ${args.number(
        'scans',
        12,
      )} scans into ${estateDb}`,
    );
    const seeded: SeedResult = await seed({
      connection,
      database: estateDb,
      services,
      scans: args.number('scans', 12),
      fullPayloadRuns: args.number('full-payload-runs', 1),
      failedShare: 0.01,
      workDir,
      log,
    });
    results.seed = seeded;
    log(`seeded in ${seeded.seconds.toFixed(1)} s`);

    // 2. The API under load.
    const api = await startBackend({
      name: 'api',
      port: 7200,
      workDir,
      config: benchBackendConfig({
        connection,
        pluginDatabase: estateDb,
        databasePrefix: `${prefix}api_`,
        port: 7200,
        token,
      }),
    });
    backends.push(api);
    const userToken = await guestToken(api.baseUrl);
    const probe = estateService(Math.floor(services * 0.4242));
    const [kind, rest] = probe.entityRef.split(':');
    const [namespace, name] = rest.split('/');
    const endpoints = [
      {
        key: 'orgList',
        name: 'org list (lifecycle=production, worst score first, page of 50)',
        path: '/api/ml-debt/scorecards?lifecycle=production&sort=score&order=asc&limit=50',
        targetP95: 50,
      },
      {
        key: 'orgRollup',
        name: 'org rollup (by owner)',
        path: '/api/ml-debt/rollups?groupBy=owner',
        targetP95: 100,
      },
      {
        key: 'scorecard',
        name: `one scorecard (${probe.name})`,
        path: `/api/ml-debt/scorecards/${kind}/${namespace}/${name}`,
        targetP95: 20,
      },
      {
        key: 'history',
        name: `its history (${probe.name})`,
        path: `/api/ml-debt/scorecards/${kind}/${namespace}/${name}/history`,
      },
    ];
    const single: Record<string, Sequential> = {};
    for (const e of endpoints) {
      single[e.key] = await sequential({
        name: e.name,
        url: `${api.baseUrl}${e.path}`,
        token: userToken,
        runs: 20,
      });
      if (single[e.key].status !== 200) {
        throw new Error(`${e.path} answered ${single[e.key].status}`);
      }
    }
    const unpaced: LoadResult[] = [];
    const paced: LoadResult[] = [];
    const spread: LoadResult[] = [];
    for (const e of endpoints) {
      log(`load: ${e.name}`);
      const target = {
        name: e.name,
        baseUrl: api.baseUrl,
        path: e.path,
        token: userToken,
        connections,
        durationSeconds: duration,
        targetP95: e.targetP95,
      };
      unpaced.push(await measure(target));
      paced.push(await measure({ ...target, ratePerClient: rate }));
      spread.push(await measureSpread({ ...target, ratePerClient: rate }));
    }
    // The rollup aggregation itself, without the cache, for the record.
    const db = pgClient(connection, estateDb);
    const uncachedStore = await DatabaseMlDebtStore.create({
      database: { getClient: async () => db },
      rollupCacheMs: 0,
    });
    const rollupTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await uncachedStore.getRollups('owner');
      rollupTimes.push(Math.round((performance.now() - started) * 10) / 10);
    }
    await db.destroy();
    results.api = {
      user: 'user:development/guest (guest sign-in; the permission policy decides every request)',
      singleClient: single,
      unpaced,
      paced,
      spread,
      uncachedRollupQueryMs: rollupTimes,
      backendPeakRssMiB: Math.round(api.peakRss() / 1024 / 1024),
    };

    // 3. The peer.
    const runPeer = async () => {
      log('starting the Tech Insights peer');
      const { peer, checks, factsLoadSeconds } = await startPeer({
        connection,
        factsDatabase: estateDb,
        databasePrefix: `${prefix}peer_`,
        port: 7230,
        token,
        workDir,
        services,
        log,
      });
      backends.push(peer);
      const bulk = await sequential({
        name: 'Tech Insights POST /checks/run, all entities',
        url: `${peer.baseUrl}/api/tech-insights/checks/run`,
        method: 'POST',
        body: JSON.stringify({ entities: [] }),
        token,
        runs: peerRuns,
      });
      // Ours under the same client setup: one client, one request at a time.
      const ours = {
        orgList: single.orgList,
        orgRollup: single.orgRollup,
      };
      results.peer = {
        product:
          '@backstage-community/plugin-tech-insights-backend + -module-jsonfc',
        versions: {
          backend:
            require('@backstage-community/plugin-tech-insights-backend/package.json')
              .version,
          jsonfc:
            require('@backstage-community/plugin-tech-insights-backend-module-jsonfc/package.json')
              .version,
        },
        entities: services,
        checks,
        factsLoadSeconds: Math.round(factsLoadSeconds * 10) / 10,
        bulkRun: bulk,
        peakRssMiB: Math.round(peer.peakRss() / 1024 / 1024),
        ratioVsOrgList: Math.round(bulk.p50 / ours.orgList.p50),
        ratioVsOrgRollup: Math.round(bulk.p50 / ours.orgRollup.p50),
        ratioVsOrgListPlusRollup: Math.round(
          bulk.p50 / (ours.orgList.p50 + ours.orgRollup.p50),
        ),
      };
      await peer.stop();
      backends.splice(backends.indexOf(peer), 1);
    };
    if (!args.has('skip-peer')) {
      try {
        await runPeer();
      } catch (error) {
        // The peer's failure is a result too; the rest of the bench goes on.
        results.peer = { error: String(error) };
        log(`Tech Insights peer failed: ${error}`);
        await Promise.all(backends.filter(b => b !== api).map(b => b.stop()));
        backends.splice(0, backends.length, api);
      }
    }
    await api.stop();
    backends.splice(backends.indexOf(api), 1);

    // 4. Scan cycles.
    if (!args.has('skip-scan')) {
      const scan: ScanBenchResult = await scanBench({
        connection,
        databasePrefix: prefix,
        services: scanServices,
        workDir,
        token,
        basePort: 7210,
        log,
      });
      results.scan = scan;
    }

    // 5. The full-size fault suite (the root package's bench:faults script).
    const rootScripts =
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'))
        .scripts ?? {};
    if (!args.has('skip-faults') && rootScripts['bench:faults']) {
      const command = 'yarn bench:faults';
      log(`fault suite: ${command}`);
      const started = performance.now();
      const run = spawnSync('bash', ['-c', command], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          // Its PostgreSQL cases use the test-database convention.
          BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:
            process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
            `postgresql://${connection.user}${
              connection.password ? `:${connection.password}` : ''
            }@${connection.host}:${connection.port}`,
        },
      });
      const output = `${run.stdout}\n${run.stderr}`.trim().split('\n');
      results.faults = {
        command,
        passed: run.status === 0,
        exitCode: run.status,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        summary: output.filter(l => /^Tests:|^Test Suites:/.test(l.trim())),
        tail: output.slice(-15),
      };
    }
  } finally {
    await stopAll();
    if (!keep) {
      const dropped = await dropDatabases(connection, prefix).catch(error => [
        `(could not drop: ${error})`,
      ]);
      log(`dropped ${dropped.length} databases`);
    }
  }

  results.finishedAt = new Date().toISOString();
  results.machineAfter = machine();
  const outDir = path.join(REPO_ROOT, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(
    outDir,
    `bench-${new Date(stamp).toISOString().replace(/[:.]/g, '-')}.json`,
  );
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${printTable(results)}\nResults: ${file}\n`);
}

function printTable(results: Record<string, any>): string {
  const lines: string[] = [];
  const m = results.machine;
  lines.push(
    `ML Debt Scorecards bench, ${results.startedAt}: ${m.cpus} cores (${
      m.cpuModel
    }), ${m.memoryGiB} GiB, PostgreSQL ${results.postgres}, Node ${
      m.node
    }, load ${m.loadAverage.join('/')}`,
  );
  const s = results.seed;
  lines.push(
    `Estate: ${s.services} services, ${s.scanRuns} scan runs, ${
      s.checkRows
    } check rows, seeded in ${s.seconds.toFixed(1)} s`,
  );
  const pad = (v: unknown, n: number) => String(v).padStart(n);
  const row = (r: LoadResult) =>
    `  ${r.name.padEnd(66)} ${pad(r.p50, 7)} ${pad(r.p95, 7)} ${pad(
      r.p99,
      7,
    )} ${pad(r.requestsPerSecond, 7)} ${pad(r.errors, 6)}  ${
      r.targetP95 === undefined
        ? ''
        : `p95<=${r.targetP95} ${r.pass ? 'PASS' : 'FAIL'}`
    }`;
  const header = `  ${'endpoint'.padEnd(66)} ${pad('p50 ms', 7)} ${pad(
    'p95 ms',
    7,
  )} ${pad('p99 ms', 7)} ${pad('req/s', 7)} ${pad('errors', 6)}  target`;
  const api = results.api;
  lines.push(
    `API, ${api.unpaced[0].connections} clients, unpaced (closed loop, each client's next request follows its answer):`,
    header,
    ...api.unpaced.map(row),
    `API, ${api.paced[0].connections} clients paced at ${api.paced[0].ratePerClient} request/s each, all together (autocannon: a burst of ${api.paced[0].connections} every second):`,
    header,
    ...api.paced.map(row),
    ...(api.spread
      ? [
          `API, ${api.spread[0].connections} clients at ${api.spread[0].ratePerClient} request/s each, arrivals spread evenly (open loop, latency from the time each request was due):`,
          header,
          ...api.spread.map(row),
        ]
      : []),
    `  one client, p50 ms: ${Object.values(api.singleClient)
      .map((x: any) => `${x.name.split(' (')[0]} ${x.p50}`)
      .join(
        ', ',
      )}; rollup aggregation uncached: ${api.uncachedRollupQueryMs.join(
      ', ',
    )} ms; API backend peak RSS ${api.backendPeakRssMiB} MiB`,
  );
  if (results.peer?.error) {
    lines.push(`Peer: Tech Insights FAILED: ${results.peer.error}`);
  } else if (results.peer) {
    const p = results.peer;
    lines.push(
      `Peer: Tech Insights ${p.versions.backend} + jsonfc ${p.versions.jsonfc}, ${p.entities} entities x ${p.checks} checks (facts loaded in ${p.factsLoadSeconds} s)`,
      `  bulk POST /checks/run, one client: ${p.bulkRun.runs.join(
        ', ',
      )} ms (p50 ${p.bulkRun.p50} ms, HTTP ${p.bulkRun.status}, ${(
        p.bulkRun.bytes / 1e6
      ).toFixed(1)} MB, peak RSS ${p.peakRssMiB} MiB)`,
      `  ratio (Tech Insights bulk run / ours, one client, p50): x${p.ratioVsOrgList} vs org list, x${p.ratioVsOrgRollup} vs org rollup, x${p.ratioVsOrgListPlusRollup} vs list + rollup`,
    );
  }
  if (results.scan) {
    const c = results.scan;
    const cycle = (x: any) =>
      `${x.cycleSeconds} s (${x.servicesPerSecond} services/s; ${
        x.newScanRuns
      } scan runs written; trigger to done ${
        x.wallSeconds
      } s; peak RSS ${Object.entries(x.peakRssMiB)
        .map(([k, v]) => `${k} ${v} MiB`)
        .join(', ')})`;
    lines.push(
      `Scan cycles over ${c.services} repositories on disk (${c.repoFiles} files each), concurrency 4 per replica:`,
      `  first cycle, one replica:        ${cycle(c.first)}`,
      `  second cycle, nothing changed:   ${cycle(c.second)}  -> ${(
        c.secondVsFirst * 100
      ).toFixed(1)}% of the first (target <= 10%: ${
        c.secondVsFirst <= 0.1 ? 'PASS' : 'FAIL'
      })`,
      `  first cycle, two replicas:       ${cycle(c.replicas)}  -> ${(
        c.replicasVsOne * 100
      ).toFixed(1)}% of one replica's time; per replica ${Object.values(
        c.replicas.perWorker,
      ).join(' + ')}`,
      `  each service scanned exactly once (from the database): ${
        c.scannedExactlyOnce
          ? 'PASS'
          : `FAIL (${c.duplicateScans} duplicated, ${c.missingScans} missing)`
      }`,
      `  backend lifetime peak RSS (VmHWM): ${Object.entries(
        c.lifetimePeakRssMiB,
      )
        .map(([k, v]) => `${k} ${v} MiB`)
        .join(', ')}`,
    );
  }
  if (results.faults) {
    lines.push(
      `Fault suite (${results.faults.command}): ${
        results.faults.passed ? 'PASS' : 'FAIL'
      } in ${results.faults.seconds} s`,
    );
  }
  return lines.join('\n');
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

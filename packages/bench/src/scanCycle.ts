import path from 'node:path';
import { Knex } from 'knex';
// The engine bench's repository generator, shared so that both benches scan
// the same kind of repository; it is not part of the package's API.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { ensureSyntheticRepos } from '@ml-debt/plugin-ml-debt-node/bench/syntheticRepos';
import { BackendProcess, startBackend } from './backend';
import { benchBackendConfig } from './config';
import { estateServices } from './estate';
import { PgConnection, pgClient, writeCatalogFile } from './seed';

const SCAN_TASK = 'ml-debt-scan';
const DRAIN_TASK = 'ml-debt-scan-drain';

/** One measured scan cycle. */
export interface CycleResult {
  label: string;
  replicas: number;
  services: number;
  /**
   * From the start of the cycle task (as the scheduler reports it: discovery,
   * enqueueing, scanning) until the last service of the cycle was done. The
   * scheduler's pick-up delay after the trigger is not included.
   */
  cycleSeconds: number;
  /** From the trigger until the last service of the cycle was done. */
  wallSeconds: number;
  /** From the cycle's enqueueing (after discovery) to its last completed claim, from the database. */
  scanSeconds: number;
  servicesPerSecond: number;
  /** Scan runs the cycle wrote (an unchanged source writes none). */
  newScanRuns: number;
  /** Services whose scorecard the cycle confirmed or rewrote. */
  checkedServices: number;
  /** Services scanned by each replica (from the queue's claims). */
  perWorker: Record<string, number>;
  /** Highest VmRSS sampled during the cycle, per backend process, MiB. */
  peakRssMiB: Record<string, number>;
}

export interface ScanBenchResult {
  services: number;
  repoFiles: number;
  generateSeconds: number;
  catalogReadySeconds: number;
  replicasCatalogReadySeconds: number;
  first: CycleResult;
  second: CycleResult;
  secondVsFirst: number;
  replicas: CycleResult;
  /** Every service has exactly one scan run after the two-replica cycle. */
  scannedExactlyOnce: boolean;
  duplicateScans: number;
  missingScans: number;
  replicasVsOne: number;
  /** VmHWM of each backend over its whole life (start-up, catalog, cycles), MiB. */
  lifetimePeakRssMiB: Record<string, number>;
}

function mib(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

async function post(backend: BackendProcess, url: string, token: string) {
  const res = await fetch(`${backend.baseUrl}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) {
    throw new Error(
      `POST ${url} on ${backend.name}: ${res.status} ${await res.text()}`,
    );
  }
}

/** When the cycle task started, if one of the backends reports it running. */
async function runningSince(
  backends: BackendProcess[],
  token: string,
): Promise<Date | undefined> {
  for (const backend of backends) {
    const res = await fetch(
      `${backend.baseUrl}/api/ml-debt/.backstage/scheduler/v1/tasks`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!res.ok) continue;
    const body = (await res.json()) as {
      tasks: Array<{
        taskId: string;
        taskState?: { status: string; startedAt?: string };
      }>;
    };
    const task = body.tasks.find(t => t.taskId === SCAN_TASK);
    if (task?.taskState?.status === 'running' && task.taskState.startedAt) {
      return new Date(task.taskState.startedAt);
    }
  }
  return undefined;
}

/** Waits until the catalog of `backend` holds `count` ML services. */
async function waitForCatalog(
  backend: BackendProcess,
  token: string,
  count: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while (Date.now() < deadline) {
    const res = await fetch(
      `${backend.baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (res.ok) {
      seen = ((await res.json()) as { totalItems: number }).totalItems;
      if (seen >= count) return;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `The catalog of ${backend.name} held ${seen} of ${count} services after ${timeoutMs} ms`,
  );
}

/** Waits for the start of the next cycle slot (one minute for a manually triggered schedule). */
async function nextSlot(): Promise<void> {
  const slot = 60_000;
  const wait = slot - (Date.now() % slot) + 250;
  await new Promise(r => setTimeout(r, wait));
}

/**
 * Triggers one scan cycle on `backends[0]` (and a drain on the others once
 * the cycle is enqueued), and waits until every service of the cycle is done.
 */
async function runCycle(options: {
  label: string;
  backends: BackendProcess[];
  token: string;
  db: Knex;
  services: number;
  timeoutMs: number;
}): Promise<CycleResult> {
  const { backends, token, db, services, label } = options;
  const runsBefore = Number((await db('scan_runs').count({ n: '*' }))[0].n);
  const peaks: Record<string, number> = {};
  const sample = () => {
    for (const b of backends)
      peaks[b.name] = Math.max(peaks[b.name] ?? 0, b.rss());
  };
  const sampler = setInterval(sample, 200);
  const knownCycles = new Set(
    (await db('scan_queue').distinct('cycle_id')).map(r => r.cycle_id),
  );
  const started = performance.now();
  const startedAt = new Date();
  try {
    await post(
      backends[0],
      `/api/ml-debt/.backstage/scheduler/v1/tasks/${SCAN_TASK}/trigger`,
      token,
    );
    let cycleId: string | undefined;
    let taskStartedAt: Date | undefined;
    const deadline = Date.now() + options.timeoutMs;
    let drained = false;
    for (;;) {
      if (Date.now() > deadline) {
        throw new Error(
          `Scan cycle ${label} did not finish in ${options.timeoutMs} ms`,
        );
      }
      if (!taskStartedAt) {
        taskStartedAt = await runningSince(backends, token);
      }
      if (!cycleId) {
        const rows = await db('scan_queue').distinct('cycle_id');
        cycleId = rows.map(r => r.cycle_id).find(id => !knownCycles.has(id));
      }
      if (cycleId) {
        if (!drained) {
          // The other replicas join now rather than at their next drain tick.
          for (const other of backends.slice(1)) {
            await post(
              other,
              `/api/ml-debt/.backstage/scheduler/v1/tasks/${DRAIN_TASK}/trigger`,
              token,
            ).catch(() => {
              // Already draining: fine.
            });
          }
          drained = true;
        }
        const [{ total, done }] = await db('scan_queue')
          .where('cycle_id', cycleId)
          .select(
            db.raw('count(*) as total'),
            db.raw(`sum(case when status = 'done' then 1 else 0 end) as done`),
          );
        if (Number(total) >= services && Number(done) === Number(total)) break;
      }
      await new Promise(r => setTimeout(r, 50));
    }
    const wallSeconds = (performance.now() - started) / 1000;
    sample();
    const runsAfter = Number((await db('scan_runs').count({ n: '*' }))[0].n);
    const checked = Number(
      (
        await db('scorecards')
          .where('checked_at', '>=', startedAt)
          .count({ n: '*' })
      )[0].n,
    );
    const [span] = await db('scan_queue')
      .where('cycle_id', cycleId!)
      .select(
        db.raw('min(enqueued_at) as first_enqueued'),
        db.raw('max(completed_at) as last_completed'),
      );
    const scanSeconds =
      (new Date(span.last_completed).getTime() -
        new Date(span.first_enqueued).getTime()) /
      1000;
    const cycleSeconds = taskStartedAt
      ? (new Date(span.last_completed).getTime() - taskStartedAt.getTime()) /
        1000
      : wallSeconds;
    const perWorker: Record<string, number> = {};
    for (const row of await db('scan_queue')
      .where('cycle_id', cycleId!)
      .groupBy('worker_id')
      .select('worker_id', db.raw('count(*) as n'))) {
      perWorker[row.worker_id] = Number(row.n);
    }
    return {
      label,
      replicas: backends.length,
      services,
      cycleSeconds: Math.round(cycleSeconds * 100) / 100,
      wallSeconds: Math.round(wallSeconds * 100) / 100,
      scanSeconds: Math.round(scanSeconds * 100) / 100,
      servicesPerSecond: Math.round((services / cycleSeconds) * 10) / 10,
      newScanRuns: runsAfter - runsBefore,
      checkedServices: checked,
      perWorker,
      peakRssMiB: Object.fromEntries(
        Object.entries(peaks).map(([k, v]) => [k, mib(v)]),
      ),
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The scan-cycle benchmark: `services` synthetic repositories on disk, their
 * entities in a real catalog (a `file` location), scanned by the product's
 * backend: a first cycle, a second with nothing changed, and a cycle of a
 * fresh database by two replicas at once.
 */
export async function scanBench(options: {
  connection: PgConnection;
  databasePrefix: string;
  services: number;
  workDir: string;
  token: string;
  basePort: number;
  log: (message: string) => void;
}): Promise<ScanBenchResult> {
  const { connection, databasePrefix, services, workDir, token, log } = options;
  const genStart = performance.now();
  const root = path.join(workDir, `scan-${services}x150`);
  const { dirs } = ensureSyntheticRepos(root, services, 150);
  const generateSeconds = (performance.now() - genStart) / 1000;
  const estate = estateServices(services);
  const catalogFile = path.join(workDir, `scan-catalog-${services}.yaml`);
  writeCatalogFile({ file: catalogFile, services: estate, sourceDirs: dirs });
  log(`${services} repositories ready in ${generateSeconds.toFixed(1)} s`);

  const lifetime: Record<string, number> = {};
  const start = (
    name: string,
    port: number,
    database: string,
    initialDelaySeconds?: number,
  ) =>
    startBackend({
      name,
      port,
      workDir,
      config: benchBackendConfig({
        connection,
        pluginDatabase: database,
        databasePrefix: `${database}_`,
        port,
        token,
        catalogFile,
        localRoots: [root],
        initialDelaySeconds,
      }),
    });

  /**
   * Fills the catalog of a fresh set of databases, then starts the measured
   * backends on them. The first start registers the cycle task 20 days out,
   * so it never runs by itself; the restarted backends keep that (Backstage
   * keeps a registered task's next run) but pick up triggers after 2 s.
   */
  async function prepare(database: string, names: string[], port: number) {
    const loader = await start(`${names[0]}-catalog`, port, database);
    const catalogStart = performance.now();
    try {
      await waitForCatalog(loader, token, services, 15 * 60_000);
    } finally {
      await loader.stop();
    }
    const seconds = (performance.now() - catalogStart) / 1000;
    const backends: BackendProcess[] = [];
    for (const [i, name] of names.entries()) {
      backends.push(await start(name, port + i, database, 2));
    }
    for (const b of backends) {
      await waitForCatalog(b, token, services, 5 * 60_000);
    }
    // Past the initial delay, so that a trigger is picked up at once.
    await new Promise(r => setTimeout(r, 3000));
    return { backends, catalogSeconds: seconds };
  }

  // One replica: a first cycle, then one with nothing changed.
  const single = `${databasePrefix}scan1`;
  const prepared = await prepare(single, ['scan-1'], options.basePort);
  const one = prepared.backends[0];
  const catalogReadySeconds = prepared.catalogSeconds;
  log(
    `catalog held ${services} services after ${catalogReadySeconds.toFixed(
      1,
    )} s`,
  );
  let first: CycleResult;
  let second: CycleResult;
  try {
    const db = pgClient(connection, single);
    try {
      first = await runCycle({
        label: 'first cycle',
        backends: [one],
        token,
        db,
        services,
        timeoutMs: 30 * 60_000,
      });
      log(`first cycle: ${first.wallSeconds} s`);
      await nextSlot();
      second = await runCycle({
        label: 'second cycle, nothing changed',
        backends: [one],
        token,
        db,
        services,
        timeoutMs: 30 * 60_000,
      });
      log(`second cycle: ${second.wallSeconds} s`);
    } finally {
      await db.destroy();
    }
  } finally {
    lifetime[one.name] = mib(one.peakRss());
    await one.stop();
  }

  // Two replicas on one fresh database.
  const shared = `${databasePrefix}scan2`;
  const pair = await prepare(
    shared,
    ['replica-a', 'replica-b'],
    options.basePort + 1,
  );
  const [a, b] = pair.backends;
  let replicas: CycleResult;
  let duplicates = 0;
  let missing = 0;
  try {
    try {
      const db = pgClient(connection, shared);
      try {
        replicas = await runCycle({
          label: 'first cycle, two replicas',
          backends: [a, b],
          token,
          db,
          services,
          timeoutMs: 30 * 60_000,
        });
        log(`two replicas: ${replicas.wallSeconds} s`);
        // Exactly once, from the database: one scan run per service.
        const counts = await db('scan_runs')
          .groupBy('entity_ref')
          .select('entity_ref', db.raw('count(*) as n'));
        duplicates = counts.filter(r => Number(r.n) > 1).length;
        missing = services - counts.length;
      } finally {
        await db.destroy();
      }
    } finally {
      lifetime[b.name] = mib(b.peakRss());
      await b.stop();
    }
  } finally {
    lifetime[a.name] = mib(a.peakRss());
    await a.stop();
  }

  return {
    services,
    repoFiles: 150,
    generateSeconds: Math.round(generateSeconds * 10) / 10,
    catalogReadySeconds: Math.round(catalogReadySeconds * 10) / 10,
    replicasCatalogReadySeconds: Math.round(pair.catalogSeconds * 10) / 10,
    first,
    second,
    secondVsFirst:
      Math.round((second.wallSeconds / first.wallSeconds) * 1000) / 1000,
    replicas,
    scannedExactlyOnce: duplicates === 0 && missing === 0,
    duplicateScans: duplicates,
    missingScans: missing,
    replicasVsOne:
      Math.round((replicas.wallSeconds / first.wallSeconds) * 1000) / 1000,
    lifetimePeakRssMiB: lifetime,
  };
}

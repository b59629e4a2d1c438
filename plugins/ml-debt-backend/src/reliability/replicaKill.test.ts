import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { isMlService } from '@ml-debt/plugin-ml-debt-common';
import { Knex } from 'knex';
import { examplesDir, startMlDebt } from '../__testUtils__/backend';
import { DRAIN_TASK_ID } from '../scan';
import {
  demoEstate,
  ESTATE_COPIES,
  FULL_SIZE,
  reportResult,
  waitFor,
} from './__testUtils__/fixtures';

// A replica killed mid-cycle: a second backend in a child process (its own
// connection pool, scheduler and clock) starts a cycle on the shared
// PostgreSQL, claims services and is SIGKILLed while it holds claims. The
// surviving replica leaves those claims alone until their lease expires, then
// takes them over; every ML service ends up scanned exactly once in the
// cycle. Multi-replica deployments need PostgreSQL, so this runs there only.
jest.setTimeout(FULL_SIZE ? 600_000 : 120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const postgres = databases.eachSupportedId();

if (postgres.length === 0) {
  // eslint-disable-next-line no-console
  console.warn(
    'Replica-kill test SKIPPED in reliability/replicaKill.test.ts: it needs PostgreSQL; set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
  );
}

const SCAN_TIMEOUT_S = 3;
/** The lease is twice the per-service timeout (see readScanOptions). */
const LEASE_MS = 2 * SCAN_TIMEOUT_S * 1000;
const mlDebtConfig = {
  schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
  scan: {
    timeout: { seconds: SCAN_TIMEOUT_S },
    concurrency: FULL_SIZE ? 4 : 2,
  },
  sources: { localRoots: [examplesDir] },
};
const mlRefs = demoEstate(ESTATE_COPIES)
  .filter(e => isMlService(e))
  .map(e => `component:default/${e.metadata.name}`)
  .sort();

async function runsPerService(knex: Knex) {
  const rows: Array<{ entity_ref: string; count: string | number }> =
    await knex('scan_runs')
      .select('entity_ref')
      .count({ count: '*' })
      .groupBy('entity_ref');
  return Object.fromEntries(rows.map(r => [r.entity_ref, Number(r.count)]));
}

function startChildReplica(knex: Knex, slowMs: number): ChildProcess {
  const script = path.join(__dirname, '__testUtils__', 'replicaProcess.ts');
  const child = spawn(
    process.execPath,
    ['--require', '@backstage/cli/config/nodeTransform.cjs', script],
    {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        ...process.env,
        ML_DEBT_REPLICA_DB: JSON.stringify(knex.client.config.connection),
        ML_DEBT_REPLICA_CONFIG: JSON.stringify(mlDebtConfig),
        ML_DEBT_REPLICA_SLOW_MS: String(slowMs),
        ML_DEBT_REPLICA_WORKER: 'replica-child',
        ML_DEBT_REPLICA_COPIES: String(ESTATE_COPIES),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  child.stderr!.on('data', chunk => {
    // eslint-disable-next-line no-console
    console.warn(`child replica: ${chunk}`);
  });
  return child;
}

(postgres.length ? describe.each(postgres) : describe.skip.each([['none']]))(
  'a replica killed mid-cycle on %s',
  databaseId => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
    });

    it('has its claims taken over after the lease, and every service is scanned once', async () => {
      expect(mlRefs.length).toBeGreaterThanOrEqual(10);
      const knex = await databases.init(databaseId as 'POSTGRES_15');

      // The survivor runs migrations first, so the child finds the schema.
      const survivor = await startMlDebt({
        knex,
        entities: demoEstate(ESTATE_COPIES),
        workerId: 'replica-survivor',
        config: mlDebtConfig,
      });
      try {
        child = startChildReplica(knex, 1_200);
        const exited = new Promise<number | null>(resolve =>
          child!.once('exit', (_code, signal) =>
            resolve(signal ? 0 : child!.exitCode),
          ),
        );

        // Kill it once it has finished some services and holds claims on
        // others.
        const byChild = () =>
          knex('scan_queue')
            .where({ worker_id: 'replica-child' })
            .select('entity_ref', 'status');
        await waitFor(async () => {
          const rows = await byChild();
          return (
            rows.filter(r => r.status === 'done').length >= 2 &&
            rows.some(r => r.status === 'claimed')
          );
        }, 60_000);
        child.kill('SIGKILL');
        await exited;
        const killedAt = Date.now();

        const atKill = await byChild();
        const doneByChild = atKill
          .filter(r => r.status === 'done')
          .map(r => r.entity_ref);
        const orphaned = atKill
          .filter(r => r.status === 'claimed')
          .map(r => r.entity_ref);
        const [{ cycle_id: cycleId }] = await knex('scan_queue')
          .distinct('cycle_id')
          .select('cycle_id');
        expect(orphaned.length).toBeGreaterThan(0);

        // Before the lease expires the survivor does the pending work only.
        await survivor.scheduler.triggerTask(DRAIN_TASK_ID);
        const early = await runsPerService(knex);
        for (const ref of orphaned) expect(early[ref]).toBeUndefined();
        const stillClaimed = await knex('scan_queue')
          .whereIn('entity_ref', orphaned)
          .select('status', 'worker_id');
        expect(
          stillClaimed.every(
            r => r.status === 'claimed' && r.worker_id === 'replica-child',
          ),
        ).toBe(true);
        const earlyElapsed = Date.now() - killedAt;

        // After it, the survivor takes the orphaned claims over.
        await new Promise(resolve =>
          setTimeout(resolve, Math.max(0, LEASE_MS + 500 - earlyElapsed)),
        );
        await survivor.scheduler.triggerTask(DRAIN_TASK_ID);

        expect(await runsPerService(knex)).toEqual(
          Object.fromEntries(mlRefs.map(ref => [ref, 1])),
        );
        const queue = await knex('scan_queue')
          .where({ cycle_id: cycleId })
          .select('entity_ref', 'status', 'worker_id');
        expect(queue.map(r => r.entity_ref).sort()).toEqual(mlRefs);
        expect(queue.every(r => r.status === 'done')).toBe(true);
        for (const row of queue) {
          expect({ ref: row.entity_ref, worker: row.worker_id }).toEqual({
            ref: row.entity_ref,
            worker: doneByChild.includes(row.entity_ref)
              ? 'replica-child'
              : 'replica-survivor',
          });
        }
        const failed = await knex('scan_runs').where({ status: 'failed' });
        expect(failed).toEqual([]);
        const takeoverMs = Date.now() - killedAt;
        reportResult(
          `replica-kill-${databaseId}`,
          `child replica finished ${doneByChild.length} and held ${orphaned.length} claims at SIGKILL; the survivor took them over ${takeoverMs} ms later (lease ${LEASE_MS} ms); ${mlRefs.length} services scanned exactly once`,
          {
            database: databaseId,
            services: mlRefs.length,
            doneByChild: doneByChild.length,
            orphanedClaims: orphaned.length,
            takeoverMs,
            leaseMs: LEASE_MS,
          },
        );
      } finally {
        await survivor.backend.stop();
      }
    });
  },
);

import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { isMlService } from '@ml-debt/plugin-ml-debt-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { startMlDebt } from '../__testUtils__/backend';
import { DRAIN_TASK_ID, SCAN_TASK_ID } from '../scan';
import {
  demoEstate,
  ESTATE_COPIES,
  FULL_SIZE,
  reportResult,
  waitFor,
} from './__testUtils__/fixtures';
import { PrivatePostgres } from './__testUtils__/privatePostgres';

// PostgreSQL restarted (pg_ctl restart -m fast) in the middle of a scan
// cycle. The server is a private PostgreSQL 15 of this test's own on port
// 5499, never the machine's shared one. The cycle fails or carries on
// cleanly, the next cycle completes, the API answers again, and no stored
// scorecard or scan run is partial: every scorecard points at a complete,
// successful run with the same score and per-check rows matching its results.
jest.setTimeout(FULL_SIZE ? 600_000 : 180_000);

const PORT = 5499;
const HOUR = 3_600_000;
const pgCi = Boolean(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
);

const estate = (): Entity[] => demoEstate(ESTATE_COPIES);
const mlRefs = estate()
  .filter(e => isMlService(e))
  .map(e => `component:default/${e.metadata.name}`)
  .sort();

/**
 * Every stored scorecard is whole: it points at a successful run of its own
 * service with the same score and grade, that run has its scorecard and
 * results, the per-check rows are exactly its results; and every run is
 * either a complete success or a failure with its error.
 */
async function expectNothingPartial(knex: Knex) {
  const runs = await knex('scan_runs').select('*');
  for (const run of runs) {
    if (run.status === 'succeeded') {
      expect({
        id: run.id,
        score: typeof run.score,
        grade: run.grade,
        scorecard: typeof JSON.parse(run.scorecard),
        results: Array.isArray(JSON.parse(run.results)),
      }).toEqual({
        id: run.id,
        score: 'number',
        grade: expect.stringMatching(/^[A-F]$/),
        scorecard: 'object',
        results: true,
      });
    } else {
      expect({ id: run.id, status: run.status, score: run.score }).toEqual({
        id: run.id,
        status: 'failed',
        score: null,
      });
      expect(run.error).toEqual(expect.any(String));
    }
  }
  const byId = new Map(runs.map(run => [run.id, run]));
  const scorecards = await knex('scorecards').select('*');
  for (const card of scorecards) {
    const run = byId.get(card.scan_id);
    expect({
      ref: card.entity_ref,
      run: run && {
        ref: run.entity_ref,
        status: run.status,
        score: Number(run.score),
        grade: run.grade,
      },
    }).toEqual({
      ref: card.entity_ref,
      run: {
        ref: card.entity_ref,
        status: 'succeeded',
        score: Number(card.score),
        grade: card.grade,
      },
    });
    const results: Array<{ id: string; status: string }> = JSON.parse(
      run.results,
    );
    const checks = await knex('scorecard_checks')
      .where({ entity_ref: card.entity_ref })
      .select('check_id', 'status');
    expect(checks.map(c => `${c.check_id}=${c.status}`).sort()).toEqual(
      results.map(r => `${r.id}=${r.status}`).sort(),
    );
  }
  const orphans = await knex('scorecard_checks')
    .whereNotIn('entity_ref', knex('scorecards').select('entity_ref'))
    .count({ count: '*' });
  expect(Number(orphans[0].count)).toBe(0);
}

/**
 * The catalog, with a gate its entity lookups (the first step of every scan)
 * wait at after the first `openFor` of them: holds the cycle mid-way with
 * scans in flight.
 */
function gatedCatalog(entities: Entity[], openFor: number) {
  const base = catalogServiceMock({ entities });
  let calls = 0;
  let waiting = 0;
  let release!: () => void;
  const gate = new Promise<void>(resolve => {
    release = resolve;
  });
  const catalog = new Proxy(base, {
    get(target, property) {
      if (property === 'getEntityByRef') {
        return async (
          ...args: Parameters<CatalogService['getEntityByRef']>
        ) => {
          if (++calls > openFor) {
            waiting++;
            await gate;
          }
          return target.getEntityByRef(...args);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as CatalogService;
  return {
    catalog,
    release,
    get waiting() {
      return waiting;
    },
  };
}

describe('PostgreSQL restarted during a scan cycle', () => {
  let pg: PrivatePostgres | undefined;
  let knex: Knex | undefined;
  let skipped: string | undefined;

  beforeAll(async () => {
    skipped = pgCi
      ? await PrivatePostgres.unavailable(PORT)
      : 'the PostgreSQL test path is off (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set)';
    if (skipped) {
      // eslint-disable-next-line no-console
      console.warn(
        `PostgreSQL restart test SKIPPED in reliability/postgresRestart.test.ts: ${skipped}`,
      );
      return;
    }
    pg = new PrivatePostgres(PORT);
    pg.start();
    const admin = knexFactory({ client: 'pg', connection: pg.connection });
    await admin.raw('CREATE DATABASE ml_debt_restart');
    await admin.destroy();
    knex = knexFactory({
      client: 'pg',
      connection: { ...pg.connection, database: 'ml_debt_restart' },
    });
  });

  afterAll(async () => {
    await knex?.destroy();
    pg?.destroy();
  });

  it('fails or retries the cycle cleanly, completes the next, and stores nothing partial', async () => {
    if (skipped || !pg || !knex) return;
    expect(mlRefs.length).toBeGreaterThanOrEqual(10);

    let offsetMs = 0;
    const gated = gatedCatalog(estate(), 4);
    const { server, runCycle, backend, scheduler } = await startMlDebt({
      knex,
      catalog: gated.catalog,
      clock: () => new Date(Date.now() + offsetMs),
      config: {
        scan: { concurrency: FULL_SIZE ? 4 : 2, timeout: { seconds: 30 } },
      },
    });
    try {
      // Cycle 1: four scans go through, then two are held in flight while
      // the server restarts under them.
      // The mock scheduler, like the real one, swallows a task's error;
      // waitForTask reports it.
      // (The mock's waitForTask is not in its declared type.)
      const mockScheduler = scheduler as unknown as {
        waitForTask(id: string): Promise<void>;
      };
      const cycle1 = mockScheduler.waitForTask(SCAN_TASK_ID).then(
        () => 'completed',
        (error: Error) => `failed (${error.message})`,
      );
      const triggered = runCycle();
      await waitFor(() => gated.waiting >= 2, 60_000);
      const before = await knex('scan_runs').count({ count: '*' });
      pg.restart();
      gated.release();
      const outcome1 = await cycle1;
      await triggered;
      const cycle1Runs = await knex('scan_runs').select('entity_ref', 'status');
      await expectNothingPartial(knex);
      // Whatever the cycle got to: a service is done in its queue only with
      // a recorded run, and the rest are left for their leases to expire.
      const queue1 = await knex('scan_queue').select('entity_ref', 'status');
      expect(queue1.length).toBe(mlRefs.length);
      const recorded = new Set(cycle1Runs.map(r => r.entity_ref));
      expect(
        queue1.filter(r => r.status === 'done' && !recorded.has(r.entity_ref)),
      ).toEqual([]);
      // A cycle that reports completion left nothing behind.
      const leftBehind = queue1.filter(r => r.status !== 'done');
      expect(outcome1 === 'completed' ? leftBehind : []).toEqual([]);

      // The replica's drain task (every 30 s) picks up what the failed cycle
      // had not claimed; only the claims held when it failed wait for their
      // lease.
      await scheduler.triggerTask(DRAIN_TASK_ID);
      const drained = await knex('scan_queue').select('entity_ref', 'status');
      const drainedRuns = await knex('scan_runs').count({ count: '*' });
      expect(drained.filter(r => r.status === 'pending')).toEqual([]);
      const heldClaims = drained.filter(r => r.status === 'claimed');
      expect(heldClaims.length).toBeLessThanOrEqual(FULL_SIZE ? 4 : 2);
      await expectNothingPartial(knex);

      // Cycle 2, in the next hourly slot: completes.
      offsetMs += HOUR;
      const cycle2Start = new Date(Date.now() + offsetMs);
      await runCycle();
      await expectNothingPartial(knex);
      const cards = await knex('scorecards')
        .select('entity_ref', 'scanned_at')
        .orderBy('entity_ref');
      expect(cards.map(c => c.entity_ref)).toEqual(mlRefs);
      const lastRuns = await knex('scan_runs')
        .where('finished_at', '>=', cycle2Start)
        .select('entity_ref', 'status');
      // Every service has a successful run: of cycle 2, or an earlier one it
      // was unchanged since.
      const allRuns = await knex('scan_runs').select('entity_ref', 'status');
      const succeeded = new Set(
        allRuns.filter(r => r.status === 'succeeded').map(r => r.entity_ref),
      );
      expect(mlRefs.filter(ref => !succeeded.has(ref))).toEqual([]);
      for (const ref of mlRefs) {
        const [last] = await knex('scan_runs')
          .where({ entity_ref: ref })
          .orderBy('finished_at', 'desc')
          .limit(1);
        expect({ ref, status: last.status }).toEqual({
          ref,
          status: 'succeeded',
        });
      }
      const queue2 = await knex('scan_queue')
        .where('enqueued_at', '>=', cycle2Start)
        .select('status');
      expect(queue2.length).toBe(mlRefs.length);
      expect(queue2.every(r => r.status === 'done')).toBe(true);

      // The API answers again, with every service.
      const list = await request(server).get(
        '/api/ml-debt/scorecards?limit=50',
      );
      expect(list.status).toBe(200);
      expect(list.body.totalCount).toBe(mlRefs.length);

      const failedRuns = cycle1Runs.filter(r => r.status === 'failed').length;
      reportResult(
        'postgres-restart',
        `cycle 1 ${outcome1.replace(/\(.* - /, '(')} after ${Number(
          before[0].count,
        )} of ${
          mlRefs.length
        } services, ${failedRuns} failed runs recorded; cycle 2 completed (${
          lastRuns.length
        } runs); the drain task had finished the failed cycle but for ${
          heldClaims.length
        } claims held at the failure (${Number(
          drainedRuns[0].count,
        )} runs); no partial scorecard or run`,
        {
          services: mlRefs.length,
          cycle1: outcome1,
          runsBeforeRestart: Number(before[0].count),
          cycle1Runs: cycle1Runs.length,
          cycle1FailedRuns: failedRuns,
          cycle2Runs: lastRuns.length,
          heldClaimsAfterDrain: heldClaims.length,
          runsAfterDrain: Number(drainedRuns[0].count),
        },
      );
    } finally {
      gated.release();
      await backend.stop();
    }
  });
});

import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { isMlService } from '@ml-debt/plugin-ml-debt-common';
import { Knex } from 'knex';
import { DEMO_REPOS, demoEntity, startMlDebt } from '../__testUtils__/backend';
import { DRAIN_TASK_ID, SCAN_TASK_ID } from './ScanCoordinator';

// Several backend replicas on one PostgreSQL share a scan cycle: every ML
// service is scanned exactly once, and the services a replica had claimed
// when it went away are scanned by another once the claims expire. SQLite
// has a single writer and is not a multi-replica deployment, so these run on
// PostgreSQL only.
jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const postgres = databases.eachSupportedId();

if (postgres.length === 0) {
  // eslint-disable-next-line no-console
  console.warn(
    'Two-replica scan tests SKIPPED in replicas.test.ts: they need PostgreSQL; set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
  );
}

/** The demo estate: ten ML services and two components to ignore. */
const estate = (): Entity[] => DEMO_REPOS.map(demoEntity);
const mlRefs = estate()
  .filter(e => isMlService(e))
  .map(e => `component:default/${e.metadata.name}`)
  .sort();

/** Scan runs per service, as stored. */
async function scansPerService(knex: Knex): Promise<Record<string, number>> {
  const rows: Array<{ entity_ref: string; count: string | number }> =
    await knex('scan_runs')
      .select('entity_ref')
      .count({ count: '*' })
      .groupBy('entity_ref');
  return Object.fromEntries(
    rows.map(row => [String(row.entity_ref), Number(row.count)]),
  );
}

const once = () => Object.fromEntries(mlRefs.map(ref => [ref, 1]));

(postgres.length ? describe.each(postgres) : describe.skip.each([['none']]))(
  'two replicas on %s',
  databaseId => {
    const stops: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (stops.length) await stops.pop()!();
    });

    async function replica(
      knex: Knex,
      options: Partial<Parameters<typeof startMlDebt>[0]> = {},
    ) {
      const started = await startMlDebt({
        knex,
        entities: estate(),
        ...options,
      });
      let stopped = false;
      const stop = async () => {
        if (!stopped) {
          stopped = true;
          await started.backend.stop();
        }
      };
      stops.push(stop);
      return { ...started, stop };
    }

    it('scans every ML service exactly once when both start the same cycle', async () => {
      expect(mlRefs).toHaveLength(10);
      const knex = await databases.init(databaseId as 'POSTGRES_15');
      const a = await replica(knex, { workerId: 'replica-a' });
      const b = await replica(knex, { workerId: 'replica-b' });

      await Promise.all([
        a.scheduler.triggerTask(SCAN_TASK_ID),
        b.scheduler.triggerTask(SCAN_TASK_ID),
      ]);

      expect(await scansPerService(knex)).toEqual(once());
      const queue = await knex('scan_queue').select('cycle_id', 'status');
      expect(new Set(queue.map(row => row.cycle_id)).size).toBe(1);
      expect(queue.map(row => row.status)).toEqual(mlRefs.map(() => 'done'));
    });

    it('lets the other replica finish the services a stopped replica had claimed', async () => {
      const knex = await databases.init(databaseId as 'POSTGRES_15');
      // Replica B's scans hang in the catalog, so it holds its claims when it
      // goes away, as a replica that crashes mid-cycle would.
      const hanging = catalogServiceMock({ entities: estate() });
      const catalog = new Proxy(hanging, {
        get(target, property) {
          if (property === 'getEntityByRef') {
            return () => new Promise(() => {});
          }
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as CatalogService;
      const b = await replica(knex, { workerId: 'replica-b', catalog });
      // Replica A's clock runs past B's leases (twice the default 5-minute
      // per-service timeout), as the real one would after the wait.
      let offsetMs = 0;
      const a = await replica(knex, {
        workerId: 'replica-a',
        clock: () => new Date(Date.now() + offsetMs),
      });

      const cycle = b.scheduler.triggerTask(SCAN_TASK_ID);
      let claimed: string[] = [];
      while (claimed.length === 0) {
        claimed = (
          await knex('scan_queue')
            .where({ worker_id: 'replica-b', status: 'claimed' })
            .select('entity_ref')
        ).map(row => row.entity_ref);
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      await b.stop();
      await cycle;

      // Before the leases expire, A leaves B's claims alone...
      await a.scheduler.triggerTask(DRAIN_TASK_ID);
      const early = await scansPerService(knex);
      for (const ref of claimed) {
        expect(early[ref]).toBeUndefined();
      }
      // ...and once they have, it takes them over.
      offsetMs = 11 * 60_000;
      await a.scheduler.triggerTask(DRAIN_TASK_ID);

      expect(claimed.length).toBeGreaterThan(0);
      expect(await scansPerService(knex)).toEqual(once());
      const statuses = await knex('scan_queue').select('status', 'worker_id');
      expect(statuses.every(row => row.status === 'done')).toBe(true);
      expect(statuses.every(row => row.worker_id === 'replica-a')).toBe(true);
    });
  },
);

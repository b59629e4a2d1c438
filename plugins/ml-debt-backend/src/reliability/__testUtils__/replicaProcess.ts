/*
 * A second backend replica in its own process, for replicaKill.test.ts.
 *
 * Started with `node --require @backstage/cli/config/nodeTransform.cjs`, it
 * runs the ml-debt plugin on the PostgreSQL database named in
 * ML_DEBT_REPLICA_DB (a knex connection as JSON), with its own connection
 * pool, scheduler and clock, and starts a scan cycle. Its catalog answers
 * entity lookups after ML_DEBT_REPLICA_SLOW_MS, so that each of its scans
 * takes that long and the parent can kill it while it holds claims. It
 * prints `cycle-started` when the cycle starts, and exits only when killed or
 * when its parent's IPC channel closes.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import { catalogFactory } from '../../__testUtils__/backend';
import { createMlDebtPlugin } from '../../plugin';
import { SCAN_TASK_ID } from '../../scan';
import { demoEstate } from './fixtures';

// Never outlive the test that started it, even if that is killed.
process.on('disconnect', () => process.exit(0));

async function main() {
  const connection = JSON.parse(process.env.ML_DEBT_REPLICA_DB ?? 'null');
  const mlDebt = JSON.parse(process.env.ML_DEBT_REPLICA_CONFIG ?? '{}');
  const slowMs = Number(process.env.ML_DEBT_REPLICA_SLOW_MS ?? '1000');
  const workerId = process.env.ML_DEBT_REPLICA_WORKER ?? 'replica-child';
  if (!connection) throw new Error('ML_DEBT_REPLICA_DB is not set');

  const knex = knexFactory({ client: 'pg', connection });
  const copies = Number(process.env.ML_DEBT_REPLICA_COPIES ?? '1');
  const base = catalogServiceMock({ entities: demoEstate(copies) });
  const catalog = new Proxy(base, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === 'getEntityByRef') {
        return async (
          ...args: Parameters<CatalogService['getEntityByRef']>
        ) => {
          await new Promise(resolve => setTimeout(resolve, slowMs));
          return target.getEntityByRef(...args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as CatalogService;

  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & { factory(options?: { skipTaskRunOnStartup?: boolean }): any };
  await startTestBackend({
    features: [
      createMlDebtPlugin({ workerId }),
      catalogFactory(catalog),
      mockServices.database.factory({ knex }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({ data: { mlDebt } }),
    ],
  });
  process.stdout.write('cycle-started\n');
  await scheduler.triggerTask(SCAN_TASK_ID);
  process.stdout.write('cycle-finished\n');
}

main().catch(error => {
  process.stderr.write(`replica failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});

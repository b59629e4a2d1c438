import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { BackendProcess, startBackend } from '../backend';
import { measure, LoadResult } from '../load';
import { PgConnection, pgClient } from '../seed';
import { techInsightsChecks } from './facts';

export interface PeerResult {
  entities: number;
  checks: number;
  /** Time for Tech Insights' own fact retriever run to store the facts. */
  factsLoadSeconds: number;
  /** POST /checks/run for all entities, one client, sequential requests. */
  bulkRun: LoadResult;
  peakRssMiB: number;
}

/**
 * Starts the Tech Insights peer on its own PostgreSQL database, lets its
 * fact retriever load the facts of the seeded estate, and times its bulk
 * `POST /api/tech-insights/checks/run` for all entities.
 */
export async function startPeer(options: {
  connection: PgConnection;
  /** The seeded ml-debt database the facts come from. */
  factsDatabase: string;
  databasePrefix: string;
  port: number;
  token: string;
  workDir: string;
  services: number;
  log: (message: string) => void;
}): Promise<{
  peer: BackendProcess;
  checks: number;
  factsLoadSeconds: number;
}> {
  const { connection, port, token } = options;
  const checks = techInsightsChecks();
  const started = performance.now();
  const peer = await startBackend({
    name: 'tech-insights',
    port,
    workDir: options.workDir,
    baseConfig: false,
    entry: resolvePackagePath('@ml-debt/bench', 'src/peer/backend.ts'),
    config: {
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: {
          client: 'pg',
          connection: { ...connection },
          prefix: options.databasePrefix,
        },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'ml-debt-bench' } },
          ],
        },
      },
      techInsights: {
        factRetrievers: {
          mlDebtChecks: {
            // Once, one second after start; then yearly.
            cadence: '0 0 1 1 *',
            initialDelay: { seconds: 1 },
            lifecycle: { maxItems: 1 },
            timeout: { minutes: 30 },
          },
        },
        factChecker: { checks },
      },
      mlDebtBench: {
        factsFrom: { ...connection, database: options.factsDatabase },
      },
    },
  });
  const db = pgClient(connection, `${options.databasePrefix}tech-insights`);
  try {
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const [{ n }] = await db('facts').countDistinct({ n: 'entity' });
      if (Number(n) >= options.services) break;
      if (Date.now() > deadline) {
        throw new Error(
          `Tech Insights stored facts of ${n} of ${options.services} services in time`,
        );
      }
      await new Promise(r => setTimeout(r, 500));
    }
  } finally {
    await db.destroy();
  }
  const factsLoadSeconds = (performance.now() - started) / 1000;
  options.log(
    `Tech Insights holds facts of ${
      options.services
    } services after ${factsLoadSeconds.toFixed(1)} s`,
  );
  return { peer, checks: Object.keys(checks).length, factsLoadSeconds };
}

/** One bulk run of every check for every entity: the request behind a Tech Insights org view. */
export async function measureBulkRun(options: {
  peer: BackendProcess;
  token: string;
  connections: number;
  durationSeconds: number;
}): Promise<LoadResult> {
  return measure({
    name: 'Tech Insights POST /checks/run (all entities)',
    baseUrl: options.peer.baseUrl,
    path: '/api/tech-insights/checks/run',
    method: 'POST',
    body: JSON.stringify({ entities: [] }),
    token: options.token,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: 0,
  });
}

import { PgConnection } from './seed';

/**
 * Configuration laid over the repository's app-config.yaml when the bench
 * runs packages/backend: PostgreSQL (the seeded database for the ml-debt
 * plugin, fresh prefixed databases for the others), a static access token
 * for the load clients and the scheduler triggers, guest sign-in outside
 * development, and a scan schedule that only runs when triggered, so that no
 * cycle starts (and marks services missing from an empty catalog as removed)
 * in the middle of a measurement.
 */
export function benchBackendConfig(options: {
  connection: PgConnection;
  /** The database of the ml-debt plugin (the seeded one). */
  pluginDatabase: string;
  /** Prefix of every other plugin's database. */
  databasePrefix: string;
  port: number;
  token?: string;
  catalogFile?: string;
  localRoots?: string[];
  concurrency?: number;
  /**
   * Backstage runs even a manually triggered task once after its initial
   * delay (and a task's worker picks up no trigger before it), so the default
   * is 20 days: no cycle ever starts by itself. The scan bench restarts its
   * backends with a short delay once the task is registered with no next
   * run, so that triggers work at once.
   */
  initialDelaySeconds?: number;
}) {
  const { connection, port } = options;
  return {
    app: { baseUrl: `http://localhost:${port}` },
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      cors: { origin: `http://localhost:${port}` },
      database: {
        client: 'pg',
        connection: {
          host: connection.host,
          port: connection.port,
          user: connection.user,
          ...(connection.password ? { password: connection.password } : {}),
        },
        prefix: options.databasePrefix,
        plugin: {
          'ml-debt': { connection: { database: options.pluginDatabase } },
        },
      },
      ...(options.token
        ? {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: options.token, subject: 'ml-debt-bench' },
                },
              ],
            },
          }
        : {}),
    },
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    catalog: {
      locations: options.catalogFile
        ? [{ type: 'file', target: options.catalogFile }]
        : [],
    },
    mlDebt: {
      sources: { localRoots: options.localRoots ?? [] },
      schedule: {
        frequency: { trigger: 'manual' },
        initialDelay: { seconds: options.initialDelaySeconds ?? 20 * 86_400 },
        timeout: { minutes: 30 },
      },
      scan: {
        concurrency: options.concurrency ?? 4,
        timeout: { minutes: 5 },
      },
    },
  };
}

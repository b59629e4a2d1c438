/**
 * `yarn bench:seed`: seeds a new PostgreSQL database with the synthetic
 * estate and its scan history, prints how to point a backend at it, and
 * leaves it in place (drop it with `--drop <database>`).
 *
 * Options: --services N (10000), --scans N (12), --full-payload-runs N|all (1),
 * --database NAME (ml_debt_bench_<timestamp>), --catalog-file PATH (also
 * write the estate's catalog entities as YAML), --drop NAME (the database and NAME_*).
 */
import path from 'node:path';
import { Args } from './args';
import {
  defaultWorkDir,
  dropDatabases,
  pgConnectionFromEnv,
  seed,
  writeCatalogFile,
} from './seed';
import { estateServices } from './estate';
import { benchBackendConfig } from './config';

async function main() {
  const args = new Args();
  const connection = pgConnectionFromEnv();
  const drop = args.string('drop');
  if (drop) {
    const dropped = await dropDatabases(connection, drop);
    process.stdout.write(`dropped: ${dropped.join(', ') || 'none'}\n`);
    return;
  }
  const database = args.string('database') ?? `ml_debt_bench_${Date.now()}`;
  const result = await seed({
    connection,
    database,
    services: args.number('services', 10_000),
    scans: args.number('scans', 12),
    fullPayloadRuns: args.number('full-payload-runs', 1),
    failedShare: 0.01,
    workDir: defaultWorkDir(),
    log: message => process.stderr.write(`[seed] ${message}\n`),
  });
  const catalogFile = args.string('catalog-file');
  if (catalogFile) {
    writeCatalogFile({
      file: path.resolve(catalogFile),
      services: estateServices(result.services),
    });
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        ...result,
        catalogFile: catalogFile ? path.resolve(catalogFile) : undefined,
        backendConfig: benchBackendConfig({
          connection,
          pluginDatabase: database,
          databasePrefix: `${database}_`,
          port: 7007,
        }),
      },
      null,
      2,
    )}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

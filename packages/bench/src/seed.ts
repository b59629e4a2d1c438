import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  buildCheckCatalogue,
  DatabaseMlDebtStore,
} from '@ml-debt/plugin-ml-debt-backend';
import knexFactory, { Knex } from 'knex';
import { stringify } from 'yaml';
import {
  estateServices,
  EstateService,
  scanTemplates,
  seededScan,
  serviceEntity,
  teamEntities,
} from './estate';

/** How to reach PostgreSQL (trust auth on these machines). */
export interface PgConnection {
  host: string;
  port: number;
  user: string;
  password?: string;
}

export function pgConnectionFromEnv(): PgConnection {
  return {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    password: process.env.PGPASSWORD,
  };
}

export function pgClient(connection: PgConnection, database: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: { ...connection, database },
    pool: { min: 0, max: 4 },
  });
}

export async function createDatabase(
  connection: PgConnection,
  database: string,
): Promise<void> {
  const admin = pgClient(connection, 'postgres');
  try {
    await admin.raw('create database ??', [database]);
  } finally {
    await admin.destroy();
  }
}

/**
 * Drops the bench's databases: `name` itself and every database named
 * `name` followed by `_` (the other plugins' databases of a backend run
 * with that prefix), or, for a prefix ending in `_`, every database
 * starting with it. Only names starting with `ml_debt_bench_` are touched.
 */
export async function dropDatabases(
  connection: PgConnection,
  name: string,
): Promise<string[]> {
  if (!/^ml_debt_bench_[a-z0-9]/.test(name)) {
    throw new Error(
      `Refusing to drop databases of ${name}: not an ml_debt_bench_ name`,
    );
  }
  const admin = pgClient(connection, 'postgres');
  try {
    const stem = name.endsWith('_') ? name : `${name}_`;
    // Compared in JavaScript: `_` is a wildcard in LIKE.
    const names = (await admin('pg_database').select('datname'))
      .map(r => r.datname as string)
      .filter(d => d === name || d.startsWith(stem));
    for (const datname of names) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
    return names;
  } finally {
    await admin.destroy();
  }
}

export interface SeedOptions {
  connection: PgConnection;
  /** The (new) database to seed; it is created. */
  database: string;
  services: number;
  /** Scans of history per service, weekly, the newest about an hour ago. */
  scans: number;
  /**
   * Scan runs per service, newest first, that keep the full scorecard and
   * results JSON as the Scanner writes them; older runs keep the history
   * columns only. Default 1; `Infinity` for all.
   */
  fullPayloadRuns: number;
  /** Share of services whose newest scan failed (the last good scorecard stays). */
  failedShare: number;
  /** Where the synthetic template repositories are generated. */
  workDir: string;
  log: (message: string) => void;
}

export interface SeedResult {
  database: string;
  services: number;
  scanRuns: number;
  checkRows: number;
  seconds: number;
  bytes: number;
}

const WEEK_MS = 7 * 86_400_000;
const TEMPLATES = 16;

/**
 * Seeds a new PostgreSQL database with the synthetic estate and its scan
 * history, through the store's real knex migrations, in bulk.
 */
export async function seed(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const { connection, database, log } = options;
  await createDatabase(connection, database);
  const db = pgClient(connection, database);
  try {
    // The real migrations, run by the real store.
    await DatabaseMlDebtStore.create({
      database: { getClient: async () => db },
    });
    log(`migrated ${database}`);
    const templates = await scanTemplates(
      path.join(options.workDir, `templates-${TEMPLATES}`),
      TEMPLATES,
    );
    log(`scanned ${templates.length} template repositories`);
    const catalogueVersion = buildCheckCatalogue({
      config: new ConfigReader({}),
    }).version;
    const services = estateServices(options.services);
    const end = Date.now() - 3_600_000;
    const seenAt = new Date(end - options.scans * WEEK_MS - 86_400_000);
    let scanRuns = 0;
    let checkRows = 0;
    let bytes = 0;

    for (const batch of chunks(services, 200)) {
      const serviceRows = batch.map(s => ({
        ...catalogColumns(s),
        first_seen_at: seenAt,
        last_seen_at: new Date(end),
        removed_at: null,
      }));
      const runRows: object[] = [];
      const scorecardRows: object[] = [];
      const checkRowBatch: object[] = [];
      for (const service of batch) {
        const rand = mulberry(service.index);
        const failedLast = rand() < options.failedShare;
        const successes: Array<{
          id: string;
          finishedAt: Date;
          score: number;
        }> = [];
        let latest:
          | {
              id: string;
              finishedAt: Date;
              scan: ReturnType<typeof seededScan>;
              etag: string;
            }
          | undefined;
        for (let j = 0; j < options.scans; j++) {
          const finishedAt = new Date(
            end -
              (options.scans - 1 - j) * WEEK_MS -
              Math.floor(rand() * 3_600_000),
          );
          const startedAt = new Date(
            finishedAt.getTime() - 200 - Math.floor(rand() * 2_000),
          );
          const id = randomUUID();
          const newestFirst = options.scans - 1 - j;
          if (j === options.scans - 1 && failedLast && j > 0) {
            runRows.push({
              ...emptyRun(id, service, startedAt, finishedAt),
              status: 'failed',
              error: `The scan of ${service.entityRef} did not finish within 300 s (mlDebt.scan.timeout)`,
              catalogue_version: catalogueVersion,
            });
            continue;
          }
          const scan = seededScan({
            service,
            templates,
            scan: j,
            total: options.scans,
            now: finishedAt,
          });
          const etag = `${randomUUID().replace(/-/g, '')}#${randomUUID().slice(
            0,
            16,
          )}`;
          const full =
            newestFirst < options.fullPayloadRuns ||
            j === options.scans - 1 - (failedLast ? 1 : 0);
          const scorecardJson = full ? JSON.stringify(scan.scorecard) : null;
          const resultsJson = full ? JSON.stringify(scan.results) : null;
          bytes += (scorecardJson?.length ?? 0) + (resultsJson?.length ?? 0);
          runRows.push({
            ...emptyRun(id, service, startedAt, finishedAt),
            status: 'succeeded',
            source_etag: etag,
            score: scan.scorecard.score,
            uncapped_score: scan.scorecard.uncappedScore,
            grade: scan.scorecard.grade,
            ml_test_score: scan.scorecard.mlTestScore.final,
            catalogue_version: catalogueVersion,
            scorecard: scorecardJson,
            results: resultsJson,
          });
          successes.push({ id, finishedAt, score: scan.scorecard.score });
          latest = { id, finishedAt, scan, etag };
        }
        scanRuns += options.scans;
        if (!latest) continue;
        // "Change since last period", as the store computes it: the last
        // success at least 30 days older than the newest, else the first.
        const periodStart = latest.finishedAt.getTime() - 30 * 86_400_000;
        const baseline =
          [...successes]
            .reverse()
            .find(s => s.finishedAt.getTime() <= periodStart) ?? successes[0];
        const { scorecard, results } = latest.scan;
        scorecardRows.push({
          ...catalogColumns(service),
          score: scorecard.score,
          uncapped_score: scorecard.uncappedScore,
          grade: scorecard.grade,
          ml_test_score: scorecard.mlTestScore.final,
          previous_score: baseline.score,
          scan_id: latest.id,
          scanned_at: latest.finishedAt,
          checked_at: latest.finishedAt,
          source_etag: latest.etag,
        });
        const categoryOf = new Map<string, string>();
        for (const category of scorecard.categories) {
          for (const checkId of category.checkIds) {
            categoryOf.set(checkId, category.id);
          }
        }
        for (const result of results) {
          checkRowBatch.push({
            entity_ref: service.entityRef,
            check_id: result.id,
            status: result.status,
            score: result.score,
            category: categoryOf.get(result.id) ?? null,
          });
        }
      }
      await db.transaction(async trx => {
        await trx.batchInsert('services', serviceRows, 500);
        await trx.batchInsert('scan_runs', runRows, 100);
        await trx.batchInsert('scorecards', scorecardRows, 500);
        await trx.batchInsert('scorecard_checks', checkRowBatch, 2000);
      });
      checkRows += checkRowBatch.length;
      if ((batch[0].index / 200) % 10 === 0) {
        log(
          `seeded ${batch[batch.length - 1].index + 1}/${
            services.length
          } services`,
        );
      }
    }
    await db.raw('analyze');
    return {
      database,
      services: services.length,
      scanRuns,
      checkRows,
      bytes,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await db.destroy();
  }
}

/**
 * Writes the estate's catalog entities (groups and components) to one YAML
 * file that a `file` catalog location can read. With `sourceRoot`, every
 * component's `ml-debt.io/source-location` points at `repo-NNNN` below it.
 */
export function writeCatalogFile(options: {
  file: string;
  services: EstateService[];
  sourceDirs?: string[];
}): void {
  const { file, services, sourceDirs } = options;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const docs = [
    ...teamEntities(services),
    ...services.map((s, i) =>
      serviceEntity(
        s,
        sourceDirs ? `dir:${path.resolve(sourceDirs[i])}` : undefined,
      ),
    ),
  ];
  fs.writeFileSync(file, docs.map(d => stringify(d)).join('---\n'));
}

export function defaultWorkDir(): string {
  return path.join(os.tmpdir(), 'ml-debt-bench');
}

function catalogColumns(service: EstateService) {
  return {
    entity_ref: service.entityRef,
    kind: 'component',
    type: service.type,
    title: service.title,
    owner: service.owner,
    system: service.system,
    lifecycle: service.lifecycle,
  };
}

function emptyRun(
  id: string,
  service: EstateService,
  startedAt: Date,
  finishedAt: Date,
) {
  return {
    id,
    entity_ref: service.entityRef,
    trigger: 'scheduled',
    status: 'succeeded',
    started_at: startedAt,
    finished_at: finishedAt,
    error: null,
    source_etag: null,
    score: null,
    uncapped_score: null,
    grade: null,
    ml_test_score: null,
    engine_version: null,
    catalogue_version: null,
    scorecard: null,
    results: null,
  };
}

function mulberry(start: number) {
  let a = (start * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) {
    yield items.slice(i, i + size);
  }
}

import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import { CheckResult, Grade, Scorecard } from '@ml-debt/plugin-ml-debt-common';
import { Knex } from 'knex';
import { MlServiceSummary } from '../discovery/MlServiceDiscovery';
import {
  CycleProgress,
  FAILING_CHECK_STATUSES,
  ListScorecardsQuery,
  MlDebtStore,
  NewWaiver,
  ScanFailure,
  ScanRun,
  ScanSuccess,
  ScorecardPage,
  ScorecardOverview,
  ScorecardRollup,
  ScorecardSortField,
  ScorecardSummary,
  StoredScorecard,
  Waiver,
} from './MlDebtStore';

const migrationsDir = resolvePackagePath(
  '@ml-debt/plugin-ml-debt-backend',
  'migrations',
);

/**
 * Rows per multi-row INSERT. knex compiles those to a compound SELECT on
 * SQLite, which allows at most 500 terms; this also keeps the bind parameters
 * well under both engines' limits.
 */
const CHUNK_SIZE = 250;
const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_HISTORY_SIZE = 100;
const DEFAULT_CHANGE_PERIOD_DAYS = 30;
const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'F'];
const DEFAULT_ROLLUP_CACHE_MS = 10_000;

type Timestamp = Date | number | string;

interface ScanRunRow {
  id: string;
  entity_ref: string;
  trigger: string;
  status: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  error: string | null;
  source_etag: string | null;
  score: number | null;
  uncapped_score: number | null;
  grade: string | null;
  ml_test_score: number | null;
  engine_version: string | null;
  catalogue_version: string | null;
  scorecard?: string | null;
  results?: string | null;
}

interface ScorecardRow {
  entity_ref: string;
  kind: string;
  type: string;
  title: string;
  owner: string | null;
  system: string | null;
  lifecycle: string | null;
  score: number;
  uncapped_score: number;
  grade: string;
  ml_test_score: number;
  previous_score: number | null;
  scan_id: string;
  scanned_at: Timestamp;
  checked_at: Timestamp;
  source_etag: string | null;
}

/** What the list adds to each scorecard row. */
interface ListExtras {
  failing_checks: number | string | null;
  last_scan_status: string | null;
}

interface WaiverRow {
  id: string;
  entity_ref: string;
  kind: string;
  target: string;
  status: string | null;
  evidence: string | null;
  reason: string;
  author: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
}

/** History columns without the heavy JSON payload. */
const SCAN_RUN_COLUMNS = [
  'id',
  'entity_ref',
  'trigger',
  'status',
  'started_at',
  'finished_at',
  'error',
  'source_etag',
  'score',
  'uncapped_score',
  'grade',
  'ml_test_score',
  'engine_version',
  'catalogue_version',
];

/**
 * Sort expressions per sort key. Services without an owner, a system or a
 * previous score sort last in both directions, on both engines (their
 * defaults differ); the entity ref breaks ties in the same direction as the
 * sort, so that PostgreSQL can walk the (column, entity_ref) indexes of the
 * non-null columns either way. Scores tie often (every service with a
 * critical failure is capped at 60), so they are ranked by the uncapped score
 * first: the cap must not hide how far apart two services are.
 */
const SORT_EXPRESSIONS: Record<
  ScorecardSortField,
  { expression: string; nullable: boolean; tieBreak?: string }
> = {
  score: {
    expression: 's.score',
    nullable: false,
    tieBreak: 's.uncapped_score',
  },
  name: { expression: 'lower(s.title)', nullable: false },
  owner: { expression: 's.owner', nullable: true },
  system: { expression: 's.system', nullable: true },
  scannedAt: { expression: 's.scanned_at', nullable: false },
  change: { expression: '(s.score - s.previous_score)', nullable: true },
};

/**
 * The knex-backed {@link MlDebtStore}, for SQLite and PostgreSQL.
 *
 * @public
 */
export class DatabaseMlDebtStore implements MlDebtStore {
  /**
   * Connects to the plugin database and migrates it to the latest schema,
   * unless the database service says migrations are handled elsewhere.
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /**
     * How far back "change since last period" looks: the scorecard's change is
     * measured against the last successful scan at least this old (or the
     * first scan, when none is). Default 30 days.
     */
    changePeriodDays?: number;
    /**
     * How long computed rollups are served from memory, default 10 seconds;
     * 0 computes every call. Aggregating every scorecard and failing check
     * of a large estate takes a few hundred milliseconds, and rollups only
     * change when scans land: this store's own writes drop the cached
     * rollups at once, other replicas' writes show within this time (and
     * one more period, during which a stale value is served while it is
     * recomputed).
     */
    rollupCacheMs?: number;
  }): Promise<DatabaseMlDebtStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!options.skipMigrations && !database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseMlDebtStore(
      client,
      (options.changePeriodDays ?? DEFAULT_CHANGE_PERIOD_DAYS) * 86_400_000,
      options.rollupCacheMs ?? DEFAULT_ROLLUP_CACHE_MS,
    );
  }

  readonly #db: Knex;
  readonly #changePeriodMs: number;
  readonly #rollupCacheMs: number;
  /** Bumped by every write that can change a rollup. */
  #generation = 0;
  readonly #rollups = new Map<
    'owner' | 'system',
    { value: ScorecardRollup[]; at: number; generation: number }
  >();
  readonly #rollupsPending = new Map<
    'owner' | 'system',
    { promise: Promise<ScorecardRollup[]>; generation: number }
  >();

  private constructor(db: Knex, changePeriodMs: number, rollupCacheMs: number) {
    this.#db = db;
    this.#changePeriodMs = changePeriodMs;
    this.#rollupCacheMs = rollupCacheMs;
  }

  get #isPostgres(): boolean {
    return this.#db.client.dialect === 'postgresql';
  }

  // --- Services -------------------------------------------------------------

  async upsertServices(
    services: MlServiceSummary[],
    seenAt: Date,
  ): Promise<void> {
    this.#generation++;
    for (const chunk of chunks(services, CHUNK_SIZE)) {
      await this.#db.transaction(async trx => {
        await trx('services')
          .insert(
            chunk.map(service => ({
              ...catalogColumns(service),
              first_seen_at: seenAt,
              last_seen_at: seenAt,
              removed_at: null,
            })),
          )
          .onConflict('entity_ref')
          .merge([
            'kind',
            'type',
            'title',
            'owner',
            'system',
            'lifecycle',
            'last_seen_at',
            'removed_at',
          ]);
        // Keep the copies on the latest scorecards in step with the catalog,
        // so that a team rename shows without waiting for the next scan.
        const copy = (column: string) =>
          trx('services')
            .select(column)
            .where('services.entity_ref', trx.ref('scorecards.entity_ref'));
        await trx('scorecards')
          .whereIn(
            'entity_ref',
            chunk.map(s => s.entityRef),
          )
          .update({
            kind: copy('kind'),
            type: copy('type'),
            title: copy('title'),
            owner: copy('owner'),
            system: copy('system'),
            lifecycle: copy('lifecycle'),
          });
      });
    }
  }

  async markMissingAsRemoved(seenRefs: string[], at: Date): Promise<number> {
    this.#generation++;
    return await this.#db('services')
      .whereNull('removed_at')
      .whereRaw(this.#notInRefs('entity_ref', seenRefs))
      .update({ removed_at: at });
  }

  // --- Scans ----------------------------------------------------------------

  async recordScanSuccess(scan: ScanSuccess): Promise<ScanRun> {
    const { service, scorecard, results } = scan;
    const id = randomUUID();
    const row: ScanRunRow = {
      id,
      entity_ref: service.entityRef,
      trigger: scan.trigger,
      status: 'succeeded',
      started_at: scan.startedAt,
      finished_at: scan.finishedAt,
      error: null,
      source_etag: scan.sourceEtag ?? null,
      score: scorecard.score,
      uncapped_score: scorecard.uncappedScore,
      grade: scorecard.grade,
      ml_test_score: scorecard.mlTestScore.final,
      engine_version: scan.engineVersion ?? null,
      catalogue_version: scan.catalogueVersion ?? null,
      scorecard: JSON.stringify(scorecard),
      results: JSON.stringify(results),
    };
    const categoryOf = new Map<string, string>();
    for (const category of scorecard.categories) {
      for (const checkId of category.checkIds) {
        categoryOf.set(checkId, category.id);
      }
    }

    this.#generation++;
    await this.#db.transaction(async trx => {
      const previousScore = await this.#baselineScore(
        trx,
        service.entityRef,
        scan.finishedAt,
      );
      await trx('scan_runs').insert(row);
      // A scan may come before discovery recorded the service (an on-demand
      // rescan); make sure it exists, without resurrecting a removed one.
      await trx('services')
        .insert({
          ...catalogColumns(service),
          first_seen_at: scan.finishedAt,
          last_seen_at: scan.finishedAt,
          removed_at: null,
        })
        .onConflict('entity_ref')
        .ignore();
      await trx('scorecards')
        .insert({
          ...catalogColumns(service),
          score: scorecard.score,
          uncapped_score: scorecard.uncappedScore,
          grade: scorecard.grade,
          ml_test_score: scorecard.mlTestScore.final,
          previous_score: previousScore ?? null,
          scan_id: id,
          scanned_at: scan.finishedAt,
          checked_at: scan.finishedAt,
          source_etag: scan.sourceEtag ?? null,
        })
        .onConflict('entity_ref')
        .merge();
      await trx('scorecard_checks')
        .where('entity_ref', service.entityRef)
        .delete();
      for (const chunk of chunks(results, CHUNK_SIZE)) {
        await trx('scorecard_checks').insert(
          chunk.map(result => ({
            entity_ref: service.entityRef,
            check_id: result.id,
            status: result.status,
            score: result.score,
            category: categoryOf.get(result.id) ?? null,
          })),
        );
      }
    });
    return toScanRun(row);
  }

  async recordScanFailure(failure: ScanFailure): Promise<ScanRun> {
    const row: ScanRunRow = {
      id: randomUUID(),
      entity_ref: failure.entityRef,
      trigger: failure.trigger,
      status: 'failed',
      started_at: failure.startedAt,
      finished_at: failure.finishedAt,
      error:
        typeof failure.error === 'string'
          ? failure.error
          : failure.error.message,
      source_etag: null,
      score: null,
      uncapped_score: null,
      grade: null,
      ml_test_score: null,
      engine_version: failure.engineVersion ?? null,
      catalogue_version: failure.catalogueVersion ?? null,
    };
    await this.#db('scan_runs').insert(row);
    return toScanRun(row);
  }

  async getSourceEtag(entityRef: string): Promise<string | undefined> {
    const row = await this.#db('scorecards')
      .where('entity_ref', entityRef)
      .first('source_etag');
    return row?.source_etag ?? undefined;
  }

  async touchUnchanged(entityRef: string, at: Date): Promise<boolean> {
    const updated = await this.#db('scorecards')
      .where('entity_ref', entityRef)
      .update({ checked_at: at });
    return updated > 0;
  }

  // --- Queries --------------------------------------------------------------

  async getScorecard(entityRef: string): Promise<StoredScorecard | undefined> {
    const row = await this.#activeScorecards()
      .join('scan_runs as r', 'r.id', 's.scan_id')
      .where('s.entity_ref', entityRef)
      .first<
        (ScorecardRow & { scorecard: string; results: string }) | undefined
      >('s.*', 'r.scorecard', 'r.results');
    if (!row) {
      return undefined;
    }
    const [lastScan] = await this.getHistory(entityRef, { limit: 1 });
    return {
      ...toScorecardSummary(row),
      scorecard: JSON.parse(row.scorecard) as Scorecard,
      results: JSON.parse(row.results) as CheckResult[],
      sourceEtag: row.source_etag ?? undefined,
      lastScan,
    };
  }

  async listScorecards(
    query: ListScorecardsQuery = {},
  ): Promise<ScorecardPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InputError(
        `limit must be an integer between 1 and ${MAX_PAGE_SIZE}, got ${limit}`,
      );
    }
    if (!Number.isInteger(offset) || offset < 0) {
      throw new InputError(
        `offset must be a non-negative integer, got ${offset}`,
      );
    }
    const sort = query.sort ?? 'name';
    const sortBy = SORT_EXPRESSIONS[sort];
    if (!sortBy) {
      throw new InputError(`Unknown sort field '${sort}'`);
    }
    const order = query.order ?? 'asc';
    if (order !== 'asc' && order !== 'desc') {
      throw new InputError(`order must be asc or desc, got '${order}'`);
    }

    const filtered = this.#activeScorecards();
    const equal: Array<[string, string | undefined]> = [
      ['s.owner', query.owner],
      ['s.system', query.system],
      ['s.lifecycle', query.lifecycle],
      ['s.grade', query.grade],
      ['s.kind', query.kind?.toLocaleLowerCase('en-US')],
    ];
    for (const [column, value] of equal) {
      if (value !== undefined) {
        filtered.where(column, value);
      }
    }
    if (query.failingCheck !== undefined) {
      filtered.whereExists(
        this.#db('scorecard_checks as c')
          .select(this.#db.raw('1'))
          .where('c.entity_ref', this.#db.ref('s.entity_ref'))
          .where('c.check_id', query.failingCheck)
          .whereIn('c.status', FAILING_CHECK_STATUSES as string[]),
      );
    }
    if (query.text) {
      // Bound as a parameter with LIKE wildcards escaped: user text is never
      // SQL, and `%` or `_` in it match themselves.
      const pattern = `%${escapeLike(query.text.toLocaleLowerCase('en-US'))}%`;
      filtered.where(inner =>
        inner
          .whereRaw(`lower(s.title) like ? escape '\\'`, [pattern])
          .orWhereRaw(`lower(s.entity_ref) like ? escape '\\'`, [pattern]),
      );
    }

    const [countRow] = await filtered
      .clone()
      .count<Array<{ count: string | number }>>({ count: '*' });
    const direction = order === 'asc' ? 'asc' : 'desc';
    const nulls = sortBy.nullable ? ' nulls last' : '';
    const orderBy = (alias: string) =>
      [
        `${sortBy.expression} ${direction}${nulls}`,
        ...(sortBy.tieBreak ? [`${sortBy.tieBreak} ${direction}`] : []),
        `s.entity_ref ${direction}`,
      ]
        .join(', ')
        .replace(/\bs\./g, `${alias}.`);
    const page = filtered
      .select('s.*')
      .orderByRaw(orderBy('s'))
      .limit(limit)
      .offset(offset);
    // One statement for the page: the failing-check count and the newest scan
    // status are looked up (by index) for the page's rows only, after the
    // filtered list has been sorted and cut.
    const rows = await this.#db
      .from(page.as('p'))
      .select<Array<ScorecardRow & ListExtras>>(
        'p.*',
        this.#db('scorecard_checks as c')
          .count('*')
          .where('c.entity_ref', this.#db.ref('p.entity_ref'))
          .whereIn('c.status', FAILING_CHECK_STATUSES as string[])
          .as('failing_checks'),
        this.#db('scan_runs as r')
          .select('r.status')
          .where('r.entity_ref', this.#db.ref('p.entity_ref'))
          .orderBy('r.started_at', 'desc')
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('last_scan_status'),
      )
      .orderByRaw(orderBy('p'));
    return {
      items: rows.map(row => ({
        ...toScorecardSummary(row),
        failingChecks: Number(row.failing_checks ?? 0),
        lastScanStatus: (row.last_scan_status ??
          'succeeded') as ScanRun['status'],
      })),
      totalCount: Number(countRow?.count ?? 0),
    };
  }

  async getScanRun(id: string): Promise<ScanRun | undefined> {
    const row = await this.#db('scan_runs')
      .where('id', id)
      .first<ScanRunRow | undefined>(SCAN_RUN_COLUMNS);
    return row ? toScanRun(row) : undefined;
  }

  async getHistory(
    entityRef: string,
    options: { limit?: number; before?: Date } = {},
  ): Promise<ScanRun[]> {
    const limit = options.limit ?? DEFAULT_HISTORY_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InputError(
        `limit must be an integer between 1 and ${MAX_PAGE_SIZE}, got ${limit}`,
      );
    }
    const query = this.#db('scan_runs')
      .where('entity_ref', entityRef)
      .select<ScanRunRow[]>(SCAN_RUN_COLUMNS)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (options.before) {
      query.where('started_at', '<', options.before);
    }
    return (await query).map(toScanRun);
  }

  async getRollups(groupBy: 'owner' | 'system'): Promise<ScorecardRollup[]> {
    if (groupBy !== 'owner' && groupBy !== 'system') {
      throw new InputError(`Cannot group scorecards by '${groupBy}'`);
    }
    if (this.#rollupCacheMs <= 0) {
      return this.#computeRollups(groupBy);
    }
    const cached = this.#rollups.get(groupBy);
    const age = cached ? Date.now() - cached.at : Infinity;
    if (cached && cached.generation === this.#generation) {
      if (age < this.#rollupCacheMs) {
        return copyRollups(cached.value);
      }
      if (age < 2 * this.#rollupCacheMs) {
        // Served once more while the next value is computed.
        this.#refreshRollups(groupBy).catch(() => {});
        return copyRollups(cached.value);
      }
    }
    return copyRollups(await this.#refreshRollups(groupBy));
  }

  /** Computes rollups once at a time per grouping, and caches the result. */
  #refreshRollups(groupBy: 'owner' | 'system'): Promise<ScorecardRollup[]> {
    const generation = this.#generation;
    const pending = this.#rollupsPending.get(groupBy);
    if (pending && pending.generation === generation) {
      return pending.promise;
    }
    const at = Date.now();
    const promise = this.#computeRollups(groupBy)
      .then(value => {
        if (generation === this.#generation) {
          this.#rollups.set(groupBy, { value, at, generation });
        }
        return value;
      })
      .finally(() => {
        if (this.#rollupsPending.get(groupBy)?.promise === promise) {
          this.#rollupsPending.delete(groupBy);
        }
      });
    this.#rollupsPending.set(groupBy, { promise, generation });
    return promise;
  }

  async #computeRollups(
    groupBy: 'owner' | 'system',
  ): Promise<ScorecardRollup[]> {
    const key = `s.${groupBy}`;
    const gradeCounts = GRADES.map(grade =>
      this.#db.raw(`sum(case when s.grade = ? then 1 else 0 end) as ??`, [
        grade,
        `grade_${grade}`,
      ]),
    );
    const groups = await this.#activeScorecards()
      .select(
        this.#db.raw(`?? as group_key`, [key]),
        this.#db.raw('count(*) as service_count'),
        this.#db.raw('avg(s.score) as average_score'),
        this.#db.raw('min(s.score) as min_score'),
        this.#db.raw('max(s.score) as max_score'),
        ...gradeCounts,
      )
      .groupBy(key)
      .orderByRaw(`?? asc nulls last`, [key]);

    // The top five failing checks of every group in one query: rank the
    // (group, check) counts within each group with a window function.
    const ranked = this.#activeScorecards()
      .join('scorecard_checks as c', 'c.entity_ref', 's.entity_ref')
      .whereIn('c.status', FAILING_CHECK_STATUSES as string[])
      .groupBy(key, 'c.check_id')
      .select(
        this.#db.raw(`?? as group_key`, [key]),
        'c.check_id',
        this.#db.raw('count(*) as failing'),
        this.#db.raw(
          `row_number() over (partition by ?? order by count(*) desc, c.check_id asc) as position`,
          [key],
        ),
      );
    const topChecks = await this.#db
      .from(ranked.as('ranked'))
      .where('position', '<=', 5)
      .orderBy('position', 'asc');
    const checksByGroup = new Map<
      string | null,
      ScorecardRollup['topFailingChecks']
    >();
    for (const row of topChecks) {
      const groupKey = row.group_key ?? null;
      const list = checksByGroup.get(groupKey) ?? [];
      list.push({ checkId: row.check_id, count: Number(row.failing) });
      checksByGroup.set(groupKey, list);
    }

    return groups.map((row: any) => ({
      key: row.group_key ?? null,
      count: Number(row.service_count),
      averageScore: round1(Number(row.average_score)),
      minScore: Number(row.min_score),
      maxScore: Number(row.max_score),
      grades: Object.fromEntries(
        GRADES.map(grade => [grade, Number(row[`grade_${grade}`] ?? 0)]),
      ) as Record<Grade, number>,
      topFailingChecks: checksByGroup.get(row.group_key ?? null) ?? [],
    }));
  }

  async getOverview(
    options: { topChecks?: number } = {},
  ): Promise<ScorecardOverview> {
    const topChecks = options.topChecks ?? 10;
    if (!Number.isInteger(topChecks) || topChecks < 1 || topChecks > 100) {
      throw new InputError(
        `topChecks must be an integer from 1 to 100, got ${topChecks}`,
      );
    }
    const [totals] = await this.#activeScorecards().select(
      this.#db.raw('count(*) as service_count'),
      this.#db.raw('avg(s.score) as average_score'),
      ...GRADES.map(grade =>
        this.#db.raw(`sum(case when s.grade = ? then 1 else 0 end) as ??`, [
          grade,
          `grade_${grade}`,
        ]),
      ),
    );
    const failing = await this.#activeScorecards()
      .join('scorecard_checks as c', 'c.entity_ref', 's.entity_ref')
      .whereIn('c.status', FAILING_CHECK_STATUSES as string[])
      .groupBy('c.check_id')
      .select('c.check_id', this.#db.raw('count(*) as failing'))
      .orderByRaw('count(*) desc')
      .orderBy('c.check_id', 'asc')
      .limit(topChecks);
    const count = Number(totals?.service_count ?? 0);
    return {
      count,
      averageScore: count > 0 ? round1(Number(totals.average_score)) : null,
      grades: Object.fromEntries(
        GRADES.map(grade => [grade, Number(totals?.[`grade_${grade}`] ?? 0)]),
      ) as Record<Grade, number>,
      topFailingChecks: failing.map((row: any) => ({
        checkId: row.check_id,
        count: Number(row.failing),
      })),
    };
  }

  async pruneHistory(olderThan: Date): Promise<number> {
    return await this.#db('scan_runs')
      .where('finished_at', '<', olderThan)
      .whereNotIn('id', this.#db('scorecards').select('scan_id'))
      .delete();
  }

  // --- Waivers and attestations ---------------------------------------------

  async createWaiver(waiver: NewWaiver): Promise<Waiver> {
    if (waiver.kind !== 'waiver' && waiver.kind !== 'attestation') {
      throw new InputError(
        `kind must be waiver or attestation, got '${waiver.kind}'`,
      );
    }
    if (waiver.kind === 'attestation') {
      if (waiver.status !== 'manual' && waiver.status !== 'automated') {
        throw new InputError(
          'An attestation needs a status: manual or automated',
        );
      }
    } else if (waiver.status !== undefined) {
      throw new InputError('Only attestations have a status');
    }
    if (!waiver.reason?.trim()) {
      throw new InputError('A reason is required');
    }
    const createdAt = waiver.createdAt ?? new Date();
    if (waiver.expiresAt && waiver.expiresAt <= createdAt) {
      throw new InputError('expiresAt must be after createdAt');
    }
    const row: WaiverRow = {
      id: randomUUID(),
      entity_ref: waiver.entityRef,
      kind: waiver.kind,
      target: waiver.target,
      status: waiver.status ?? null,
      evidence: waiver.evidence ?? null,
      reason: waiver.reason,
      author: waiver.author,
      created_at: createdAt,
      expires_at: waiver.expiresAt ?? null,
      revoked_by: null,
      revoked_at: null,
    };
    await this.#db('waivers').insert(row);
    return toWaiver(row);
  }

  async listWaivers(
    entityRef: string,
    options: { includeInactive?: boolean; now?: Date } = {},
  ): Promise<Waiver[]> {
    const query = this.#db<WaiverRow>('waivers')
      .where('entity_ref', entityRef)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'asc');
    if (!options.includeInactive) {
      this.#whereActive(query, options.now ?? new Date());
    }
    return (await query).map(toWaiver);
  }

  async getWaiver(id: string): Promise<Waiver> {
    const row = await this.#db<WaiverRow>('waivers').where('id', id).first();
    if (!row) {
      throw new NotFoundError(`No waiver or attestation with id '${id}'`);
    }
    return toWaiver(row);
  }

  async revokeWaiver(id: string, by: string, at: Date): Promise<Waiver> {
    // A single conditional UPDATE, so that two concurrent revocations cannot
    // both succeed and overwrite each other's audit fields.
    const updated = await this.#db('waivers')
      .where('id', id)
      .whereNull('revoked_at')
      .update({ revoked_by: by, revoked_at: at });
    const waiver = await this.getWaiver(id);
    if (updated === 0) {
      throw new ConflictError(
        `Waiver '${id}' was already revoked by ${waiver.revokedBy}`,
      );
    }
    return waiver;
  }

  async activeWaivers(entityRef: string, now: Date): Promise<Waiver[]> {
    return this.listWaivers(entityRef, { now });
  }

  // --- Scan queue -----------------------------------------------------------

  async startCycle(
    cycleId: string,
    entityRefs: string[],
    at: Date,
  ): Promise<void> {
    for (const chunk of chunks(entityRefs, CHUNK_SIZE)) {
      await this.#db('scan_queue')
        .insert(
          chunk.map(entityRef => ({
            cycle_id: cycleId,
            entity_ref: entityRef,
            status: 'pending',
            attempts: 0,
            enqueued_at: at,
          })),
        )
        .onConflict(['cycle_id', 'entity_ref'])
        .ignore();
    }
  }

  async claimBatch(options: {
    cycleId: string;
    workerId: string;
    limit: number;
    leaseMs: number;
    now: Date;
  }): Promise<string[]> {
    const { cycleId, workerId, limit, leaseMs, now } = options;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InputError(`limit must be a positive integer, got ${limit}`);
    }
    return await this.#db.transaction(async trx => {
      const claimable = trx('scan_queue')
        .select('entity_ref')
        .where('cycle_id', cycleId)
        .where(state =>
          state
            .where('status', 'pending')
            .orWhere(expired =>
              expired
                .where('status', 'claimed')
                .where('lease_expires_at', '<=', now),
            ),
        )
        .orderBy('entity_ref')
        .limit(limit);
      if (this.#isPostgres) {
        // Rows another replica is claiming right now are skipped rather than
        // waited for; once its transaction commits they are no longer
        // claimable, so no service is handed out twice.
        claimable.forUpdate().skipLocked();
      }
      // SQLite has a single writer: the transaction alone serialises claims.
      const refs = (await claimable).map(row => row.entity_ref as string);
      if (refs.length > 0) {
        await trx('scan_queue')
          .where('cycle_id', cycleId)
          .whereIn('entity_ref', refs)
          .update({
            status: 'claimed',
            worker_id: workerId,
            lease_expires_at: new Date(now.getTime() + leaseMs),
            attempts: trx.raw('attempts + 1'),
          });
      }
      return refs;
    });
  }

  async completeClaim(
    cycleId: string,
    entityRef: string,
    workerId: string,
    at: Date = new Date(),
  ): Promise<boolean> {
    const updated = await this.#db('scan_queue')
      .where({
        cycle_id: cycleId,
        entity_ref: entityRef,
        worker_id: workerId,
        status: 'claimed',
      })
      .update({ status: 'done', completed_at: at, lease_expires_at: null });
    return updated > 0;
  }

  async cycleProgress(cycleId: string): Promise<CycleProgress> {
    const rows = await this.#db('scan_queue')
      .where('cycle_id', cycleId)
      .groupBy('status')
      .select('status', this.#db.raw('count(*) as count'));
    const progress: CycleProgress = { pending: 0, claimed: 0, done: 0 };
    for (const row of rows) {
      if (row.status in progress) {
        progress[row.status as keyof CycleProgress] = Number(row.count);
      }
    }
    return progress;
  }

  async pruneCycles(olderThan: Date): Promise<number> {
    return await this.#db('scan_queue')
      .where('enqueued_at', '<', olderThan)
      .delete();
  }

  // --- Helpers --------------------------------------------------------------

  /**
   * Latest scorecards of services still in the catalog, aliased `s`. Written
   * as "not removed" rather than a join with the services in the catalog:
   * every scorecard has its service row (recordScanSuccess writes both), and
   * the anti-join against the few removed services lets PostgreSQL count a
   * large estate from the scorecards alone (3x faster at 10,000 services).
   */
  #activeScorecards(): Knex.QueryBuilder {
    return this.#db('scorecards as s').whereNotExists(
      this.#db('services as v')
        .select(this.#db.raw('1'))
        .where('v.entity_ref', this.#db.ref('s.entity_ref'))
        .whereNotNull('v.removed_at'),
    );
  }

  /**
   * The score "change since last period" is measured against: the last
   * successful scan at least one period old, else the first successful scan.
   */
  async #baselineScore(
    trx: Knex.Transaction,
    entityRef: string,
    finishedAt: Date,
  ): Promise<number | undefined> {
    const periodStart = new Date(finishedAt.getTime() - this.#changePeriodMs);
    const successes = () =>
      trx('scan_runs')
        .where({ entity_ref: entityRef, status: 'succeeded' })
        .first('score');
    const baseline =
      (await successes()
        .where('finished_at', '<=', periodStart)
        .orderBy('finished_at', 'desc')) ??
      (await successes().orderBy('finished_at', 'asc'));
    return baseline ? Number(baseline.score) : undefined;
  }

  #whereActive(query: Knex.QueryBuilder, now: Date) {
    return query
      .whereNull('revoked_at')
      .where(expiry =>
        expiry.whereNull('expires_at').orWhere('expires_at', '>', now),
      );
  }

  /**
   * `column NOT IN (refs)` with the whole list as ONE bound parameter (a JSON
   * array), so that 10,000 refs stay within the bind-parameter limits of both
   * engines.
   */
  #notInRefs(column: string, refs: string[]): Knex.Raw {
    const json = JSON.stringify(refs);
    if (this.#isPostgres) {
      return this.#db.raw(
        `?? not in (select jsonb_array_elements_text(?::jsonb))`,
        [column, json],
      );
    }
    return this.#db.raw(`?? not in (select value from json_each(?))`, [
      column,
      json,
    ]);
  }
}

function catalogColumns(service: MlServiceSummary) {
  return {
    entity_ref: service.entityRef,
    // The ref carries the kind; discovery's summary does not.
    kind: parseEntityRef(service.entityRef).kind.toLocaleLowerCase('en-US'),
    type: service.type,
    title: service.title,
    owner: service.owner ?? null,
    system: service.system ?? null,
    lifecycle: service.lifecycle ?? null,
  };
}

function copyRollups(rollups: ScorecardRollup[]): ScorecardRollup[] {
  return rollups.map(r => ({
    ...r,
    grades: { ...r.grades },
    topFailingChecks: r.topFailingChecks.map(c => ({ ...c })),
  }));
}

function toDate(value: Timestamp): Date {
  return value instanceof Date ? value : new Date(value);
}

function optionalDate(value: Timestamp | null | undefined): Date | undefined {
  return value === null || value === undefined ? undefined : toDate(value);
}

function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

function optionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function toScanRun(row: ScanRunRow): ScanRun {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    trigger: row.trigger as ScanRun['trigger'],
    status: row.status as ScanRun['status'],
    startedAt: toDate(row.started_at),
    finishedAt: toDate(row.finished_at),
    error: optional(row.error),
    sourceEtag: optional(row.source_etag),
    score: optionalNumber(row.score),
    uncappedScore: optionalNumber(row.uncapped_score),
    grade: optional(row.grade) as Grade | undefined,
    mlTestScore: optionalNumber(row.ml_test_score),
    engineVersion: optional(row.engine_version),
    catalogueVersion: optional(row.catalogue_version),
  };
}

function toScorecardSummary(row: ScorecardRow): ScorecardSummary {
  const score = Number(row.score);
  const previousScore = optionalNumber(row.previous_score);
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    type: row.type,
    title: row.title,
    owner: optional(row.owner),
    system: optional(row.system),
    lifecycle: optional(row.lifecycle),
    score,
    uncappedScore: Number(row.uncapped_score),
    grade: row.grade as Grade,
    mlTestScore: Number(row.ml_test_score),
    previousScore,
    change:
      previousScore === undefined ? undefined : round1(score - previousScore),
    scanId: row.scan_id,
    scannedAt: toDate(row.scanned_at),
    checkedAt: toDate(row.checked_at),
  };
}

function toWaiver(row: WaiverRow): Waiver {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    kind: row.kind as Waiver['kind'],
    target: row.target,
    status: optional(row.status) as Waiver['status'],
    evidence: optional(row.evidence),
    reason: row.reason,
    author: row.author,
    createdAt: toDate(row.created_at),
    expiresAt: optionalDate(row.expires_at),
    revokedBy: optional(row.revoked_by),
    revokedAt: optionalDate(row.revoked_at),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, match => `\\${match}`);
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) {
    yield items.slice(i, i + size);
  }
}

import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ServiceScan } from '@ml-debt/plugin-ml-debt-node';
import { Knex } from 'knex';
import { DatabaseMlDebtStore } from './DatabaseMlDebtStore';
import { MlServiceSummary } from '../discovery/MlServiceDiscovery';
import { ScanTrigger } from './MlDebtStore';
import { scanFixtureRepositories, service, variantOf } from './testScans';

jest.setTimeout(120_000);

const databases = TestDatabases.create();

if (!databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES'))) {
  // eslint-disable-next-line no-console
  console.warn(
    'PostgreSQL cases SKIPPED in DatabaseMlDebtStore.test.ts: no BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set',
  );
}

const T0 = new Date('2026-11-01T00:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

let scans: { neglected: ServiceScan; wellKept: ServiceScan };

beforeAll(async () => {
  scans = await scanFixtureRepositories();
});

describe.each(databases.eachSupportedId())(
  'DatabaseMlDebtStore on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseMlDebtStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseMlDebtStore.create({
        database: mockServices.database({ knex }),
      });
    });

    afterEach(async () => {
      for (const table of [
        'scan_queue',
        'waivers',
        'scorecard_checks',
        'scorecards',
        'scan_runs',
        'services',
      ]) {
        await knex(table).delete();
      }
    });

    async function record(
      summary: MlServiceSummary,
      scan: ServiceScan,
      options: {
        at?: Date;
        trigger?: ScanTrigger;
        sourceEtag?: string;
      } = {},
    ) {
      const at = options.at ?? T0;
      return store.recordScanSuccess({
        service: summary,
        trigger: options.trigger ?? 'scheduled',
        startedAt: new Date(at.getTime() - 1000),
        finishedAt: at,
        sourceEtag: options.sourceEtag,
        results: scan.results,
        scorecard: scan.scorecard,
        engineVersion: '0.1.0',
        catalogueVersion: 'builtin-1',
      });
    }

    /** Three services with distinct scores, owners and systems. */
    async function recordEstate() {
      const estate = [
        service('churn-model', {
          title: 'Churn model',
          owner: 'group:default/growth-ml',
          system: 'customer-growth',
        }),
        service('fraud-detection', {
          title: 'Fraud Detection',
          owner: 'group:default/risk-ml',
          system: 'payments',
          lifecycle: 'experimental',
        }),
        service('search-ranking', {
          title: 'Search ranking',
          owner: 'group:default/growth-ml',
          system: undefined,
        }),
      ];
      await store.upsertServices(estate, T0);
      await record(
        estate[0],
        variantOf(scans.wellKept, {
          score: 91.5,
          statuses: { 'REP-02': 'pass', 'CFG-01': 'pass' },
        }),
        { at: minutes(1) },
      );
      await record(
        estate[1],
        variantOf(scans.neglected, {
          score: 42,
          statuses: { 'REP-02': 'fail', 'CFG-01': 'fail' },
        }),
        { at: minutes(3) },
      );
      await record(
        estate[2],
        variantOf(scans.neglected, {
          score: 75.2,
          statuses: { 'REP-02': 'warn', 'CFG-01': 'pass' },
        }),
        { at: minutes(2) },
      );
      return estate;
    }

    describe('services', () => {
      it('lists no scorecard for a service that left the catalog, and keeps its history', async () => {
        const [churn] = await recordEstate();

        const removed = await store.markMissingAsRemoved(
          [
            'component:default/fraud-detection',
            'component:default/search-ranking',
          ],
          minutes(10),
        );

        expect(removed).toBe(1);
        const page = await store.listScorecards();
        expect(page.items.map(i => i.entityRef)).toEqual([
          'component:default/fraud-detection',
          'component:default/search-ranking',
        ]);
        expect(page.totalCount).toBe(2);
        expect(await store.getScorecard(churn.entityRef)).toBeUndefined();
        expect(await store.getHistory(churn.entityRef)).toHaveLength(1);
      });

      it('leaves rollups when removed', async () => {
        await recordEstate();
        await store.markMissingAsRemoved(
          ['component:default/fraud-detection'],
          minutes(10),
        );

        const rollups = await store.getRollups('owner');

        expect(rollups.map(r => [r.key, r.count])).toEqual([
          ['group:default/risk-ml', 1],
        ]);
      });

      it('brings a removed service back when discovery sees it again', async () => {
        const [churn] = await recordEstate();
        await store.markMissingAsRemoved([], minutes(10));

        await store.upsertServices([churn], minutes(20));

        const page = await store.listScorecards();
        expect(page.items.map(i => i.entityRef)).toEqual([churn.entityRef]);
      });

      it('marks ten thousand missing services in one statement', async () => {
        const estate = Array.from({ length: 10_000 }, (_, i) =>
          service(`svc-${String(i).padStart(5, '0')}`),
        );
        await store.upsertServices(estate, T0);

        const removed = await store.markMissingAsRemoved(
          estate.slice(1).map(s => s.entityRef),
          minutes(1),
        );

        expect(removed).toBe(1);
        const row = await knex('services')
          .whereNotNull('removed_at')
          .select('entity_ref');
        expect(row).toEqual([{ entity_ref: 'component:default/svc-00000' }]);
      });

      it('copies a changed owner onto the latest scorecard', async () => {
        const [churn] = await recordEstate();

        await store.upsertServices(
          [{ ...churn, owner: 'group:default/retention-ml', title: 'Churn' }],
          minutes(30),
        );

        const scorecard = await store.getScorecard(churn.entityRef);
        expect(scorecard?.owner).toBe('group:default/retention-ml');
        expect(scorecard?.title).toBe('Churn');
      });
    });

    describe('recording scans', () => {
      it('writes the history row, the latest scorecard and one row per check', async () => {
        const churn = service('churn-model');

        const run = await record(churn, scans.neglected, {
          at: minutes(5),
          sourceEtag: 'etag-1',
        });

        expect(run).toMatchObject({
          entityRef: churn.entityRef,
          status: 'succeeded',
          trigger: 'scheduled',
          score: scans.neglected.scorecard.score,
          grade: scans.neglected.scorecard.grade,
          mlTestScore: scans.neglected.scorecard.mlTestScore.final,
          sourceEtag: 'etag-1',
          finishedAt: minutes(5),
        });
        const checks = await knex('scorecard_checks')
          .where('entity_ref', churn.entityRef)
          .orderBy('check_id');
        expect(checks).toHaveLength(scans.neglected.results.length);
        const rep02 = scans.neglected.results.find(r => r.id === 'REP-02')!;
        expect(checks.find(c => c.check_id === 'REP-02')).toMatchObject({
          status: rep02.status,
          category: 'reproducibility',
        });
      });

      it('returns the latest scorecard with its checks and evidence', async () => {
        const churn = service('churn-model', { title: 'Churn model' });
        await record(churn, scans.neglected, { at: minutes(5) });

        const stored = await store.getScorecard(churn.entityRef);

        expect(stored).toMatchObject({
          entityRef: churn.entityRef,
          kind: 'component',
          type: 'ml-service',
          title: 'Churn model',
          owner: 'group:default/growth-ml',
          system: 'customer-growth',
          lifecycle: 'production',
          score: scans.neglected.scorecard.score,
          scannedAt: minutes(5),
          checkedAt: minutes(5),
        });
        expect(stored?.scorecard).toEqual(scans.neglected.scorecard);
        expect(stored?.results).toEqual(scans.neglected.results);
        expect(
          stored?.results.some(r =>
            r.evidence.some(e => e.path === 'train.py'),
          ),
        ).toBe(true);
        expect(stored?.lastScan.status).toBe('succeeded');
      });

      it('replaces the latest scorecard with the newer scan', async () => {
        const churn = service('churn-model');
        await record(churn, scans.neglected, { at: minutes(5) });

        const second = await record(churn, scans.wellKept, { at: minutes(10) });

        const stored = await store.getScorecard(churn.entityRef);
        expect(stored?.scanId).toBe(second.id);
        expect(stored?.score).toBe(scans.wellKept.scorecard.score);
        expect(stored?.results).toEqual(scans.wellKept.results);
        expect(
          await knex('scorecard_checks').where('entity_ref', churn.entityRef),
        ).toHaveLength(scans.wellKept.results.length);
      });

      it('keeps the last good scorecard when a scan fails', async () => {
        const churn = service('churn-model');
        const good = await record(churn, scans.wellKept, {
          at: minutes(5),
          sourceEtag: 'etag-1',
        });

        const failed = await store.recordScanFailure({
          entityRef: churn.entityRef,
          error: new Error('Repository not found: https://git.example/churn'),
          trigger: 'manual',
          startedAt: minutes(9),
          finishedAt: minutes(10),
        });

        expect(failed).toMatchObject({
          status: 'failed',
          trigger: 'manual',
          error: 'Repository not found: https://git.example/churn',
        });
        expect(failed.score).toBeUndefined();
        const stored = await store.getScorecard(churn.entityRef);
        expect(stored?.scanId).toBe(good.id);
        expect(stored?.scorecard).toEqual(scans.wellKept.scorecard);
        expect(stored?.lastScan).toMatchObject({
          id: failed.id,
          status: 'failed',
        });
        expect(await store.getSourceEtag(churn.entityRef)).toBe('etag-1');
      });

      it('writes nothing of a scan whose transaction fails', async () => {
        const churn = service('churn-model');
        await record(churn, scans.neglected, { at: minutes(5) });
        // The last row breaks the NOT NULL constraint on the check status, so
        // the transaction fails after the history and scorecard rows were
        // written inside it.
        const [first, ...rest] = scans.wellKept.results;
        const brokenScan = {
          ...scans.wellKept,
          results: [...rest, { ...first, status: null as unknown as 'pass' }],
        };

        // Matched by message, not with toThrow(): better-sqlite3's native
        // addon keeps the SqliteError class of the first test file that loaded
        // it in this worker, and jest's Error check fails across those realms.
        await expect(
          record(churn, brokenScan, { at: minutes(10) }),
        ).rejects.toMatchObject({
          message: expect.stringMatching(/not.null/i),
        });

        expect(await store.getHistory(churn.entityRef)).toHaveLength(1);
        const stored = await store.getScorecard(churn.entityRef);
        expect(stored?.score).toBe(scans.neglected.scorecard.score);
        expect(
          await knex('scorecard_checks').where('entity_ref', churn.entityRef),
        ).toHaveLength(scans.neglected.results.length);
      });

      it('returns no source etag for a service never scanned successfully', async () => {
        await store.recordScanFailure({
          entityRef: 'component:default/churn-model',
          error: 'unreadable',
          trigger: 'scheduled',
          startedAt: T0,
          finishedAt: T0,
        });

        expect(
          await store.getSourceEtag('component:default/churn-model'),
        ).toBeUndefined();
      });

      it('records an unchanged source without rewriting the scorecard', async () => {
        const churn = service('churn-model');
        const run = await record(churn, scans.neglected, { at: minutes(5) });

        expect(await store.touchUnchanged(churn.entityRef, minutes(60))).toBe(
          true,
        );

        const stored = await store.getScorecard(churn.entityRef);
        expect(stored?.checkedAt).toEqual(minutes(60));
        expect(stored?.scannedAt).toEqual(minutes(5));
        expect(stored?.scanId).toBe(run.id);
        expect(await store.getHistory(churn.entityRef)).toHaveLength(1);
      });

      it('reports an unchanged source of an unknown service as not recorded', async () => {
        expect(
          await store.touchUnchanged('component:default/nope', minutes(1)),
        ).toBe(false);
      });

      it('measures the change against the last scan one period ago', async () => {
        const churn = service('churn-model');
        await record(churn, variantOf(scans.neglected, { score: 40 }), {
          at: days(0),
        });
        await record(churn, variantOf(scans.neglected, { score: 50 }), {
          at: days(10),
        });
        await record(churn, variantOf(scans.neglected, { score: 55 }), {
          at: days(35),
        });

        const stored = await store.getScorecard(churn.entityRef);

        expect(stored?.previousScore).toBe(40);
        expect(stored?.change).toBe(15);
      });

      it('measures the change of a young service against its first scan', async () => {
        const churn = service('churn-model');
        await record(churn, variantOf(scans.neglected, { score: 40 }), {
          at: days(0),
        });
        await record(churn, variantOf(scans.neglected, { score: 62.5 }), {
          at: days(2),
        });

        const stored = await store.getScorecard(churn.entityRef);

        expect(stored?.change).toBe(22.5);
      });

      it('has no change after the first scan', async () => {
        const churn = service('churn-model');
        await record(churn, scans.neglected);

        const stored = await store.getScorecard(churn.entityRef);

        expect(stored?.previousScore).toBeUndefined();
        expect(stored?.change).toBeUndefined();
      });
    });

    describe('listing scorecards', () => {
      it("carries each row's failing-check count and newest scan status", async () => {
        const [churn, fraud, search] = await recordEstate();
        await store.recordScanFailure({
          entityRef: fraud.entityRef,
          error: 'The repository could not be read',
          trigger: 'scheduled',
          startedAt: minutes(9),
          finishedAt: minutes(10),
        });

        const page = await store.listScorecards({ sort: 'name' });

        const failing = async (ref: string) =>
          (
            (await store.getScorecard(ref))?.results.filter(r =>
              ['fail', 'warn'].includes(r.status),
            ) ?? []
          ).length;
        expect(
          page.items.map(i => [i.entityRef, i.failingChecks, i.lastScanStatus]),
        ).toEqual([
          [churn.entityRef, await failing(churn.entityRef), 'succeeded'],
          [fraud.entityRef, await failing(fraud.entityRef), 'failed'],
          [search.entityRef, await failing(search.entityRef), 'succeeded'],
        ]);
        // The fixtures differ, so the counts are not all the same number.
        expect(new Set(page.items.map(i => i.failingChecks)).size).toBe(
          page.items.length,
        );
      });

      it('sorts by name case-insensitively by default', async () => {
        await recordEstate();

        const page = await store.listScorecards();

        expect(page.items.map(i => i.title)).toEqual([
          'Churn model',
          'Fraud Detection',
          'Search ranking',
        ]);
      });

      it('sorts by score, worst first', async () => {
        await recordEstate();

        const page = await store.listScorecards({
          sort: 'score',
          order: 'asc',
        });

        expect(page.items.map(i => i.score)).toEqual([42, 75.2, 91.5]);
      });

      it('sorts by scan time, newest first', async () => {
        await recordEstate();

        const page = await store.listScorecards({
          sort: 'scannedAt',
          order: 'desc',
        });

        expect(page.items.map(i => i.title)).toEqual([
          'Fraud Detection',
          'Search ranking',
          'Churn model',
        ]);
      });

      it('puts services without a system last in both directions', async () => {
        await recordEstate();

        const asc = await store.listScorecards({
          sort: 'system',
          order: 'asc',
        });
        const desc = await store.listScorecards({
          sort: 'system',
          order: 'desc',
        });

        expect(asc.items.map(i => i.system ?? null)).toEqual([
          'customer-growth',
          'payments',
          null,
        ]);
        expect(desc.items.map(i => i.system ?? null)).toEqual([
          'payments',
          'customer-growth',
          null,
        ]);
      });

      it('sorts by change, biggest improvement first', async () => {
        const a = service('a');
        const b = service('b');
        const c = service('c');
        await record(a, variantOf(scans.neglected, { score: 50 }), {
          at: days(0),
        });
        await record(a, variantOf(scans.neglected, { score: 60 }), {
          at: days(1),
        });
        await record(b, variantOf(scans.neglected, { score: 70 }), {
          at: days(0),
        });
        await record(b, variantOf(scans.neglected, { score: 65 }), {
          at: days(1),
        });
        await record(c, variantOf(scans.neglected, { score: 80 }), {
          at: days(1),
        });

        const page = await store.listScorecards({
          sort: 'change',
          order: 'desc',
        });

        expect(page.items.map(i => [i.entityRef, i.change ?? null])).toEqual([
          [a.entityRef, 10],
          [b.entityRef, -5],
          [c.entityRef, null],
        ]);
      });

      it('breaks ties on the entity ref', async () => {
        const names = ['delta', 'alpha', 'charlie', 'bravo'];
        for (const name of names) {
          await record(
            service(name),
            variantOf(scans.neglected, { score: 70 }),
          );
        }

        const asc = await store.listScorecards({ sort: 'score', order: 'asc' });
        const desc = await store.listScorecards({
          sort: 'score',
          order: 'desc',
        });

        expect(asc.items.map(i => i.title)).toEqual([
          'alpha',
          'bravo',
          'charlie',
          'delta',
        ]);
        expect(desc.items.map(i => i.title)).toEqual([
          'delta',
          'charlie',
          'bravo',
          'alpha',
        ]);
      });

      it('ranks services capped at the same score by their uncapped score', async () => {
        for (const [name, uncapped] of [
          ['alpha', 63.3],
          ['bravo', 82.5],
          ['charlie', 74.2],
        ] as const) {
          const scan = variantOf(scans.neglected, { score: 60 });
          await record(service(name), {
            ...scan,
            scorecard: { ...scan.scorecard, uncappedScore: uncapped },
          });
        }

        const desc = await store.listScorecards({
          sort: 'score',
          order: 'desc',
        });

        expect(desc.items.map(i => [i.title, i.uncappedScore])).toEqual([
          ['bravo', 82.5],
          ['charlie', 74.2],
          ['alpha', 63.3],
        ]);
      });

      it('pages with limit and offset and counts every match', async () => {
        await recordEstate();

        const page = await store.listScorecards({
          sort: 'score',
          order: 'desc',
          limit: 1,
          offset: 1,
        });

        expect(page.items.map(i => i.score)).toEqual([75.2]);
        expect(page.totalCount).toBe(3);
      });

      it.each([
        [
          { owner: 'group:default/growth-ml' },
          ['churn-model', 'search-ranking'],
        ],
        [{ system: 'payments' }, ['fraud-detection']],
        [{ lifecycle: 'experimental' }, ['fraud-detection']],
        [{ grade: 'A' as const }, ['churn-model']],
        [
          { kind: 'Component' },
          ['churn-model', 'fraud-detection', 'search-ranking'],
        ],
        [{ kind: 'resource' }, []],
        [{ failingCheck: 'REP-02' }, ['fraud-detection', 'search-ranking']],
        [{ failingCheck: 'CFG-01' }, ['fraud-detection']],
        [{ text: 'RANKING' }, ['search-ranking']],
        [{ text: 'default/fraud' }, ['fraud-detection']],
        [
          { owner: 'group:default/growth-ml', failingCheck: 'REP-02' },
          ['search-ranking'],
        ],
      ])('filters by %j', async (filter, expected) => {
        await recordEstate();

        const page = await store.listScorecards({ ...filter, sort: 'name' });

        expect(page.items.map(i => i.entityRef.split('/')[1])).toEqual(
          expected,
        );
        expect(page.totalCount).toBe(expected.length);
      });

      it('treats text as a literal, not as SQL or a LIKE pattern', async () => {
        await recordEstate();
        await record(
          service('pct', { title: '100% uptime_model' }),
          variantOf(scans.neglected, { score: 50 }),
        );

        const injection = await store.listScorecards({
          text: "' or 1=1 --",
        });
        const wildcard = await store.listScorecards({ text: '%' });
        const underscore = await store.listScorecards({ text: 'e_m' });

        expect(injection.totalCount).toBe(0);
        expect(wildcard.items.map(i => i.title)).toEqual(['100% uptime_model']);
        expect(underscore.items.map(i => i.title)).toEqual([
          '100% uptime_model',
        ]);
      });

      it.each([{ limit: 501 }, { limit: 0 }, { offset: -1 }])(
        'rejects %j as bad input',
        async query => {
          await expect(store.listScorecards(query)).rejects.toMatchObject({
            name: 'InputError',
          });
        },
      );
    });

    describe('history', () => {
      it('returns scans newest first, failures included, paged by start time', async () => {
        const churn = service('churn-model');
        const first = await record(churn, scans.neglected, { at: minutes(10) });
        const failure = await store.recordScanFailure({
          entityRef: churn.entityRef,
          error: 'timeout after 60s',
          trigger: 'scheduled',
          startedAt: minutes(19),
          finishedAt: minutes(20),
        });
        const third = await record(churn, scans.wellKept, {
          at: minutes(30),
          trigger: 'manual',
        });

        const newest = await store.getHistory(churn.entityRef, { limit: 2 });
        const older = await store.getHistory(churn.entityRef, {
          limit: 2,
          before: newest[1].startedAt,
        });

        expect(newest.map(r => r.id)).toEqual([third.id, failure.id]);
        expect(older.map(r => r.id)).toEqual([first.id]);
        expect(newest[0]).toMatchObject({
          trigger: 'manual',
          score: scans.wellKept.scorecard.score,
          engineVersion: '0.1.0',
          catalogueVersion: 'builtin-1',
        });
      });

      it('reads one scan run by id', async () => {
        const run = await record(service('churn-model'), scans.neglected);

        expect(await store.getScanRun(run.id)).toEqual(run);
        expect(
          await store.getScanRun('00000000-0000-0000-0000-000000000000'),
        ).toBeUndefined();
      });

      it('prunes old scans but never the one behind the latest scorecard', async () => {
        const churn = service('churn-model');
        const fraud = service('fraud-detection');
        await record(churn, scans.neglected, { at: days(0) });
        const latestChurn = await record(churn, scans.wellKept, {
          at: days(1),
        });
        await store.recordScanFailure({
          entityRef: churn.entityRef,
          error: 'unreadable',
          trigger: 'scheduled',
          startedAt: days(2),
          finishedAt: days(2),
        });
        const recentFraud = await record(fraud, scans.neglected, {
          at: days(50),
        });

        const deleted = await store.pruneHistory(days(40));

        expect(deleted).toBe(2);
        expect(
          (await store.getHistory(churn.entityRef)).map(r => r.id),
        ).toEqual([latestChurn.id]);
        expect(
          (await store.getHistory(fraud.entityRef)).map(r => r.id),
        ).toEqual([recentFraud.id]);
        expect((await store.getScorecard(churn.entityRef))?.scorecard).toEqual(
          scans.wellKept.scorecard,
        );
      });
    });

    describe('rollups', () => {
      it('serves cached rollups until this store writes, and other writes after the cache time', async () => {
        await recordEstate();
        const cached = await DatabaseMlDebtStore.create({
          database: mockServices.database({ knex }),
          skipMigrations: true,
          rollupCacheMs: 60_000,
        });
        const before = await cached.getRollups('owner');
        // Another replica's write is not seen while the rollups are cached...
        await store.markMissingAsRemoved(
          ['component:default/fraud-detection'],
          minutes(10),
        );
        expect(await cached.getRollups('owner')).toEqual(before);
        // ...and this store's own write drops them at once.
        await cached.upsertServices([], minutes(11));
        expect(
          (await cached.getRollups('owner')).map(r => [r.key, r.count]),
        ).toEqual([['group:default/risk-ml', 1]]);
        // Without a cache every call aggregates afresh.
        const uncached = await DatabaseMlDebtStore.create({
          database: mockServices.database({ knex }),
          skipMigrations: true,
          rollupCacheMs: 0,
        });
        await store.markMissingAsRemoved([], minutes(12));
        expect(await uncached.getRollups('owner')).toEqual([]);
      });

      it('aggregates count, scores and grades per owner', async () => {
        await recordEstate();

        const rollups = await store.getRollups('owner');

        expect(rollups).toEqual([
          {
            key: 'group:default/growth-ml',
            count: 2,
            averageScore: 83.4,
            minScore: 75.2,
            maxScore: 91.5,
            grades: { A: 1, B: 0, C: 1, D: 0, F: 0 },
            topFailingChecks: expect.any(Array),
          },
          {
            key: 'group:default/risk-ml',
            count: 1,
            averageScore: 42,
            minScore: 42,
            maxScore: 42,
            grades: { A: 0, B: 0, C: 0, D: 0, F: 1 },
            topFailingChecks: expect.any(Array),
          },
        ]);
      });

      it('groups services without a system under null', async () => {
        await recordEstate();

        const rollups = await store.getRollups('system');

        expect(rollups.map(r => [r.key, r.count])).toEqual([
          ['customer-growth', 1],
          ['payments', 1],
          [null, 1],
        ]);
      });

      it('lists the five most common failing checks of each group', async () => {
        // CFG-01 fails in three services, REP-02 in two, four more in one.
        const failingPerService = [
          ['CFG-01', 'REP-02', 'DOC-01', 'TST-01', 'OPS-01', 'MON-01'],
          ['CFG-01', 'REP-02'],
          ['CFG-01'],
        ];
        for (const [i, failing] of failingPerService.entries()) {
          await record(
            service(`svc-${i}`, { owner: 'group:default/team' }),
            variantOf(scans.wellKept, {
              score: 50,
              statuses: Object.fromEntries(
                failing.map(id => [id, i === 1 ? 'warn' : 'fail'] as const),
              ),
              othersPass: true,
            }),
          );
        }

        const [rollup] = await store.getRollups('owner');

        expect(rollup.topFailingChecks).toEqual([
          { checkId: 'CFG-01', count: 3 },
          { checkId: 'REP-02', count: 2 },
          { checkId: 'DOC-01', count: 1 },
          { checkId: 'MON-01', count: 1 },
          { checkId: 'OPS-01', count: 1 },
        ]);
      });
    });

    describe('overview', () => {
      it('is empty before any scorecard exists', async () => {
        await expect(store.getOverview()).resolves.toEqual({
          count: 0,
          averageScore: null,
          grades: { A: 0, B: 0, C: 0, D: 0, F: 0 },
          topFailingChecks: [],
        });
      });

      it('aggregates grades and failing checks over the services in the catalog', async () => {
        const estate = await recordEstate();

        const overview = await store.getOverview({ topChecks: 100 });

        expect(overview).toMatchObject({
          count: 3,
          averageScore: 69.6,
          grades: { A: 1, B: 0, C: 1, D: 0, F: 1 },
        });
        // REP-02 fails on fraud-detection and warns on search-ranking.
        expect(overview.topFailingChecks).toContainEqual({
          checkId: 'REP-02',
          count: 2,
        });
        const counts = overview.topFailingChecks.map(c => c.count);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
        expect((await store.getOverview()).topFailingChecks).toEqual(
          overview.topFailingChecks.slice(0, 10),
        );

        await store.markMissingAsRemoved(
          [estate[0].entityRef, estate[2].entityRef],
          minutes(10),
        );
        const afterRemoval = await store.getOverview({ topChecks: 100 });
        expect(afterRemoval).toMatchObject({
          count: 2,
          grades: { A: 1, B: 0, C: 1, D: 0, F: 0 },
        });
        expect(afterRemoval.topFailingChecks).toContainEqual({
          checkId: 'REP-02',
          count: 1,
        });
      });

      it('ranks checks by the number of services failing them, then by id', async () => {
        const failingPerService = [
          ['CFG-01', 'REP-02', 'DOC-01'],
          ['CFG-01', 'REP-02'],
          ['CFG-01', 'MON-01'],
        ];
        for (const [i, failing] of failingPerService.entries()) {
          await record(
            service(`svc-${i}`, { owner: `group:default/team-${i}` }),
            variantOf(scans.wellKept, {
              score: 50,
              statuses: Object.fromEntries(
                failing.map(id => [id, 'fail'] as const),
              ),
              othersPass: true,
            }),
          );
        }

        const overview = await store.getOverview({ topChecks: 3 });

        expect(overview.topFailingChecks).toEqual([
          { checkId: 'CFG-01', count: 3 },
          { checkId: 'REP-02', count: 2 },
          { checkId: 'DOC-01', count: 1 },
        ]);
        await expect(store.getOverview({ topChecks: 0 })).rejects.toThrow(
          /topChecks must be an integer from 1 to 100/,
        );
      });
    });

    describe('waivers and attestations', () => {
      const churnRef = 'component:default/churn-model';

      async function waive(
        overrides: { expiresAt?: Date; target?: string } = {},
      ) {
        return store.createWaiver({
          entityRef: churnRef,
          kind: 'waiver',
          target: overrides.target ?? 'REP-02',
          reason: 'Lock file lands with the Poetry migration in Q1',
          author: 'user:default/alice',
          createdAt: days(0),
          expiresAt: overrides.expiresAt,
        });
      }

      it('creates a waiver and reads it back', async () => {
        const waiver = await waive({ expiresAt: days(30) });

        expect(await store.getWaiver(waiver.id)).toEqual({
          id: waiver.id,
          entityRef: churnRef,
          kind: 'waiver',
          target: 'REP-02',
          reason: 'Lock file lands with the Poetry migration in Q1',
          author: 'user:default/alice',
          createdAt: days(0),
          expiresAt: days(30),
        });
      });

      it('creates an attestation with its status and evidence', async () => {
        const attestation = await store.createWaiver({
          entityRef: churnRef,
          kind: 'attestation',
          target: 'infra.6',
          status: 'automated',
          evidence: 'deploy/canary.yaml',
          reason: 'Argo Rollouts canaries every model release',
          author: 'user:default/bob',
          createdAt: days(0),
        });

        expect(await store.getWaiver(attestation.id)).toMatchObject({
          kind: 'attestation',
          target: 'infra.6',
          status: 'automated',
          evidence: 'deploy/canary.yaml',
        });
      });

      it.each([
        [{ kind: 'attestation' as const }, 'needs a status'],
        [{ status: 'manual' as const }, 'Only attestations'],
        [{ reason: '  ' }, 'reason'],
        [{ expiresAt: new Date(days(0).getTime() - 1) }, 'expiresAt'],
      ])('rejects %j', async (overrides, message) => {
        await expect(
          store.createWaiver({
            entityRef: churnRef,
            kind: 'waiver',
            target: 'REP-02',
            reason: 'because',
            author: 'user:default/alice',
            createdAt: days(0),
            ...overrides,
          }),
        ).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringContaining(message),
        });
      });

      it('counts a waiver as active until it expires', async () => {
        const waiver = await waive({ expiresAt: days(30) });

        const before = await store.activeWaivers(churnRef, days(29));
        const after = await store.activeWaivers(churnRef, days(30));

        expect(before.map(w => w.id)).toEqual([waiver.id]);
        expect(after).toEqual([]);
      });

      it('stops counting a revoked waiver, and keeps it for the audit trail', async () => {
        const waiver = await waive();

        const revoked = await store.revokeWaiver(
          waiver.id,
          'user:default/carol',
          days(3),
        );

        expect(revoked).toMatchObject({
          revokedBy: 'user:default/carol',
          revokedAt: days(3),
        });
        expect(await store.activeWaivers(churnRef, days(4))).toEqual([]);
        expect(
          await store.listWaivers(churnRef, { includeInactive: true }),
        ).toEqual([revoked]);
      });

      it('lists only active waivers unless asked for all, newest first', async () => {
        const expired = await waive({ expiresAt: days(1), target: 'CFG-01' });
        const active = await store.createWaiver({
          entityRef: churnRef,
          kind: 'waiver',
          target: 'REP-02',
          reason: 'Migration planned',
          author: 'user:default/alice',
          createdAt: days(2),
        });
        await waive({ target: 'DOC-01' }).then(w =>
          store.revokeWaiver(w.id, 'user:default/carol', days(3)),
        );

        const current = await store.listWaivers(churnRef, { now: days(5) });
        const all = await store.listWaivers(churnRef, {
          includeInactive: true,
          now: days(5),
        });

        expect(current.map(w => w.id)).toEqual([active.id]);
        expect(all).toHaveLength(3);
        expect(all[0].id).toBe(active.id);
        expect(all.map(w => w.id)).toContain(expired.id);
      });

      it('refuses to revoke a waiver twice', async () => {
        const waiver = await waive();
        await store.revokeWaiver(waiver.id, 'user:default/carol', days(3));

        await expect(
          store.revokeWaiver(waiver.id, 'user:default/dave', days(4)),
        ).rejects.toMatchObject({ name: 'ConflictError' });
        expect((await store.getWaiver(waiver.id)).revokedBy).toBe(
          'user:default/carol',
        );
      });

      it('reports an unknown waiver as not found', async () => {
        const unknown = '00000000-0000-0000-0000-000000000000';

        await expect(store.getWaiver(unknown)).rejects.toMatchObject({
          name: 'NotFoundError',
        });
        await expect(
          store.revokeWaiver(unknown, 'user:default/carol', days(1)),
        ).rejects.toMatchObject({ name: 'NotFoundError' });
      });
    });

    describe('scan queue', () => {
      const refs = [
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ];

      it('enqueues each service once per cycle, even when two replicas start it', async () => {
        await store.startCycle('cycle-1', refs, T0);
        await store.startCycle('cycle-1', [...refs, 'component:default/d'], T0);

        expect(await store.cycleProgress('cycle-1')).toEqual({
          pending: 4,
          claimed: 0,
          done: 0,
        });
      });

      it('hands out pending services in batches and tracks progress', async () => {
        await store.startCycle('cycle-1', refs, T0);

        const first = await store.claimBatch({
          cycleId: 'cycle-1',
          workerId: 'replica-1',
          limit: 2,
          leaseMs: 60_000,
          now: minutes(1),
        });
        const second = await store.claimBatch({
          cycleId: 'cycle-1',
          workerId: 'replica-2',
          limit: 2,
          leaseMs: 60_000,
          now: minutes(1),
        });
        expect(
          await store.completeClaim('cycle-1', first[0], 'replica-1'),
        ).toBe(true);

        expect(first).toEqual(['component:default/a', 'component:default/b']);
        expect(second).toEqual(['component:default/c']);
        expect(await store.cycleProgress('cycle-1')).toEqual({
          pending: 0,
          claimed: 2,
          done: 1,
        });
      });

      it('lets another replica take over an expired lease', async () => {
        await store.startCycle('cycle-1', refs, T0);
        const crashed = await store.claimBatch({
          cycleId: 'cycle-1',
          workerId: 'replica-1',
          limit: 3,
          leaseMs: 60_000,
          now: minutes(0),
        });

        const tooEarly = await store.claimBatch({
          cycleId: 'cycle-1',
          workerId: 'replica-2',
          limit: 3,
          leaseMs: 60_000,
          now: minutes(0.5),
        });
        const takenOver = await store.claimBatch({
          cycleId: 'cycle-1',
          workerId: 'replica-2',
          limit: 3,
          leaseMs: 60_000,
          now: minutes(2),
        });

        expect(crashed).toEqual(refs);
        expect(tooEarly).toEqual([]);
        expect(takenOver).toEqual(refs);
        // The crashed replica no longer holds the claim when it comes back.
        expect(await store.completeClaim('cycle-1', refs[0], 'replica-1')).toBe(
          false,
        );
        expect(await store.completeClaim('cycle-1', refs[0], 'replica-2')).toBe(
          true,
        );
      });

      it('never hands out a completed service again', async () => {
        await store.startCycle('cycle-1', refs.slice(0, 1), T0);
        const [ref] = await store.claimBatch({
          cycleId: 'cycle-1',
          workerId: 'replica-1',
          limit: 1,
          leaseMs: 1_000,
          now: minutes(0),
        });
        await store.completeClaim('cycle-1', ref, 'replica-1', minutes(0));

        const later = await store.claimBatch({
          cycleId: 'cycle-1',
          workerId: 'replica-2',
          limit: 1,
          leaseMs: 1_000,
          now: minutes(10),
        });

        expect(later).toEqual([]);
      });

      it('keeps cycles apart and prunes old ones', async () => {
        await store.startCycle('cycle-1', refs, days(0));
        await store.startCycle('cycle-2', refs, days(1));

        expect(await store.pruneCycles(days(0.5))).toBe(3);
        expect(await store.cycleProgress('cycle-1')).toEqual({
          pending: 0,
          claimed: 0,
          done: 0,
        });
        expect((await store.cycleProgress('cycle-2')).pending).toBe(3);
      });

      if (databaseId.startsWith('POSTGRES')) {
        it('never gives the same service to two replicas claiming in parallel', async () => {
          const estate = Array.from(
            { length: 400 },
            (_, i) => `component:default/svc-${String(i).padStart(3, '0')}`,
          );
          await store.startCycle('cycle-1', estate, T0);
          // A second store on the same database, as a second replica would have.
          const otherReplica = await DatabaseMlDebtStore.create({
            database: mockServices.database({ knex }),
          });

          async function drain(replica: DatabaseMlDebtStore, workerId: string) {
            const claimed: string[] = [];
            for (;;) {
              const batch = await replica.claimBatch({
                cycleId: 'cycle-1',
                workerId,
                limit: 7,
                leaseMs: 600_000,
                now: minutes(1),
              });
              if (batch.length === 0) return claimed;
              claimed.push(...batch);
            }
          }
          const [one, two] = await Promise.all([
            drain(store, 'replica-1'),
            drain(otherReplica, 'replica-2'),
          ]);

          expect(one.length).toBeGreaterThan(0);
          expect(two.length).toBeGreaterThan(0);
          expect(one.filter(ref => two.includes(ref))).toEqual([]);
          expect([...one, ...two].sort()).toEqual(estate);
        });
      }
    });

    describe('at scale', () => {
      // Latency targets live in the benchmarks (yarn bench), not here: this
      // checks that paging, filtering and aggregation stay correct at scale.
      it('pages, filters and rolls up 10,000 services in SQL', async () => {
        await seedEstate(knex, 10_000, 5);

        const page = await store.listScorecards({
          sort: 'score',
          order: 'asc',
          limit: 50,
        });
        const filtered = await store.listScorecards({
          owner: 'group:default/team-7',
          failingCheck: 'REP-02',
          sort: 'name',
        });
        const rollups = await store.getRollups('owner');

        expect(page.totalCount).toBe(10_000);
        expect(page.items).toHaveLength(50);
        const scores = page.items.map(item => item.score);
        expect(scores).toEqual([...scores].sort((a, b) => a - b));
        expect(filtered.totalCount).toBe(500);
        expect(rollups).toHaveLength(20);
        expect(rollups[0].topFailingChecks).toHaveLength(2);
      });
    });
  },
);

/**
 * Bulk-loads an estate straight into the tables: going through
 * recordScanSuccess 50,000 times would measure the loader, not the queries.
 * The JSON payloads are left out: list and rollup queries never read them.
 */
async function seedEstate(knex: Knex, services: number, scansEach: number) {
  const checkIds = ['REP-02', 'CFG-01', 'DOC-01', 'TST-01'];
  const ref = (i: number) =>
    `component:default/svc-${String(i).padStart(5, '0')}`;
  for (let start = 0; start < services; start += 250) {
    const batch = Array.from(
      { length: Math.min(250, services - start) },
      (_, j) => start + j,
    );
    await knex.transaction(async trx => {
      await trx('services').insert(
        batch.map(i => ({
          entity_ref: ref(i),
          kind: 'component',
          type: 'ml-service',
          title: `Service ${i}`,
          owner: `group:default/team-${i % 20}`,
          system: `system-${i % 50}`,
          lifecycle: i % 3 === 0 ? 'experimental' : 'production',
          first_seen_at: T0,
          last_seen_at: T0,
        })),
      );
      const runs = batch.flatMap(i =>
        Array.from({ length: scansEach }, (_, k) => ({
          id: `00000000-0000-4000-8000-${String(i * scansEach + k).padStart(
            12,
            '0',
          )}`,
          entity_ref: ref(i),
          trigger: 'scheduled',
          status: 'succeeded',
          started_at: days(k),
          finished_at: days(k),
          score: (i * 7 + k) % 100,
          uncapped_score: (i * 7 + k) % 100,
          grade: 'C',
          ml_test_score: 1,
        })),
      );
      for (let r = 0; r < runs.length; r += 200) {
        await trx('scan_runs').insert(runs.slice(r, r + 200));
      }
      await trx('scorecards').insert(
        batch.map(i => ({
          entity_ref: ref(i),
          kind: 'component',
          type: 'ml-service',
          title: `Service ${i}`,
          owner: `group:default/team-${i % 20}`,
          system: `system-${i % 50}`,
          lifecycle: i % 3 === 0 ? 'experimental' : 'production',
          score: (i * 7 + scansEach - 1) % 100,
          uncapped_score: (i * 7 + scansEach - 1) % 100,
          grade: ['A', 'B', 'C', 'D', 'F'][i % 5],
          ml_test_score: 1,
          previous_score: (i * 7) % 100,
          scan_id: `00000000-0000-4000-8000-${String(
            i * scansEach + scansEach - 1,
          ).padStart(12, '0')}`,
          scanned_at: days(scansEach - 1),
          checked_at: days(scansEach - 1),
        })),
      );
      const checks = batch.flatMap(i =>
        checkIds.map((checkId, c) => ({
          entity_ref: ref(i),
          check_id: checkId,
          // REP-02 fails everywhere, CFG-01 in every other service.
          status: c === 0 || (c === 1 && i % 2 === 0) ? 'fail' : 'pass',
          score: 0,
          category: 'reproducibility',
        })),
      );
      for (let c = 0; c < checks.length; c += 200) {
        await trx('scorecard_checks').insert(checks.slice(c, c + 200));
      }
    });
  }
  if (knex.client.dialect === 'postgresql') {
    await knex.raw('analyze');
  }
}

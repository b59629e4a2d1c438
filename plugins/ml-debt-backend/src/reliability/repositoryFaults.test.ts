import fs from 'node:fs';
import path from 'node:path';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { scorecardPath } from '../__testUtils__/backend';
import {
  copyDemoRepo,
  ENORMOUS,
  faultEntity,
  FULL_SIZE,
  growEnormousRepository,
  removeTree,
  reportResult,
  startGiteaLikeServer,
  startWithConfig,
  tempDir,
  waitFor,
} from './__testUtils__/fixtures';

// Repository faults during a scheduled scan cycle, on every supported
// database: a source that is deleted, one whose access is revoked, one whose
// Git host stops answering, and one that is enormous. Each fault is recorded
// as that service's scan error, the other services are scanned normally in the
// same cycle, the cycle finishes within the per-service timeout, and the last
// good scorecards are kept and still served by the API.
jest.setTimeout(FULL_SIZE ? 900_000 : 180_000);

const databases = TestDatabases.create();

if (!databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES'))) {
  // eslint-disable-next-line no-console
  console.warn(
    'PostgreSQL cases SKIPPED in reliability/repositoryFaults.test.ts: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to run them',
  );
}

const SCAN_TIMEOUT_S = FULL_SIZE ? 10 : 3;
const isRoot = process.getuid?.() === 0;
const HOUR = 3_600_000;

describe.each(databases.eachSupportedId())(
  'repository faults on %s',
  (databaseId: TestDatabaseId) => {
    let root: string;
    let outside: string;
    const cleanups: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('records each fault on its service, scans the others, keeps and serves the last good scorecards', async () => {
      root = tempDir('faults');
      outside = tempDir('outside');
      cleanups.push(
        () => removeTree(root),
        () => removeTree(outside),
      );
      const dir = (name: string) => path.join(root, name);

      copyDemoRepo('fraud-detection', dir('steady'));
      copyDemoRepo('sentiment-api', dir('edited'));
      copyDemoRepo('churn-prototype', dir('deleted'));
      copyDemoRepo('image-moderation', dir('revoked'));
      copyDemoRepo('credit-risk-scoring', dir('enormous'));
      growEnormousRepository(dir('enormous'));
      copyDemoRepo('search-ranking', path.join(outside, 'hanging'));

      const gitea = await startGiteaLikeServer({
        port: databaseId.startsWith('POSTGRES') ? 7511 : 7510,
        owner: 'acme-ml',
        repo: 'hanging',
        sourceDir: path.join(outside, 'hanging'),
      });
      cleanups.push(() => gitea.close());

      const entities = [
        faultEntity('fraud-detection', 'steady', `dir:${dir('steady')}`),
        faultEntity('sentiment-api', 'edited', `dir:${dir('edited')}`),
        faultEntity('churn-prototype', 'deleted', `dir:${dir('deleted')}`),
        faultEntity('image-moderation', 'revoked', `dir:${dir('revoked')}`),
        faultEntity(
          'credit-risk-scoring',
          'enormous',
          `dir:${dir('enormous')}`,
        ),
        faultEntity('search-ranking', 'hanging', gitea.location),
      ];
      const names = entities.map(e => e.metadata.name).sort();

      let offsetMs = 0;
      const knex: Knex = await databases.init(databaseId);
      const { server, runCycle, backend } = await startWithConfig({
        knex,
        entities,
        // Each cycle in its own hourly slot, as on a real schedule.
        clock: () => new Date(Date.now() + offsetMs),
        mlDebt: {
          scan: { timeout: { seconds: SCAN_TIMEOUT_S }, concurrency: 4 },
          sources: {
            localRoots: [root],
            ...(ENORMOUS.maxFiles ? { maxFiles: ENORMOUS.maxFiles } : {}),
          },
        },
        rootConfig: { integrations: { gitea: [gitea.integration] } },
      });
      cleanups.push(() => backend.stop());

      const get = (p: string) => request(server).get(p);
      const lastScan = async (name: string) =>
        (await get(`${scorecardPath(name)}/scan`)).body;

      // Cycle 1: everything is healthy.
      const first = Date.now();
      await runCycle();
      const firstMs = Date.now() - first;
      for (const name of names) {
        expect({ name, scan: await lastScan(name) }).toMatchObject({
          name,
          scan: { status: 'succeeded' },
        });
      }
      const good: Record<string, { score: number; grade: string }> = {};
      for (const name of ['deleted', 'revoked', 'hanging', 'enormous']) {
        const res = await get(scorecardPath(name));
        expect(res.status).toBe(200);
        good[name] = { score: res.body.score, grade: res.body.grade };
      }
      // The enormous repository was scanned within its bounds, and says so.
      const enormous = await get(scorecardPath('enormous'));
      const evidence = enormous.body.checks.flatMap(
        (c: { evidence: Array<{ message: string }> }) =>
          c.evidence.map(e => e.message),
      );
      expect(evidence.join('\n')).toMatch(
        /Part of the repository was not scanned \(stopped listing at \d+ files\)/,
      );

      // The faults.
      fs.rmSync(dir('deleted'), { recursive: true, force: true });
      if (isRoot) {
        // Permission bits do not stop root: the checkout is swapped for a
        // link to a directory outside the allowed roots instead.
        fs.rmSync(dir('revoked'), { recursive: true, force: true });
        fs.symlinkSync(outside, dir('revoked'));
      } else {
        fs.chmodSync(dir('revoked'), 0o000);
      }
      gitea.setMode('hang');
      fs.appendFileSync(path.join(dir('edited'), 'README.md'), '\nEdited.\n');
      offsetMs += HOUR;

      // Cycle 2: the faults are recorded, the rest is scanned.
      const second = Date.now();
      const cycle2 = runCycle();
      // While the cycle waits on the hung host, the API answers promptly.
      await waitFor(() => gitea.hungRequests > 0, 30_000);
      const during: number[] = [];
      for (const p of [
        '/api/ml-debt/scorecards?limit=50',
        scorecardPath('hanging'),
        `${scorecardPath('hanging')}/history`,
        '/api/ml-debt/rollups?groupBy=owner',
      ]) {
        const started = Date.now();
        const res = await get(p);
        during.push(Date.now() - started);
        expect({ path: p, status: res.status }).toEqual({
          path: p,
          status: 200,
        });
      }
      expect(Math.max(...during)).toBeLessThan(2_000);
      await cycle2;
      const secondMs = Date.now() - second;
      expect(secondMs).toBeLessThan(
        firstMs + 3 * SCAN_TIMEOUT_S * 1000 + 5_000,
      );
      expect(gitea.hungRequests).toBeGreaterThan(0);

      const failures = {
        deleted: /does not exist/,
        revoked: isRoot ? /outside the allowed roots/ : /EACCES|permission/i,
        hanging: /did not finish within \d+ s/,
      };
      for (const [name, error] of Object.entries(failures)) {
        const scan = await lastScan(name);
        expect({ name, status: scan.status }).toEqual({
          name,
          status: 'failed',
        });
        expect(scan.error).toMatch(error);

        // The last good scorecard is kept and served, with the failure.
        const card = await get(scorecardPath(name));
        expect(card.status).toBe(200);
        expect({ score: card.body.score, grade: card.body.grade }).toEqual(
          good[name],
        );
        expect(card.body.lastScan.status).toBe('failed');
        expect(card.body.scanStatus).toBe('failed');
        const history = await get(`${scorecardPath(name)}/history`);
        expect(history.body.items.map((i: any) => i.status)).toEqual([
          'failed',
          'succeeded',
        ]);
      }
      // The others, in the same cycle.
      const edited = await get(`${scorecardPath('edited')}/history`);
      expect(edited.body.items.map((i: any) => i.status)).toEqual([
        'succeeded',
        'succeeded',
      ]);
      for (const name of ['steady', 'enormous']) {
        expect(await lastScan(name)).toMatchObject({ status: 'succeeded' });
      }
      const queue = await knex('scan_queue').select('cycle_id', 'status');
      expect(queue.every(row => row.status === 'done')).toBe(true);

      // The API kept answering: the list serves every service.
      const list = await get('/api/ml-debt/scorecards?limit=50');
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: any) => i.entityRef).sort()).toEqual(
        names.map(n => `component:default/${n}`),
      );
      const failedInList = list.body.items
        .filter((i: any) => i.scanStatus === 'failed')
        .map((i: any) => i.entityRef)
        .sort();
      expect(failedInList).toEqual(
        ['deleted', 'hanging', 'revoked'].map(n => `component:default/${n}`),
      );

      // Cycle 3: the faults are repaired and the services recover.
      copyDemoRepo('churn-prototype', dir('deleted'));
      gitea.setMode('serve');
      offsetMs += HOUR;
      await runCycle();
      for (const name of ['deleted', 'hanging']) {
        expect({ name, scan: await lastScan(name) }).toMatchObject({
          name,
          scan: { status: 'succeeded', error: null },
        });
      }

      reportResult(
        `repository-faults-${databaseId}`,
        `healthy cycle ${firstMs} ms, faulty cycle ${secondMs} ms with the scan timeout at ${SCAN_TIMEOUT_S} s; deleted, revoked and hanging recorded as failed scans, last good scorecards served (API answered in at most ${Math.max(
          ...during,
        )} ms while the cycle hung); enormous repository (${
          ENORMOUS.files
        } files, ${ENORMOUS.hugeFiles} sparse files of ${
          ENORMOUS.hugeBytes / 1024 ** 3
        } GiB, depth ${
          ENORMOUS.depth
        }, link loops, a named pipe) scanned within its bounds`,
        {
          database: databaseId,
          healthyCycleMs: firstMs,
          faultyCycleMs: secondMs,
          scanTimeoutS: SCAN_TIMEOUT_S,
          enormous: ENORMOUS,
          failures: Object.keys(failures),
          apiDuringFaultMaxMs: Math.max(...during),
        },
      );
    });
  },
);

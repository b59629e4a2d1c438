import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { mlDebtChecksExtensionPoint } from '@ml-debt/plugin-ml-debt-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Server } from 'node:http';
import request from 'supertest';
import {
  demoEntity,
  gatedCatalog,
  mutableCatalog,
  rescan,
  scorecardPath,
  startMlDebt,
  waitForScan,
} from './__testUtils__/backend';

// The plugin wired together, on every supported database: discovery, the
// scheduled and the on-demand scan of real demo repositories, history,
// waivers, permissions and the error paths of the API.
jest.setTimeout(120_000);

const databases = TestDatabases.create();

if (!databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES'))) {
  // eslint-disable-next-line no-console
  console.warn(
    'PostgreSQL cases SKIPPED in plugin.test.ts: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to run them',
  );
}

/** A non-ML component the scanner must ignore. */
const websiteEntity = demoEntity('marketing-website');

const estate = (): Entity[] => [
  demoEntity('fraud-detection'),
  demoEntity('sentiment-api'),
  demoEntity('churn-prototype'),
  demoEntity('payments-gateway'),
  websiteEntity,
];

describe.each(databases.eachSupportedId())(
  'the ml-debt plugin on %s',
  (databaseId: TestDatabaseId) => {
    const stops: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (stops.length) await stops.pop()!();
    });

    async function start(
      options: Partial<Parameters<typeof startMlDebt>[0]> = {},
    ) {
      const knex = await databases.init(databaseId);
      const started = await startMlDebt({
        knex,
        entities: estate(),
        ...options,
      });
      stops.push(() => started.backend.stop());
      return started;
    }

    const refs = (res: request.Response) =>
      res.body.items.map((i: { entityRef: string }) => i.entityRef);

    describe('discovery and the scheduled scan', () => {
      it('scans exactly the ML services of the catalog in a scheduled cycle', async () => {
        const { server, runCycle } = await start();

        await runCycle();

        const res = await request(server).get(
          '/api/ml-debt/scorecards?sort=name',
        );
        expect(res.status).toBe(200);
        expect(refs(res).sort()).toEqual([
          'component:default/churn-prototype',
          'component:default/fraud-detection',
          'component:default/sentiment-api',
        ]);
        expect(res.body.totalCount).toBe(3);
        for (const item of res.body.items) {
          expect(item).toMatchObject({
            scanStatus: 'succeeded',
            failingChecks: expect.any(Number),
            grade: expect.stringMatching(/^[A-F]$/),
          });
        }
      });

      it('drops a service that left the catalog at the next cycle', async () => {
        const { catalog, setEntities } = mutableCatalog(estate());
        const { server, runCycle } = await start({ catalog });
        await runCycle();

        setEntities(estate().filter(e => e.metadata.name !== 'sentiment-api'));
        await runCycle();

        const list = await request(server).get('/api/ml-debt/scorecards');
        expect(refs(list)).not.toContain('component:default/sentiment-api');
        expect(refs(list)).toHaveLength(2);
        const one = await request(server).get(scorecardPath('sentiment-api'));
        expect(one.status).toBe(404);
      });

      it('lists the ML services the catalog has, and not the others', async () => {
        const { server } = await start();

        const res = await request(server).get('/api/ml-debt/services');

        expect(res.status).toBe(200);
        expect(refs(res)).toEqual([
          'component:default/churn-prototype',
          'component:default/fraud-detection',
          'component:default/sentiment-api',
        ]);
      });

      it('serves a scanned service with its checks, evidence and history', async () => {
        const { server, runCycle } = await start();
        await runCycle();

        const res = await request(server).get(scorecardPath('fraud-detection'));

        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          entityRef: 'component:default/fraud-detection',
          owner: 'group:fraud-ml',
          lifecycle: 'production',
          scanStatus: 'succeeded',
          lastScan: { status: 'succeeded', trigger: 'scheduled' },
        });
        const failing = res.body.checks.filter(
          (c: { status: string }) => c.status === 'fail',
        );
        expect(failing.length).toBeGreaterThan(0);
        expect(failing.length).toBeLessThanOrEqual(res.body.failingChecks);
        expect(res.body.checks[0]).toMatchObject({
          source: 'builtin',
          advisory: expect.any(Boolean),
          remediation: expect.any(Array),
        });

        const history = await request(server).get(
          `${scorecardPath('fraud-detection')}/history`,
        );
        expect(history.status).toBe(200);
        expect(history.body.items).toEqual([
          expect.objectContaining({
            status: 'succeeded',
            trigger: 'scheduled',
            grade: res.body.grade,
            score: res.body.score,
          }),
        ]);
      });

      it('prunes scan history older than the retention after a cycle', async () => {
        let now = Date.now() - 60 * 86_400_000;
        const { server, runCycle } = await start({
          clock: () => new Date(now),
          config: { history: { retentionDays: 30 } },
        });
        await rescan(server, 'fraud-detection');
        now = Date.now();

        await runCycle();

        const history = await request(server).get(
          `${scorecardPath('fraud-detection')}/history`,
        );
        expect(history.body.items).toEqual([
          expect.objectContaining({ trigger: 'scheduled' }),
        ]);
      });

      it('aggregates rollups per owner', async () => {
        const { server, runCycle } = await start();
        await runCycle();

        const res = await request(server).get(
          '/api/ml-debt/rollups?groupBy=owner',
        );

        expect(res.status).toBe(200);
        expect(res.body.groupBy).toBe('owner');
        expect(
          res.body.groups.map((g: { key: string; count: number }) => [
            g.key,
            g.count,
          ]),
        ).toEqual(
          expect.arrayContaining([
            ['group:fraud-ml', 1],
            ['group:growth-ml', 2],
          ]),
        );
      });
    });

    describe('overview', () => {
      it('aggregates grades and failing checks over the whole estate', async () => {
        const { server, runCycle } = await start();
        await runCycle();

        const rollups = await request(server).get(
          '/api/ml-debt/rollups?groupBy=owner',
        );
        const res = await request(server).get(
          '/api/ml-debt/overview?topChecks=3',
        );

        expect(res.status).toBe(200);
        const groups: Array<{ count: number; grades: Record<string, number> }> =
          rollups.body.groups;
        expect(res.body.count).toBe(groups.reduce((n, g) => n + g.count, 0));
        for (const grade of ['A', 'B', 'C', 'D', 'F']) {
          expect(res.body.grades[grade]).toBe(
            groups.reduce((n, g) => n + g.grades[grade], 0),
          );
        }
        expect(res.body.topFailingChecks).toHaveLength(3);
        const counts = res.body.topFailingChecks.map(
          (c: { count: number }) => c.count,
        );
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      });

      it('rejects a topChecks outside 1 to 100', async () => {
        const { server } = await start();

        const res = await request(server).get(
          '/api/ml-debt/overview?topChecks=0',
        );

        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/topChecks/);
      });
    });

    describe('on-demand scans', () => {
      it('rescans one service now and reports the outcome at /scan', async () => {
        const { server } = await start();

        const done = await rescan(server, 'fraud-detection');

        expect(done).toMatchObject({ status: 'succeeded' });
        const history = await request(server).get(
          `${scorecardPath('fraud-detection')}/history`,
        );
        expect(history.body.items).toEqual([
          expect.objectContaining({ trigger: 'manual', status: 'succeeded' }),
        ]);
      });

      it('returns the scan already running instead of starting another', async () => {
        const { catalog, release } = gatedCatalog(estate());
        const { server } = await start({ catalog });

        const first = await request(server).post(
          `${scorecardPath('sentiment-api')}/scan`,
        );
        const second = await request(server).post(
          `${scorecardPath('sentiment-api')}/scan`,
        );
        const status = await request(server).get(
          `${scorecardPath('sentiment-api')}/scan`,
        );
        release();
        const done = await waitForScan(server, 'sentiment-api');

        expect(first.status).toBe(202);
        expect(second.body.scanId).toBe(first.body.scanId);
        expect(status.body).toMatchObject({
          id: first.body.scanId,
          status: 'running',
          trigger: 'manual',
        });
        expect(done.status).toBe('succeeded');
        const history = await request(server).get(
          `${scorecardPath('sentiment-api')}/history`,
        );
        expect(history.body.items).toHaveLength(1);
      });

      it('records an unreadable source as a failed scan and keeps the last scorecard', async () => {
        const { catalog, setEntities } = mutableCatalog(estate());
        const { server } = await start({ catalog });
        await rescan(server, 'fraud-detection');
        const before = await request(server).get(
          scorecardPath('fraud-detection'),
        );

        // The repository moves outside the allowed roots.
        const moved = demoEntity('fraud-detection');
        moved.metadata.annotations!['ml-debt.io/source-location'] = 'dir:/etc';
        setEntities([
          moved,
          ...estate().filter(e => e.metadata.name !== 'fraud-detection'),
        ]);
        const failed = await rescan(server, 'fraud-detection');

        expect(failed.status).toBe('failed');
        expect(failed.error).toEqual(expect.any(String));
        const after = await request(server).get(
          scorecardPath('fraud-detection'),
        );
        expect(after.body.score).toBe(before.body.score);
        expect(after.body.scanStatus).toBe('failed');
      });
    });

    describe('waivers and attestations', () => {
      const DAY = 86_400_000;

      it('waives a failing check until the waiver expires, and keeps the audit trail', async () => {
        let now = Date.now();
        const { server } = await start({ clock: () => new Date(now) });
        await rescan(server, 'fraud-detection');
        const card = await request(server).get(
          scorecardPath('fraud-detection'),
        );
        const failing = card.body.checks.find(
          (c: { status: string; weight: number }) =>
            c.status === 'fail' && c.weight > 0,
        );

        const created = await request(server)
          .post(`${scorecardPath('fraud-detection')}/waivers`)
          .send({
            kind: 'waiver',
            target: failing.id,
            reason: 'Accepted until the Q3 rewrite.',
            expiresAt: new Date(now + DAY).toISOString(),
          });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          kind: 'waiver',
          target: failing.id,
          author: 'user:default/mock',
          state: 'active',
        });

        await rescan(server, 'fraud-detection');
        const waived = await request(server).get(
          scorecardPath('fraud-detection'),
        );
        const check = waived.body.checks.find(
          (c: { id: string }) => c.id === failing.id,
        );
        expect(check.status).toBe('waived');
        expect(check.waiver.id).toBe(created.body.id);
        expect(waived.body.failingChecks).toBe(card.body.failingChecks - 1);

        now += 2 * DAY;
        const active = await request(server).get(
          `${scorecardPath('fraud-detection')}/waivers`,
        );
        expect(active.body.items).toEqual([]);
        const all = await request(server).get(
          `${scorecardPath('fraud-detection')}/waivers?includeInactive=true`,
        );
        expect(all.body.items).toEqual([
          expect.objectContaining({ id: created.body.id, state: 'expired' }),
        ]);
        await rescan(server, 'fraud-detection');
        const expired = await request(server).get(
          scorecardPath('fraud-detection'),
        );
        expect(
          expired.body.checks.find((c: { id: string }) => c.id === failing.id)
            .status,
        ).toBe('fail');
      });

      it('revokes a waiver once, keeping it as revoked', async () => {
        const { server } = await start();
        const created = await request(server)
          .post(`${scorecardPath('fraud-detection')}/waivers`)
          .send({
            kind: 'attestation',
            target: 'monitor.1',
            status: 'manual',
            reason: 'Dependency changes are reviewed weekly.',
          });
        expect(created.status).toBe(201);

        const revoked = await request(server)
          .post(`/api/ml-debt/waivers/${created.body.id}/revoke`)
          .send({});
        expect(revoked.status).toBe(200);
        expect(revoked.body).toMatchObject({
          state: 'revoked',
          revokedBy: 'user:default/mock',
        });

        const again = await request(server)
          .post(`/api/ml-debt/waivers/${created.body.id}/revoke`)
          .send({});
        expect(again.status).toBe(409);
        const all = await request(server).get(
          `${scorecardPath('fraud-detection')}/waivers?includeInactive=true`,
        );
        expect(all.body.items).toHaveLength(1);
      });

      it('counts an attestation made through the API in the ML Test Score', async () => {
        const { server } = await start();
        await rescan(server, 'sentiment-api');

        await request(server)
          .post(`${scorecardPath('sentiment-api')}/waivers`)
          .send({
            kind: 'attestation',
            target: 'model.7',
            status: 'manual',
            reason: 'Ablation study documented in the design review.',
          })
          .expect(201);
        await rescan(server, 'sentiment-api');

        const res = await request(server).get(scorecardPath('sentiment-api'));
        const test = res.body.scorecard.mlTestScore.tests.find(
          (t: { id: string }) => t.id === 'model.7',
        );
        expect(test.attestedPoints).toBe(0.5);
      });
    });

    describe('permissions', () => {
      it('refuses every read, rescan and waiver when the policy denies', async () => {
        const { server, runCycle } = await start({
          extraFeatures: [
            mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
          ],
        });
        await runCycle();

        const calls = [
          request(server).get('/api/ml-debt/scorecards'),
          request(server).get(scorecardPath('fraud-detection')),
          request(server).get(`${scorecardPath('fraud-detection')}/history`),
          request(server).get('/api/ml-debt/rollups?groupBy=system'),
          request(server).get('/api/ml-debt/overview'),
          request(server).get('/api/ml-debt/export'),
          request(server).post(`${scorecardPath('fraud-detection')}/scan`),
          request(server)
            .post(`${scorecardPath('fraud-detection')}/waivers`)
            .send({
              kind: 'waiver',
              target: 'REP-02',
              reason: 'x',
              expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            }),
        ];
        for (const res of await Promise.all(calls)) {
          expect(res.status).toBe(403);
          expect(res.body.error.name).toBe('NotAllowedError');
        }
      });

      it('lets owners waive their own services only, when the policy is conditional', async () => {
        const backend: { server?: Server } = {};
        const claims = ['user:default/ada', 'group:default/fraud-ml'];
        // A stand-in for the permission backend: a conditional decision is
        // resolved by the plugin's own apply-conditions endpoint.
        const permissions = mockServices.permissions.mock({
          async authorizeConditional(queries) {
            return queries.map(() => ({ result: AuthorizeResult.ALLOW }));
          },
          async authorize(requests) {
            return Promise.all(
              requests.map(async ({ permission, resourceRef }) => {
                if (!permission.name.startsWith('ml-debt.waiver')) {
                  return { result: AuthorizeResult.ALLOW };
                }
                const res = await request(backend.server!)
                  .post(
                    '/api/ml-debt/.well-known/backstage/permissions/apply-conditions',
                  )
                  .set('Authorization', mockCredentials.service.header())
                  .send({
                    items: [
                      {
                        id: '1',
                        resourceType: 'ml-debt-service',
                        resourceRef,
                        conditions: {
                          rule: 'IS_SERVICE_OWNER',
                          resourceType: 'ml-debt-service',
                          params: { claims },
                        },
                      },
                    ],
                  });
                return { result: res.body.items[0].result };
              }),
            );
          },
        });
        const started = await start({ extraFeatures: [permissions.factory] });
        backend.server = started.server;
        const server = started.server;
        const waiver = {
          kind: 'waiver',
          target: 'REP-02',
          reason: 'Pinned in the next release.',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        };

        const own = await request(server)
          .post(`${scorecardPath('fraud-detection')}/waivers`)
          .send(waiver);
        const other = await request(server)
          .post(`${scorecardPath('sentiment-api')}/waivers`)
          .send(waiver);

        expect(own.status).toBe(201);
        expect(other.status).toBe(403);
      });
    });

    describe('errors', () => {
      const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

      it('answers 401 without credentials, on every route', async () => {
        const { server } = await start();
        const none = mockCredentials.none.header();

        for (const path of [
          '/api/ml-debt/scorecards',
          scorecardPath('fraud-detection'),
          '/api/ml-debt/checks',
          '/api/ml-debt/services',
        ]) {
          const res = await request(server)
            .get(path)
            .set('Authorization', none);
          expect(res.status).toBe(401);
        }
        const post = await request(server)
          .post(`${scorecardPath('fraud-detection')}/scan`)
          .set('Authorization', none);
        expect(post.status).toBe(401);
      });

      it.each([
        ['a malformed kind', '/api/ml-debt/scorecards/com-ponent/default/x'],
        ['a malformed name', '/api/ml-debt/scorecards/component/default/a%20b'],
        [
          'an unknown failingCheck',
          '/api/ml-debt/scorecards?failingCheck=ZZZ-99',
        ],
        ['an unknown sort', '/api/ml-debt/scorecards?sort=popularity'],
      ])('answers 400 for %s', async (_case, path) => {
        const { server } = await start();

        const res = await request(server).get(path);

        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
      });

      it.each([
        [
          'an unknown check',
          {
            kind: 'waiver',
            target: 'ZZZ-99',
            reason: 'x',
            expiresAt: inADay(),
          },
          'ZZZ-99',
        ],
        [
          'a missing reason',
          { kind: 'waiver', target: 'REP-02', expiresAt: inADay() },
          'reason',
        ],
        [
          'a waiver without expiry',
          { kind: 'waiver', target: 'REP-02', reason: 'x' },
          'expiresAt',
        ],
        [
          'an expiry in the past',
          {
            kind: 'waiver',
            target: 'REP-02',
            reason: 'x',
            expiresAt: '2020-01-01T00:00:00Z',
          },
          'expiresAt',
        ],
        [
          'an unknown ML Test Score test',
          {
            kind: 'attestation',
            target: 'model.9',
            reason: 'x',
            status: 'manual',
          },
          'target',
        ],
      ])('answers 400 to a waiver with %s', async (_case, body, field) => {
        const { server } = await start();

        const res = await request(server)
          .post(`${scorecardPath('fraud-detection')}/waivers`)
          .send(body);

        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(field);
      });

      it('answers 400 to a body that is not JSON', async () => {
        const { server } = await start();

        const res = await request(server)
          .post(`${scorecardPath('fraud-detection')}/waivers`)
          .set('Content-Type', 'application/json')
          .send('{"kind": ');

        expect(res.status).toBe(400);
      });

      it.each([
        ['GET', scorecardPath('nope')],
        ['GET', `${scorecardPath('nope')}/history`],
        ['GET', `${scorecardPath('nope')}/scan`],
        ['POST', `${scorecardPath('nope')}/scan`],
        ['GET', `${scorecardPath('nope')}/waivers`],
        ['GET', scorecardPath('marketing-website')],
        ['POST', `${scorecardPath('marketing-website')}/scan`],
        ['GET', '/api/ml-debt/checks/ZZZ-99'],
        [
          'POST',
          '/api/ml-debt/waivers/0b3c2f9e-4a59-4c3e-9a41-0d1b2c3d4e5f/revoke',
        ],
      ])('answers 404 to %s %s', async (method, path) => {
        const { server } = await start();

        const res =
          method === 'GET'
            ? await request(server).get(path)
            : await request(server).post(path).send({});

        expect(res.status).toBe(404);
        expect(res.body.error.name).toBe('NotFoundError');
      });

      it('answers 404 to a waiver for a service that is not an ML service', async () => {
        const { server } = await start();

        const res = await request(server)
          .post(`${scorecardPath('marketing-website')}/waivers`)
          .send({
            kind: 'waiver',
            target: 'REP-02',
            reason: 'x',
            expiresAt: inADay(),
          });

        expect(res.status).toBe(404);
      });
    });

    describe('the check catalogue and exports', () => {
      it('lists the catalogue with built-in and config-defined checks', async () => {
        const { server } = await start({
          config: {
            customChecks: [
              {
                id: 'ACME-01',
                title: 'No model card',
                category: 'documentation',
                weight: 1,
                rationale: 'Acme publishes a model card for every model.',
                remediation: ['Add MODEL_CARD.md.'],
                rule: { type: 'file-exists', paths: ['MODEL_CARD.md'] },
              },
            ],
          },
        });

        const res = await request(server).get('/api/ml-debt/checks');
        const one = await request(server).get('/api/ml-debt/checks/ACME-01');

        expect(res.status).toBe(200);
        expect(res.body.items[0].source).toBe('builtin');
        expect(res.body.items.at(-1)).toMatchObject({
          id: 'ACME-01',
          source: 'custom',
        });
        expect(one.body).toMatchObject({ id: 'ACME-01', source: 'custom' });
      });

      it('adds the checks of backend modules to the catalogue', async () => {
        const module = createBackendModule({
          pluginId: 'ml-debt',
          moduleId: 'acme-checks',
          register(env) {
            env.registerInit({
              deps: { checks: mlDebtChecksExtensionPoint },
              async init({ checks }) {
                checks.addChecks({
                  id: 'SEC-01',
                  title: 'Model artefacts are world-readable',
                  category: 'operations',
                  weight: 2,
                  confidence: 'high',
                  mlTestScore: [],
                  debtType: 'Process management debt',
                  appliesToExperimental: false,
                  rationale: 'Acme policy.',
                  references: [],
                  remediation: ['Restrict the bucket.'],
                  evaluate: () => ({ status: 'fail', summary: 'Public.' }),
                });
              },
            });
          },
        });
        const { server } = await start({ extraFeatures: [module] });

        await rescan(server, 'fraud-detection');
        const check = await request(server).get('/api/ml-debt/checks/SEC-01');
        const card = await request(server).get(
          scorecardPath('fraud-detection'),
        );

        expect(check.body).toMatchObject({ id: 'SEC-01', source: 'custom' });
        expect(
          card.body.checks.find((c: { id: string }) => c.id === 'SEC-01'),
        ).toMatchObject({
          status: 'fail',
          summary: 'Public.',
          source: 'custom',
        });
      });

      it('refuses to start with an invalid config-defined check, naming it', async () => {
        const knex = await databases.init(databaseId);

        await expect(
          startMlDebt({
            knex,
            config: { customChecks: [{ id: 'ACME-01', title: 'x' }] },
          }),
        ).rejects.toThrow(/mlDebt\.customChecks\[0\]/);
      });

      it('exports the scorecards as CSV safe from formula injection', async () => {
        const entities = estate();
        entities[0].metadata.title = '=HYPERLINK("http://evil"), "fraud"';
        const { server, runCycle } = await start({ entities });
        await runCycle();

        const res = await request(server).get('/api/ml-debt/export?sort=name');

        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toMatch(/attachment/);
        const lines = res.text.trimEnd().split('\r\n');
        expect(lines[0]).toBe(
          'entityRef,title,kind,type,owner,system,lifecycle,score,uncappedScore,grade,mlTestScore,change,failingChecks,scannedAt,scanStatus',
        );
        expect(lines).toHaveLength(4);
        expect(res.text).toContain(
          `component:default/fraud-detection,"'=HYPERLINK(""http://evil""), ""fraud""",component,`,
        );
      });

      it('exports the scorecards as JSON', async () => {
        const { server, runCycle } = await start();
        await runCycle();

        const res = await request(server).get(
          '/api/ml-debt/export?format=json',
        );

        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(3);
        expect(res.body.exportedAt).toEqual(expect.any(String));
      });
    });
  },
);

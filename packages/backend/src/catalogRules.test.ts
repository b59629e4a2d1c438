import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogModuleMlDebt from '@ml-debt/plugin-catalog-backend-module-ml-debt';
import mlDebtPlugin from '@ml-debt/plugin-ml-debt-backend';
import request from 'supertest';

// The catalog module with the real catalog and the real ml-debt backend on a
// copy of the demo estate: error rules reject entities with a message that
// says what to fix, warnings are recorded on the entity, and the grade labels
// follow the scans.
jest.setTimeout(240_000);

const examplesDir = path.resolve(__dirname, '../../../examples');
const databases = TestDatabases.create();

if (!databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES'))) {
  // eslint-disable-next-line no-console
  console.warn(
    'PostgreSQL cases SKIPPED in catalogRules.test.ts: no BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set (./run test sets it when PostgreSQL answers)',
  );
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe.each(databases.eachSupportedId())(
  'the catalog module on the demo estate on %s',
  (databaseId: TestDatabaseId) => {
    let estate: string;

    beforeEach(() => {
      estate = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-debt-catalog-'));
      fs.cpSync(examplesDir, estate, { recursive: true });
    });

    afterEach(() => {
      fs.rmSync(estate, { recursive: true, force: true });
    });

    it('rejects error-rule breakers, records warnings and keeps the grade labels current', async () => {
      const catalogKnex = await databases.init(databaseId);
      const mlDebtKnex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleMlDebt,
          mlDebtPlugin,
          // The events service of a real backend (createBackend), shared by
          // the plugins, instead of the test backend's one mock per plugin.
          eventsServiceFactory,
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () =>
                plugin.getId() === 'ml-debt' ? mlDebtKnex : catalogKnex,
            }),
          }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Location',
                      'Domain',
                      'Group',
                      'User',
                    ],
                  },
                ],
                locations: [
                  { type: 'file', target: path.join(estate, 'catalog.yaml') },
                ],
              },
              mlDebt: {
                sources: { localRoots: [estate] },
                // No scheduled cycle during the test: it scans on request.
                schedule: {
                  frequency: { hours: 24 },
                  initialDelay: { hours: 24 },
                },
                // The demo's owner rule, made an error for this test.
                catalogRules: { ownerIsGroup: { severity: 'error' } },
                // The default 10 s label cache: the scorecard-changed event,
                // not a short TTL, is what lets a refresh see a new grade.
              },
            },
          }),
        ],
      });

      const entityPath = (ref: string) => {
        const [kind, rest] = ref.split(':');
        const [namespace, name] = rest.split('/');
        return `${kind}/${namespace}/${name}`;
      };
      const getEntity = async (
        ref: string,
      ): Promise<AlphaEntity | undefined> => {
        const res = await request(server).get(
          `/api/catalog/entities/by-name/${entityPath(ref)}`,
        );
        return res.status === 200 ? res.body : undefined;
      };
      /** The processing errors the catalog recorded for an entity ref. */
      const refreshErrors = async (ref: string): Promise<string[]> => {
        const row = await catalogKnex('refresh_state')
          .where({ entity_ref: ref })
          .first();
        const errors = row?.errors ? JSON.parse(row.errors) : [];
        return errors.map((e: { message: string }) => e.message);
      };

      // --- Error on FIRST ingestion: pricing-rules-engine is owned by a user.
      const pricing = 'component:default/pricing-rules-engine';
      const pricingErrors = await eventually(
        'the processing error of pricing-rules-engine',
        async () => {
          const messages = await refreshErrors(pricing);
          return messages.length ? messages : undefined;
        },
      );
      expect(pricingErrors).toEqual([
        expect.stringContaining(
          'ML service breaks 1 ML Debt catalog rule(s) (mlDebt.catalogRules): [ownerIsGroup, CAT-01] spec.owner is "user:jonas.weber", not a Group: set spec.owner to a Group ref (group:<team>) in the descriptor of Component:default/pricing-rules-engine',
        ),
      ]);
      expect(pricingErrors[0]).toContain(
        path.join(estate, 'repos/pricing-rules-engine/catalog-info.yaml'),
      );
      // Rejected on its first ingestion, it never reaches the catalog API.
      const fraudRef = 'component:default/fraud-detection';
      await eventually('fraud-detection in the catalog', () =>
        getEntity(fraudRef),
      );
      expect(await getEntity(pricing)).toBeUndefined();

      // --- Warnings: fraud-detection declares no data Resource and no
      // monitoring annotation; it is in the catalog with both recorded.
      const fraud = (await getEntity(fraudRef))!;
      expect(
        JSON.parse(fraud.metadata.annotations!['ml-debt.io/catalog-warnings']),
      ).toEqual([
        expect.objectContaining({ rule: 'dataDependencies', check: 'CAT-04' }),
        expect.objectContaining({
          rule: 'operationsAnnotation',
          check: 'CAT-05',
        }),
      ]);
      expect(fraud.status?.items ?? []).toEqual([]);
      // A complete service has no warnings.
      const credit = 'component:default/credit-risk-scoring';
      const creditEntity = await eventually('credit-risk-scoring', () =>
        getEntity(credit),
      );
      expect(
        creditEntity.metadata.annotations?.['ml-debt.io/catalog-warnings'],
      ).toBeUndefined();
      expect(
        creditEntity.metadata.labels?.['ml-debt.io/grade'],
      ).toBeUndefined();

      // --- Labels: after a scan, the grade and score are on the entity.
      const lastRun = async (ref: string) => {
        const run = await request(server).get(
          `/api/ml-debt/scorecards/${entityPath(ref)}/scan`,
        );
        return run.status === 200 ? run.body : undefined;
      };
      const scan = async (ref: string) => {
        const previous = await lastRun(ref);
        const res = await request(server).post(
          `/api/ml-debt/scorecards/${entityPath(ref)}/scan`,
        );
        expect(res.status).toBe(202);
        const run = await eventually(`the scan of ${ref}`, async () => {
          const last = await lastRun(ref);
          return last && last.status !== 'running' && last.id !== previous?.id
            ? last
            : undefined;
        });
        expect(run.status).toBe('succeeded');
        const card = await request(server).get(
          `/api/ml-debt/scorecards/${entityPath(ref)}`,
        );
        expect(card.status).toBe(200);
        return card.body as { grade: string; score: number };
      };
      const labelsOf = (ref: string, grade: string) =>
        eventually(
          `${ref} labelled ${grade}`,
          async () => {
            const e = await getEntity(ref);
            return e?.metadata.labels?.['ml-debt.io/grade'] === grade
              ? e.metadata.labels
              : undefined;
          },
          30_000,
        );

      const before = await scan(credit);
      expect(await labelsOf(credit, before.grade)).toEqual({
        'ml-debt.io/grade': before.grade,
        'ml-debt.io/score': String(Math.round(before.score)),
      });
      const churn = 'component:default/churn-prototype';
      const churnCard = await scan(churn);
      await labelsOf(churn, churnCard.grade);
      expect(churnCard.grade).not.toBe(before.grade);

      // The catalog's label filter finds it.
      const filtered = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: `metadata.labels.ml-debt.io/grade=${before.grade}` });
      expect(
        filtered.body.items.map((e: AlphaEntity) => stringifyEntityRef(e)),
      ).toContain(credit);

      // --- The grade changes: credit-risk-scoring's repository now holds the
      // churn prototype's code; the rescan's refresh relabels the entity.
      const repo = path.join(estate, 'repos/credit-risk-scoring');
      const descriptor = fs.readFileSync(
        path.join(repo, 'catalog-info.yaml'),
        'utf8',
      );
      fs.rmSync(repo, { recursive: true });
      fs.cpSync(path.join(estate, 'repos/churn-prototype'), repo, {
        recursive: true,
      });
      fs.writeFileSync(path.join(repo, 'catalog-info.yaml'), descriptor);
      const after = await scan(credit);
      expect(after.grade).not.toBe(before.grade);
      expect(await labelsOf(credit, after.grade)).toEqual({
        'ml-debt.io/grade': after.grade,
        'ml-debt.io/score': String(Math.round(after.score)),
      });

      // --- Error on an UPDATE: the previous version stays in the catalog,
      // with the error in its status.
      const fraudFile = path.join(
        estate,
        'repos/fraud-detection/catalog-info.yaml',
      );
      fs.writeFileSync(
        fraudFile,
        fs
          .readFileSync(fraudFile, 'utf8')
          .replace('owner: group:fraud-ml', 'owner: user:priya.raman'),
      );
      const refreshed = await request(server)
        .post('/api/catalog/refresh')
        .send({ entityRef: fraudRef });
      expect(refreshed.status).toBe(200);
      const rejected = await eventually(
        'the processing error on fraud-detection',
        async () => {
          const e = await getEntity(fraudRef);
          return e?.status?.items?.length ? e : undefined;
        },
      );
      expect(rejected.spec?.owner).toBe('group:fraud-ml');
      expect(rejected.status!.items).toEqual([
        expect.objectContaining({
          level: 'error',
          type: 'backstage.io/catalog-processing',
          message: expect.stringContaining(
            '[ownerIsGroup, CAT-01] spec.owner is "user:priya.raman", not a Group: set spec.owner to a Group ref (group:<team>) in the descriptor of Component:default/fraud-detection',
          ),
        }),
      ]);
    });
  },
);

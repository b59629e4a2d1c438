import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { isMlService } from '@ml-debt/plugin-ml-debt-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleMlDebt from '@ml-debt/plugin-catalog-backend-module-ml-debt';
import mlDebtPlugin from '@ml-debt/plugin-ml-debt-backend';
import request from 'supertest';

// The demo estate must load into the real catalog, on every database the portal
// supports, with no processing errors; and the ml-debt plugin must find exactly
// its ML services. This is what a newcomer sees after `./run start`.
jest.setTimeout(120_000);

const examplesDir = path.resolve(__dirname, '../../../examples');
const databases = TestDatabases.create();

if (!databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES'))) {
  // eslint-disable-next-line no-console
  console.warn(
    'PostgreSQL cases SKIPPED in demoEstate.test.ts: no BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set (./run test sets it when PostgreSQL answers)',
  );
}

/** Every entity the Location in examples/catalog.yaml points at. */
function readDemoEntities(): Entity[] {
  const read = (file: string): Entity[] =>
    parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(doc => doc.toJS() as Entity)
      .filter(Boolean)
      .flatMap(entity =>
        entity.kind === 'Location'
          ? [
              entity,
              ...((entity.spec?.targets as string[]) ?? []).flatMap(target =>
                read(path.resolve(path.dirname(file), target)),
              ),
            ]
          : [entity],
      );
  return read(path.join(examplesDir, 'catalog.yaml'));
}

describe.each(databases.eachSupportedId())(
  'the demo estate on %s',
  (databaseId: TestDatabaseId) => {
    it('loads into the catalog, and ml-debt finds exactly its ML services', async () => {
      const knex = await databases.init(databaseId);
      // Each plugin gets its own database, as in a real backend: the catalog
      // and ml-debt both keep their migrations in knex_migrations.
      const mlDebtKnex = await databases.init(databaseId);
      const expected = readDemoEntities();
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleMlDebt,
          mlDebtPlugin,
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () =>
                plugin.getId() === 'ml-debt' ? mlDebtKnex : knex,
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
                  {
                    type: 'file',
                    target: path.join(examplesDir, 'catalog.yaml'),
                  },
                ],
              },
            },
          }),
        ],
      });

      const expectedRefs = expected.map(e => stringifyEntityRef(e)).sort();
      const fetchCatalog = async (): Promise<AlphaEntity[]> =>
        (await request(server).get('/api/catalog/entities')).body;
      const isComplete = (entities: AlphaEntity[]) => {
        const refs = new Set(entities.map(e => stringifyEntityRef(e)));
        return expectedRefs.every(ref => refs.has(ref));
      };
      let found = await fetchCatalog();
      for (let attempt = 0; attempt < 200 && !isComplete(found); attempt++) {
        await new Promise(resolve => setTimeout(resolve, 250));
        found = await fetchCatalog();
      }

      const foundRefs = found.map(e => stringifyEntityRef(e));
      expect(foundRefs).toEqual(expect.arrayContaining(expectedRefs));
      const processingErrors = found.flatMap(e =>
        (e.status?.items ?? [])
          .filter(item => item.level === 'error')
          .map(item => `${stringifyEntityRef(e)}: ${item.message}`),
      );
      expect(processingErrors).toEqual([]);

      const mlServices = expected.filter(e => isMlService(e));
      expect(mlServices.length).toBeGreaterThanOrEqual(8);
      const res = await request(server).get('/api/ml-debt/services');
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((s: { entityRef: string }) => s.entityRef).sort(),
      ).toEqual(mlServices.map(e => stringifyEntityRef(e)).sort());
    });
  },
);

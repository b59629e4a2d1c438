// `yarn start` in this package: the plugin alone, with a mock catalog holding
// the demo repositories' entities, so the API and the scans can be tried
// without the whole portal. The root app-config.yaml's
// `mlDebt.sources.localRoots: ['../../examples']` lets it read them.
import fs from 'node:fs';
import path from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseAllDocuments } from 'yaml';

const reposDir = path.resolve(__dirname, '../../../examples/repos');

/** Each demo repository's entity, managed by its own catalog-info.yaml. */
function demoEntities(): Entity[] {
  return fs.readdirSync(reposDir).flatMap(repo => {
    const file = path.join(reposDir, repo, 'catalog-info.yaml');
    if (!fs.existsSync(file)) return [];
    return parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(doc => doc.toJS() as Entity)
      .filter(Boolean)
      .map(entity => ({
        ...entity,
        metadata: {
          namespace: 'default',
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            'backstage.io/managed-by-location': `file:${file}`,
          },
        },
      }));
  });
}

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities: demoEntities() }));
backend.add(import('../src'));

backend.start();

import fs from 'node:fs';
import path from 'node:path';
import {
  BackendFeature,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import { parse } from 'yaml';
import { createMlDebtPlugin } from '../plugin';
import { SCAN_TASK_ID } from '../scan';

/** The demo estate the tests scan, as on disk. */
export const examplesDir = path.resolve(__dirname, '../../../../examples');

/**
 * The entity of a demo repository, as the catalog would hold it after reading
 * `examples/repos/<repo>/catalog-info.yaml`: its `dir:.` source location
 * resolves against that file.
 */
export function demoEntity(repo: string): Entity {
  const file = path.join(examplesDir, 'repos', repo, 'catalog-info.yaml');
  const entity = parse(fs.readFileSync(file, 'utf8')) as Entity;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      namespace: 'default',
      uid: `uid-${repo}`,
      annotations: {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': `file:${file}`,
      },
    },
  };
}

/** Every demo repository with a catalog-info.yaml. */
export const DEMO_REPOS = fs
  .readdirSync(path.join(examplesDir, 'repos'))
  .filter(repo =>
    fs.existsSync(path.join(examplesDir, 'repos', repo, 'catalog-info.yaml')),
  )
  .sort();

/** A catalog service factory for a given client, e.g. one a test mutates. */
export function catalogFactory(catalog: CatalogService): ServiceFactory {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}

/**
 * An in-memory catalog whose entities a test replaces, e.g. to remove a
 * service or move its source between two scans.
 */
export function mutableCatalog(entities: Entity[]) {
  let current = catalogServiceMock({ entities });
  const catalog = new Proxy({} as CatalogService, {
    get(_target, property) {
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
  return {
    catalog,
    setEntities(next: Entity[]) {
      current = catalogServiceMock({ entities: next });
    },
  };
}

/**
 * Starts a backend with the ml-debt plugin on the given database, the given
 * catalog and a mock scheduler whose tasks the test triggers.
 */
export async function startMlDebt(options: {
  knex: Knex;
  entities?: Entity[];
  catalog?: CatalogService;
  config?: JsonObject;
  clock?: () => Date;
  workerId?: string;
  extraFeatures?: BackendFeature[];
}) {
  // The mock scheduler's instance is also its own factory; typed as the
  // plain service, hence the cast.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
  };
  const catalog =
    options.catalog ?? catalogServiceMock({ entities: options.entities ?? [] });
  const backend = await startTestBackend({
    features: [
      createMlDebtPlugin({ clock: options.clock, workerId: options.workerId }),
      catalogFactory(catalog),
      mockServices.database.factory({ knex: options.knex }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          mlDebt: {
            sources: { localRoots: [examplesDir] },
            ...options.config,
          },
        },
      }),
      ...(options.extraFeatures ?? []),
    ],
  });
  return {
    backend,
    server: backend.server,
    scheduler,
    catalog,
    /** Runs the scheduled scan cycle now and waits for it. */
    runCycle: () => scheduler.triggerTask(SCAN_TASK_ID),
  };
}

/** The API path of a component's scorecard. */
export const scorecardPath = (name: string) =>
  `/api/ml-debt/scorecards/component/default/${name}`;

/**
 * Asks for a rescan and polls its status until the scan is over, as the UI
 * does; returns the final status body.
 */
export async function rescan(
  server: Parameters<typeof request>[0],
  name: string,
): Promise<{ id: string; status: string; error?: string | null }> {
  const started = await request(server).post(`${scorecardPath(name)}/scan`);
  if (started.status !== 202) {
    throw new Error(
      `POST scan answered ${started.status}: ${JSON.stringify(started.body)}`,
    );
  }
  return waitForScan(server, name);
}

/** Polls a service's scan status until its scan is over. */
export async function waitForScan(
  server: Parameters<typeof request>[0],
  name: string,
): Promise<{ id: string; status: string; error?: string | null }> {
  for (;;) {
    const res = await request(server).get(`${scorecardPath(name)}/scan`);
    if (res.status !== 200) {
      throw new Error(`GET scan answered ${res.status}`);
    }
    if (res.body.status !== 'running' && res.body.status !== 'queued') {
      return res.body;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/**
 * A catalog whose related-entity lookups (which only scans make) wait until
 * `release()`: holds a scan in progress for as long as a test needs.
 */
export function gatedCatalog(entities: Entity[]) {
  const base = catalogServiceMock({ entities });
  let release!: () => void;
  const gate = new Promise<void>(resolve => {
    release = resolve;
  });
  const catalog = new Proxy(base, {
    get(target, property) {
      if (property === 'getEntitiesByRefs') {
        return async (
          ...args: Parameters<CatalogService['getEntitiesByRefs']>
        ) => {
          await gate;
          return target.getEntitiesByRefs(...args);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as CatalogService;
  return { catalog, release };
}

import { Entity } from '@backstage/catalog-model';
import { CheckResult } from '@ml-debt/plugin-ml-debt-common';
import { evaluateChecks } from '../engine/evaluate';
import { MlDebtCheck } from '../engine/types';
import {
  createDirectorySnapshot,
  createMemorySnapshot,
} from '../snapshot/Snapshot';

/** Options of the fixture helpers. @public */
export interface FixtureOptions {
  entity?: Entity;
  relatedEntities?: Entity[];
  now?: Date;
}

/**
 * Runs one check on a fixture repository on disk, through the real engine
 * (lifecycle gating and error handling included).
 *
 * @public
 */
export async function evaluateFixture(
  check: MlDebtCheck,
  directory: string,
  options: FixtureOptions = {},
): Promise<CheckResult> {
  const [result] = await evaluateChecks([check], {
    snapshot: createDirectorySnapshot(directory),
    ...options,
  });
  return result;
}

/**
 * Runs one check on files given inline (`{ 'requirements.txt': 'pandas\n' }`),
 * for small guard cases next to the on-disk fixtures.
 *
 * @public
 */
export async function evaluateFiles(
  check: MlDebtCheck,
  files: Record<string, string>,
  options: FixtureOptions = {},
): Promise<CheckResult> {
  const [result] = await evaluateChecks([check], {
    snapshot: createMemorySnapshot(
      Object.entries(files).map(([path, content]) => ({ path, content })),
    ),
    ...options,
  });
  return result;
}

/**
 * A catalog entity for tests: a production ML service owned by a team, with
 * overrides merged in.
 *
 * @public
 */
export function mlServiceEntity(
  overrides: {
    metadata?: Partial<Entity['metadata']>;
    spec?: Record<string, unknown>;
    relations?: Entity['relations'];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'churn-model',
      namespace: 'default',
      ...overrides.metadata,
    },
    spec: {
      type: 'ml-service',
      lifecycle: 'production',
      owner: 'group:default/growth-ml',
      system: 'customer-growth',
      ...overrides.spec,
    },
    relations: overrides.relations,
  };
}

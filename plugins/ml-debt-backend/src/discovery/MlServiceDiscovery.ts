import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isMlService,
  MlService,
  mlServiceCatalogFilter,
  MlServiceRules,
} from '@ml-debt/plugin-ml-debt-common';

/**
 * What the scanner needs to know about an ML service from the catalog.
 *
 * @public
 */
export type MlServiceSummary = MlService;

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
];

/**
 * Finds the ML services in the catalog. It pages through the catalog with
 * cursors, never asking for the whole catalog in one response, because estates
 * with tens of thousands of entities would otherwise load them all into memory.
 */
export class MlServiceDiscovery {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      rules: MlServiceRules;
      pageSize?: number;
    },
  ) {}

  /** Every ML service, in entity-ref order. */
  async listServices(
    credentials?: BackstageCredentials,
  ): Promise<MlServiceSummary[]> {
    const { catalog, auth, rules } = this.options;
    const limit = this.options.pageSize ?? 500;
    const requestCredentials =
      credentials ?? (await auth.getOwnServiceCredentials());
    const services: MlServiceSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit }
          : {
              filter: mlServiceCatalogFilter(rules),
              fields: FIELDS,
              orderFields: { field: 'metadata.name', order: 'asc' },
              limit,
            },
        { credentials: requestCredentials },
      );
      for (const entity of page.items) {
        if (isMlService(entity, rules)) {
          services.push(summarise(entity));
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return services.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }
}

function summarise(entity: Entity): MlServiceSummary {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    type: str(spec.type) ?? 'unknown',
    owner: str(spec.owner),
    system: str(spec.system),
    lifecycle: str(spec.lifecycle),
  };
}

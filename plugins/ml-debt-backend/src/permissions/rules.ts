import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createPermissionResourceRef,
  createPermissionRule,
  CreatePermissionRuleOptions,
} from '@backstage/plugin-permission-node';
import { RESOURCE_TYPE_ML_DEBT_SERVICE } from '@ml-debt/plugin-ml-debt-common';

/**
 * What the permission rules know about an ML service: its entity ref and,
 * when the catalog declares one, its owner, both as the store keeps them.
 *
 * @public
 */
export interface MlDebtServiceResource {
  entityRef: string;
  owner?: string;
}

/**
 * A rule translated into a filter on the stored services, for routes that list
 * many services: "the normalised `owner` column is one of `values`". Combined
 * into `allOf`/`anyOf`/`not` criteria by the permission framework.
 *
 * @public
 */
export interface MlDebtServiceQuery {
  key: 'owner';
  values: string[];
}

/**
 * Identifies the `ml-debt-service` permission resource type of the `ml-debt`
 * plugin, with its resource and query shapes.
 *
 * @public
 */
export const mlDebtServicePermissionResourceRef = createPermissionResourceRef<
  MlDebtServiceResource,
  MlDebtServiceQuery
>().with({
  pluginId: 'ml-debt',
  resourceType: RESOURCE_TYPE_ML_DEBT_SERVICE,
});

/**
 * Normalises an owner or ownership claim the way the catalog does, so that
 * `fraud-ml`, `group:fraud-ml` and `Group:default/Fraud-ML` are the same owner.
 * A bare name is a group in the default namespace, as in `spec.owner`.
 * Returns undefined for a value that is not an entity ref.
 *
 * @public
 */
export function normalizeOwnerRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

function normalizeClaims(claims: readonly string[]): string[] {
  const normalized = new Set<string>();
  for (const claim of claims) {
    const ref = normalizeOwnerRef(claim);
    if (ref) {
      normalized.add(ref);
    }
  }
  return [...normalized];
}

type OwnerClaims = { claims: string[] };

const OWNER_CLAIMS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Entity refs of the owners to match, usually the ownership claims of the user (their user entity and groups)',
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

// A hand-written Standard Schema, because the permission framework validates
// rule parameters with one (and publishes its JSON Schema in the plugin's
// permission metadata for policy editors), and the zod v3 alternative is
// deprecated. Malformed parameters in a policy then fail with a 400 naming
// the problem instead of silently matching nothing.
const ownerClaimsSchema: NonNullable<
  CreatePermissionRuleOptions<
    typeof mlDebtServicePermissionResourceRef,
    OwnerClaims
  >['paramsSchema']
> = {
  '~standard': {
    version: 1,
    vendor: 'ml-debt',
    validate(value: unknown) {
      const claims = (value as Partial<OwnerClaims> | null | undefined)?.claims;
      if (
        !Array.isArray(claims) ||
        claims.some(claim => typeof claim !== 'string')
      ) {
        return {
          issues: [
            {
              message: 'claims must be an array of entity ref strings',
              path: ['claims'],
            },
          ],
        };
      }
      return { value: { claims } as OwnerClaims };
    },
    jsonSchema: {
      input: () => OWNER_CLAIMS_JSON_SCHEMA,
      output: () => OWNER_CLAIMS_JSON_SCHEMA,
    },
  },
};

/**
 * `IS_SERVICE_OWNER`: matches an ML service whose owner is among the given
 * claims. Policies pass the user's ownership claims (their user entity and
 * groups) to express "only the owning team may waive its checks".
 *
 * @remarks
 *
 * Both the stored owner and the claims are normalised with
 * {@link normalizeOwnerRef}; a service without an owner matches nobody.
 * `toQuery` yields the normalised claims, so a store filtering on it must
 * compare against the normalised owner.
 *
 * @public
 */
export const isServiceOwner = createPermissionRule<
  typeof mlDebtServicePermissionResourceRef,
  OwnerClaims
>({
  name: 'IS_SERVICE_OWNER',
  description: 'Allow ML services owned by one of the given claims',
  resourceRef: mlDebtServicePermissionResourceRef,
  paramsSchema: ownerClaimsSchema,
  apply(resource: MlDebtServiceResource, { claims }: OwnerClaims) {
    const owner = resource.owner
      ? normalizeOwnerRef(resource.owner)
      : undefined;
    return owner !== undefined && normalizeClaims(claims).includes(owner);
  },
  toQuery({ claims }: OwnerClaims): MlDebtServiceQuery {
    return { key: 'owner', values: normalizeClaims(claims) };
  },
});

/**
 * Every permission rule of the `ml-debt-service` resource type, by name.
 *
 * @public
 */
export const mlDebtServicePermissionRules = { isServiceOwner };

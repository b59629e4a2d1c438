import { Entity } from '@backstage/catalog-model';

/**
 * Annotation that opts an entity in (`"true"`) or out (`"false"`) of ML-debt
 * scanning, whatever its kind and type.
 *
 * @public
 */
export const ML_DEBT_ENABLED_ANNOTATION = 'ml-debt.io/enabled';

/**
 * Annotation that overrides where the scanner reads an ML service's source from
 * (for example `dir:.` for a repository next to its catalog file, or a `url:`).
 * Without it the scanner uses `backstage.io/source-location`.
 *
 * @public
 */
export const ML_DEBT_SOURCE_LOCATION_ANNOTATION = 'ml-debt.io/source-location';

/**
 * Which catalog entities are ML services. One definition, used by the backend's
 * discovery, the catalog module's ingestion rules and the frontend's tab filter.
 *
 * @public
 */
export interface MlServiceRules {
  /** Entity kinds that can be ML services by type (lower- or upper-case). */
  kinds: string[];
  /** Values of `spec.type` that make an entity of those kinds an ML service. */
  types: string[];
}

/**
 * The default rules: a `Component` whose `spec.type` is `ml-service`, `ml-model`
 * or `ml-pipeline`.
 *
 * @public
 */
export const DEFAULT_ML_SERVICE_RULES: MlServiceRules = Object.freeze({
  kinds: ['Component'],
  types: ['ml-service', 'ml-model', 'ml-pipeline'],
}) as MlServiceRules;

/**
 * Decides whether an entity is an ML service: the opt-out annotation wins, then
 * the opt-in annotation, then kind and `spec.type`.
 *
 * @public
 */
export function isMlService(
  entity: Entity,
  rules: MlServiceRules = DEFAULT_ML_SERVICE_RULES,
): boolean {
  const optIn = entity.metadata.annotations?.[ML_DEBT_ENABLED_ANNOTATION];
  if (optIn === 'false') {
    return false;
  }
  if (optIn === 'true') {
    return true;
  }
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (!rules.kinds.some(k => k.toLocaleLowerCase('en-US') === kind)) {
    return false;
  }
  const type = entity.spec?.type;
  return typeof type === 'string' && rules.types.includes(type);
}

/**
 * Catalog filters that select every candidate ML service, for a paged catalog
 * query. The query may return entities that opted out; pass the results through
 * {@link isMlService} as well.
 *
 * @public
 */
export function mlServiceCatalogFilter(
  rules: MlServiceRules = DEFAULT_ML_SERVICE_RULES,
): Record<string, string | string[]>[] {
  return [
    { kind: rules.kinds, 'spec.type': rules.types },
    { [`metadata.annotations.${ML_DEBT_ENABLED_ANNOTATION}`]: 'true' },
  ];
}

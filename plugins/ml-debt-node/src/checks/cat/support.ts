import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CheckContext } from '../../engine/types';

/**
 * Catalog helpers shared by the CAT-* checks. Relations reach a check in two
 * shapes: as declared in `spec` (the CLI reads catalog-info.yaml and has no
 * relations) and as `entity.relations` (the backend gets them from the
 * catalog). Every helper reads both.
 */

/** A parsed entity ref, lower-cased so refs compare as the catalog compares them. */
export interface EntityRefParts {
  kind: string;
  namespace: string;
  name: string;
  /** `kind:namespace/name`, lower-case. */
  ref: string;
}

/** Parses an entity ref leniently; undefined for anything that is not one. */
export function parseRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace = 'default',
): EntityRefParts | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(value.trim(), { defaultKind, defaultNamespace });
  } catch {
    return undefined;
  }
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  const namespace = parsed.namespace.toLocaleLowerCase('en-US');
  const name = parsed.name.toLocaleLowerCase('en-US');
  return { kind, namespace, name, ref: `${kind}:${namespace}/${name}` };
}

/** The lower-case ref of an entity. */
export function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * Refs an entity points at through `spec.<specKey>` (declared) or relations
 * of `relationType` (as the catalog returns them), de-duplicated.
 */
export function relatedRefs(
  entity: Entity,
  specKey: string,
  relationType: string,
  defaultKind: string,
): EntityRefParts[] {
  const namespace = entity.metadata.namespace ?? 'default';
  const refs = new Map<string, EntityRefParts>();
  for (const value of asList(entity.spec?.[specKey])) {
    const parsed = parseRef(value, defaultKind, namespace);
    if (parsed) refs.set(parsed.ref, parsed);
  }
  for (const relation of entity.relations ?? []) {
    if (relation.type !== relationType) continue;
    const parsed = parseRef(relation.targetRef, defaultKind, namespace);
    if (parsed) refs.set(parsed.ref, parsed);
  }
  return [...refs.values()];
}

/** Targets of an entity's relations of one type (catalog relations only). */
export function relationTargets(
  entity: Entity,
  relationType: string,
  defaultKind: string,
): EntityRefParts[] {
  const namespace = entity.metadata.namespace ?? 'default';
  return (entity.relations ?? [])
    .filter(r => r.type === relationType)
    .map(r => parseRef(r.targetRef, defaultKind, namespace))
    .filter((r): r is EntityRefParts => r !== undefined);
}

/** The related entity with this ref, if the caller resolved it. */
export function findRelated(
  ctx: Pick<CheckContext, 'relatedEntities'>,
  ref: string,
): Entity | undefined {
  return ctx.relatedEntities.find(e => refOf(e) === ref);
}

/**
 * Whether the caller resolved relations at all. The CLI passes only the
 * descriptor, so "not found among the related entities" means nothing there;
 * the backend passes relations and the entities they point at.
 */
export function catalogResolved(
  ctx: Pick<CheckContext, 'entity' | 'relatedEntities'>,
): boolean {
  return (
    ctx.relatedEntities.length > 0 || (ctx.entity?.relations?.length ?? 0) > 0
  );
}

/** `spec.lifecycle` as a lower-case string, or undefined. */
export function lifecycleOf(entity: Entity | undefined): string | undefined {
  const value = entity?.spec?.lifecycle;
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim().toLocaleLowerCase('en-US')
    : undefined;
}

/** Catalog field paths used as evidence locations. */
export const FIELD = {
  owner: 'spec.owner',
  lifecycle: 'spec.lifecycle',
  providesApis: 'spec.providesApis',
  consumesApis: 'spec.consumesApis',
  dependsOn: 'spec.dependsOn',
  annotations: 'metadata.annotations',
  links: 'metadata.links',
} as const;

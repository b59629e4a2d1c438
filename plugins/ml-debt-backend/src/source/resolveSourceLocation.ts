import path from 'node:path';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ML_DEBT_SOURCE_LOCATION_ANNOTATION } from '@ml-debt/plugin-ml-debt-common';
import { SourceLocation, UnresolvableSourceLocation } from './types';

/**
 * Where the scanner reads an entity's source from.
 *
 * The override annotation `ml-debt.io/source-location` wins over
 * `backstage.io/source-location`. Both take `url:<url>` or `dir:<path>`:
 *
 * - `url:` targets are kept exactly as written (a trailing `/` or a
 *   `tree/<branch>/` path is what the `UrlReaderService` expects);
 * - `dir:` paths are resolved against the folder of the entity's
 *   `backstage.io/managed-by-location`: on disk for a `file:` location (the
 *   demo estate's `dir:.`), as a relative URL for a `url:` location, the way
 *   TechDocs resolves `backstage.io/techdocs-ref: dir:.`. Absolute `dir:`
 *   paths need a `file:` location or none.
 *
 * An override that cannot be resolved is an error, never a silent fallback to
 * `backstage.io/source-location`: scanning another tree than the one the owner
 * pointed at would give a wrong scorecard.
 *
 * @public
 */
export function resolveSourceLocation(
  entity: Entity,
): SourceLocation | UnresolvableSourceLocation {
  const annotations = entity.metadata.annotations ?? {};
  const annotation =
    annotations[ML_DEBT_SOURCE_LOCATION_ANNOTATION] !== undefined
      ? ML_DEBT_SOURCE_LOCATION_ANNOTATION
      : ANNOTATION_SOURCE_LOCATION;
  const value = annotations[annotation];
  const entityRef = stringifyEntityRef(entity);
  const fail = (reason: string): UnresolvableSourceLocation => ({
    type: 'error',
    error: new InputError(`Entity ${entityRef}: ${reason}`),
  });

  if (value === undefined) {
    return fail(
      `no source location; set the annotation ${ML_DEBT_SOURCE_LOCATION_ANNOTATION} or ${ANNOTATION_SOURCE_LOCATION} to url:<url> or dir:<path>`,
    );
  }
  const parsed = /^(url|dir):(.*)$/s.exec(value.trim());
  if (!parsed || parsed[2].trim() === '') {
    return fail(
      `annotation ${annotation} must be url:<url> or dir:<path>, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  const [, type, rawTarget] = parsed;
  const target = rawTarget.trim();

  if (type === 'url') {
    if (!isHttpUrl(target)) {
      return fail(
        `annotation ${annotation} has an invalid URL ${JSON.stringify(
          target,
        )}; expected an http(s) URL`,
      );
    }
    return { type: 'url', target };
  }

  const managedBy = annotations[ANNOTATION_LOCATION];
  const base = managedBy
    ? /^(file|url):(.+)$/s.exec(managedBy.trim())
    : undefined;

  if (base?.[1] === 'url') {
    if (path.posix.isAbsolute(target) || !isHttpUrl(base[2])) {
      return fail(
        `annotation ${annotation} ${JSON.stringify(
          value,
        )} cannot be resolved against ${ANNOTATION_LOCATION} ${JSON.stringify(
          managedBy,
        )}; use a relative dir: path or a url: location`,
      );
    }
    return { type: 'url', target: new URL(target, base[2]).toString() };
  }
  if (base?.[1] === 'file') {
    return {
      type: 'dir',
      target: path.resolve(path.dirname(path.resolve(base[2])), target),
    };
  }
  if (path.isAbsolute(target)) {
    return { type: 'dir', target: path.resolve(target) };
  }
  return fail(
    `annotation ${annotation} ${JSON.stringify(
      value,
    )} is relative, but the entity has no file: or url: ${ANNOTATION_LOCATION} to resolve it against`,
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

import { ScmIntegrations } from '@backstage/integration';
import { Entity } from '@backstage/catalog-model';
import { Evidence } from '@ml-debt/plugin-ml-debt-common';

const SOURCE_LOCATION = 'backstage.io/source-location';

/** Where a piece of evidence was found, as `path:line`. */
export function evidenceLocation(evidence: Evidence): string | undefined {
  if (!evidence.path) return undefined;
  return evidence.line ? `${evidence.path}:${evidence.line}` : evidence.path;
}

/**
 * A browsable link to a piece of evidence: the scanner's own URL when it gave
 * one, else the file resolved against the entity's `url:` source location
 * (GitHub, GitLab, Bitbucket, … as the SCM integrations know them), with the
 * line anchor. Catalog fields (`spec.owner`) and non-URL sources get none.
 */
export function evidenceUrl(
  evidence: Evidence,
  entity: Entity | undefined,
  integrations: ScmIntegrations,
): string | undefined {
  if (evidence.url) return evidence.url;
  if (!evidence.path || /^(spec|metadata|relations)\./.test(evidence.path)) {
    return undefined;
  }
  const location = entity?.metadata.annotations?.[SOURCE_LOCATION];
  if (!location?.startsWith('url:')) return undefined;
  const base = location.slice('url:'.length);
  try {
    return integrations.resolveUrl({
      url: evidence.path,
      base: base.endsWith('/') ? base : `${base}/`,
      lineNumber: evidence.line,
    });
  } catch {
    return undefined;
  }
}

import { createHash } from 'node:crypto';
import { Config } from '@backstage/config';
import {
  BUILTIN_CHECKS,
  MlDebtCheck,
  readCustomChecks,
  validateCustomChecks,
} from '@ml-debt/plugin-ml-debt-node';

/**
 * The checks one backend runs: the built-in ones, then those defined in
 * `mlDebt.customChecks`, then those added by backend modules through
 * `mlDebtChecksExtensionPoint`, in that order.
 *
 * @public
 */
export interface CheckCatalogue {
  checks: readonly MlDebtCheck[];
  /** Whether a check id is built in or custom; undefined for unknown ids. */
  sourceOf(checkId: string): 'builtin' | 'custom' | undefined;
  get(checkId: string): MlDebtCheck | undefined;
  /**
   * Fingerprint of the catalogue's scoring-relevant metadata, stored with
   * every scan so that a changed catalogue forces re-evaluation of
   * unchanged sources.
   */
  version: string;
}

/**
 * Builds and validates the check catalogue. Invalid configuration or an
 * invalid module check throws, so the backend refuses to start with a message
 * naming every problem rather than scanning with a partial catalogue.
 *
 * @public
 */
export function buildCheckCatalogue(options: {
  config: Config;
  moduleChecks?: readonly MlDebtCheck[];
}): CheckCatalogue {
  const configured = readCustomChecks(options.config);
  const added = validateCustomChecks(options.moduleChecks ?? [], configured);
  const checks = [...BUILTIN_CHECKS, ...configured, ...added];
  const builtin = new Set(BUILTIN_CHECKS.map(c => c.id));
  const byId = new Map(checks.map(c => [c.id, c]));
  const version = createHash('sha256')
    .update(
      JSON.stringify(
        checks.map(c => [
          c.id,
          c.category,
          c.weight,
          c.confidence,
          c.mlTestScore,
          c.appliesToExperimental,
        ]),
      ),
    )
    .digest('hex')
    .slice(0, 16);
  return {
    checks,
    version,
    get: id => byId.get(id),
    sourceOf: id => {
      if (!byId.has(id)) return undefined;
      return builtin.has(id) ? 'builtin' : 'custom';
    },
  };
}

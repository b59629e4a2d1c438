import { Config } from '@backstage/config';
import {
  DEFAULT_ML_SERVICE_RULES,
  MlServiceRules,
} from '@ml-debt/plugin-ml-debt-common';

/**
 * Reads `mlDebt.discovery` into {@link @ml-debt/plugin-ml-debt-common#MlServiceRules},
 * falling back to the defaults for each list that is not set. An empty or blank
 * list is a configuration error: it would silently discover nothing.
 *
 * @public
 */
export function readMlServiceRules(config: Config): MlServiceRules {
  const discovery = config.getOptionalConfig('mlDebt.discovery');
  return {
    kinds: readList(discovery, 'kinds') ?? [...DEFAULT_ML_SERVICE_RULES.kinds],
    types: readList(discovery, 'types') ?? [...DEFAULT_ML_SERVICE_RULES.types],
  };
}

function readList(config: Config | undefined, key: string) {
  const values = config?.getOptionalStringArray(key);
  if (values === undefined) {
    return undefined;
  }
  if (values.length === 0 || values.some(v => v.trim() === '')) {
    throw new Error(
      `Invalid configuration: mlDebt.discovery.${key} must list at least one non-empty value, got ${JSON.stringify(
        values,
      )}`,
    );
  }
  return values.map(v => v.trim());
}

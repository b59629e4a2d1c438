import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { MlDebtCheck } from '../engine/types';

/**
 * Lets backend modules add checks to the `ml-debt` plugin's catalogue, next
 * to the built-in and config-defined ones. The plugin validates what modules
 * add with {@link validateCustomChecks} and refuses to start on a bad check.
 *
 * @example
 * ```ts
 * export const mlDebtModuleAcmeChecks = createBackendModule({
 *   pluginId: 'ml-debt',
 *   moduleId: 'acme-checks',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { checks: mlDebtChecksExtensionPoint },
 *       async init({ checks }) {
 *         checks.addChecks(ACME_01, [ACME_02, ACME_03]);
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export interface MlDebtChecksExtensionPoint {
  /** Adds checks; arrays are flattened, so a module can pass its whole list. */
  addChecks(...checks: Array<MlDebtCheck | MlDebtCheck[]>): void;
}

/**
 * The extension point behind {@link MlDebtChecksExtensionPoint}.
 *
 * @public
 */
export const mlDebtChecksExtensionPoint =
  createExtensionPoint<MlDebtChecksExtensionPoint>({
    id: 'ml-debt.checks',
  });

import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { mlDebtPermissions } from '@ml-debt/plugin-ml-debt-common';
import {
  MlDebtServiceResource,
  mlDebtServicePermissionResourceRef,
  mlDebtServicePermissionRules,
} from './rules';

/**
 * Registers the `ml-debt-service` resource type, its rules and every ml-debt
 * permission with the plugin's permissions registry.
 *
 * @remarks
 *
 * `getResources` loads the services a conditional decision is about, one
 * result per requested entity ref and in the same order, `undefined` for a
 * service the plugin does not know (a conditional decision on it is denied).
 * The permission backend calls it, through the registry's
 * `/.well-known/backstage/permissions/apply-conditions` route, whenever a
 * policy answers CONDITIONAL for a single service. Must be called during the
 * plugin's `init`, before the backend starts.
 *
 * @public
 */
export function registerMlDebtPermissions(
  permissionsRegistry: PermissionsRegistryService,
  options: {
    getResources: (
      entityRefs: string[],
    ) => Promise<Array<MlDebtServiceResource | undefined>>;
  },
): void {
  permissionsRegistry.addResourceType({
    resourceRef: mlDebtServicePermissionResourceRef,
    permissions: mlDebtPermissions,
    rules: Object.values(mlDebtServicePermissionRules),
    getResources: options.getResources,
  });
}

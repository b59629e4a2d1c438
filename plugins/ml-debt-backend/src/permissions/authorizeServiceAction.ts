import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_ML_DEBT_SERVICE } from '@ml-debt/plugin-ml-debt-common';

// How a refusal reads to the person who was refused.
const ACTIONS: Record<string, string> = {
  'ml-debt.scorecard.read': 'read the scorecard of',
  'ml-debt.scan.trigger': 'trigger a scan of',
  'ml-debt.waiver.create': 'create waivers for',
  'ml-debt.waiver.revoke': 'revoke waivers of',
};

/**
 * Checks that the caller may perform one ml-debt action on one ML service, and
 * throws a `NotAllowedError` (HTTP 403) naming the action, the service and the
 * permission when the policy refuses.
 *
 * @remarks
 *
 * The service's entity ref is passed as the `resourceRef`, so a CONDITIONAL
 * policy decision (such as "only the owners may waive") is resolved by the
 * permission framework against the service as the plugin stores it, through
 * the resource type registered with {@link registerMlDebtPermissions}. A
 * service the plugin does not know is therefore refused by a conditional
 * policy; routes that should answer 404 must look the service up first.
 *
 * @public
 */
export async function authorizeServiceAction(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  permission: ResourcePermission<typeof RESOURCE_TYPE_ML_DEBT_SERVICE>;
  /** The entity ref of the ML service, as the store keys it. */
  resource: string;
}): Promise<void> {
  const { permissions, credentials, permission, resource } = options;
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: resource }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    const action = ACTIONS[permission.name] ?? 'act on';
    throw new NotAllowedError(
      `You are not allowed to ${action} ${resource} (permission '${permission.name}' was denied)`,
    );
  }
}

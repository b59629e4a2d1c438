import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  mlDebtScanTriggerPermission,
  mlDebtScorecardReadPermission,
  mlDebtWaiverCreatePermission,
  mlDebtWaiverRevokePermission,
} from '@ml-debt/plugin-ml-debt-common';
import {
  createMlDebtServiceConditionalDecision,
  mlDebtServiceConditions,
} from '@ml-debt/plugin-ml-debt-backend';

/**
 * The portal's permission policy.
 *
 * Everyone who is signed in may read. Changing what the catalog tracks (creating
 * or deleting locations, deleting entities) is reserved for the members of the
 * groups listed in `permission.adminGroups`: a guest exploring the demo must not be
 * able to unregister the estate that everybody else looks at.
 *
 * ML Debt Scorecards: everyone signed in may read scorecards and trigger a
 * rescan (a scan only reads the repository and recomputes the score). Waivers
 * change a service's score, so creating or revoking one is reserved to the
 * service's owners (the user or one of their groups owns it, checked against
 * the service ml-debt stores) and to the admin groups.
 *
 * Permissions that no rule here names are allowed.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  static readonly adminOnlyPermissions = new Set([
    'catalog.entity.delete',
    'catalog.location.create',
    'catalog.location.delete',
  ]);

  static fromConfig(config: Config): PortalPermissionPolicy {
    const groups =
      config.getOptionalStringArray('permission.adminGroups') ?? [];
    return new PortalPermissionPolicy(new Set(groups));
  }

  constructor(private readonly adminGroups: ReadonlySet<string>) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { permission } = request;
    if (PortalPermissionPolicy.adminOnlyPermissions.has(permission.name)) {
      return {
        result: this.isAdmin(user)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (
      isPermission(permission, mlDebtScorecardReadPermission) ||
      isPermission(permission, mlDebtScanTriggerPermission)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(permission, mlDebtWaiverCreatePermission) ||
      isPermission(permission, mlDebtWaiverRevokePermission)
    ) {
      if (this.isAdmin(user)) {
        return { result: AuthorizeResult.ALLOW };
      }
      // Conditional, not DENY: whether the user owns the service is known
      // only to ml-debt, which resolves the condition against the service.
      return createMlDebtServiceConditionalDecision(
        permission,
        mlDebtServiceConditions.isServiceOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private isAdmin(user: PolicyQueryUser): boolean {
    return user.info.ownershipEntityRefs.some(ref => this.adminGroups.has(ref));
  }
}

/** Installs {@link PortalPermissionPolicy} into the permission backend. */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ policy, config }) {
        policy.setPolicy(PortalPermissionPolicy.fromConfig(config));
      },
    });
  },
});

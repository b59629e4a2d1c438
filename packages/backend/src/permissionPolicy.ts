import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * The portal's permission policy.
 *
 * Everyone who is signed in may read. Changing what the catalog tracks (creating
 * or deleting locations, deleting entities) is reserved for the members of the
 * groups listed in `permission.adminGroups`: a guest exploring the demo must not be
 * able to unregister the estate that everybody else looks at. Permissions that no
 * rule here names are allowed; the plugins that define them (ml-debt included)
 * enforce their own resource rules on top.
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
    if (
      PortalPermissionPolicy.adminOnlyPermissions.has(request.permission.name)
    ) {
      const isAdmin = user.info.ownershipEntityRefs.some(ref =>
        this.adminGroups.has(ref),
      );
      return { result: isAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
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

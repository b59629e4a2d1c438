import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { PortalPermissionPolicy } from './permissionPolicy';

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    token: 'token',
    credentials: {} as PolicyQueryUser['credentials'],
  } as PolicyQueryUser;
}

const policy = PortalPermissionPolicy.fromConfig(
  new ConfigReader({
    permission: { adminGroups: ['group:default/ml-platform'] },
  }),
);

const read = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
});
const deleteEntity = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
});
const createLocation = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});

describe('PortalPermissionPolicy', () => {
  it('lets any signed-in user read', async () => {
    const decision = await policy.handle(
      { permission: read },
      user('user:development/guest'),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('refuses catalog changes to users outside the admin groups', async () => {
    for (const permission of [deleteEntity, createLocation]) {
      const decision = await policy.handle(
        { permission },
        user('user:development/guest'),
      );
      expect(decision.result).toBe(AuthorizeResult.DENY);
    }
  });

  it('allows catalog changes to members of an admin group', async () => {
    const decision = await policy.handle(
      { permission: deleteEntity },
      user('user:default/ada', 'group:default/ml-platform'),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('denies requests without a user', async () => {
    const decision = await policy.handle({ permission: read });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});

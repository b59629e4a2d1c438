import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  authorizeServiceAction,
  registerMlDebtPermissions,
} from '@ml-debt/plugin-ml-debt-backend';
import {
  mlDebtScanTriggerPermission,
  mlDebtScorecardReadPermission,
  mlDebtWaiverCreatePermission,
  mlDebtWaiverRevokePermission,
} from '@ml-debt/plugin-ml-debt-common';
import request from 'supertest';
import {
  permissionPolicyModule,
  PortalPermissionPolicy,
} from './permissionPolicy';

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

describe('PortalPermissionPolicy for ML Debt Scorecards', () => {
  const guest = user('user:development/guest');

  it('lets any signed-in user read scorecards', async () => {
    const decision = await policy.handle(
      { permission: mlDebtScorecardReadPermission },
      guest,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets any signed-in user trigger a rescan', async () => {
    const decision = await policy.handle(
      { permission: mlDebtScanTriggerPermission },
      guest,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it.each([mlDebtWaiverCreatePermission, mlDebtWaiverRevokePermission])(
    'lets members of an admin group $name on any service',
    async permission => {
      const decision = await policy.handle(
        { permission },
        user('user:default/carol', 'group:default/ml-platform'),
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    },
  );

  it.each([mlDebtWaiverCreatePermission, mlDebtWaiverRevokePermission])(
    'lets other users $name only on services they own',
    async permission => {
      const decision = await policy.handle(
        { permission },
        user('user:default/ada', 'group:default/fraud-ml'),
      );
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'ml-debt',
        resourceType: 'ml-debt-service',
        conditions: {
          rule: 'IS_SERVICE_OWNER',
          resourceType: 'ml-debt-service',
          params: { claims: ['user:default/ada', 'group:default/fraud-ml'] },
        },
      });
    },
  );

  it('denies ml-debt requests without a user', async () => {
    const decision = await policy.handle({
      permission: mlDebtScorecardReadPermission,
    });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});

// End to end: the real permission backend with this policy, and a plugin that
// registers the ml-debt resource type and guards its routes exactly as the
// ml-debt backend does. A conditional decision travels from the policy through
// the permission backend to the plugin's apply-conditions route and back.
describe('ml-debt permissions through the permission backend', () => {
  // Who belongs to which group; the permission backend hands these ownership
  // claims to the policy.
  const memberships: Record<string, string[]> = {
    'user:default/ada': ['group:default/fraud-ml'],
    'user:default/bob': ['group:default/payments'],
    'user:default/carol': ['group:default/ml-platform'],
  };
  // The ML services as the ml-debt store knows them.
  const services = [
    {
      entityRef: 'component:default/fraud-detection',
      owner: 'group:default/fraud-ml',
    },
    { entityRef: 'component:default/payment-risk', owner: 'payments' },
  ];

  const userInfoWithMemberships = createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const { userEntityRef } = credentials.principal as {
          userEntityRef: string;
        };
        return {
          userEntityRef,
          ownershipEntityRefs: [
            userEntityRef,
            ...(memberships[userEntityRef] ?? []),
          ],
        };
      },
    }),
  });

  // The real auth service forwards a user to another plugin with the calling
  // plugin as actor, and the apply-conditions route refuses users without one
  // (only the permission backend may ask it, on a user's behalf). The mock auth
  // of backend-test-utils forwards a bare user token, so add the actor here.
  const authForwardingUsersWithActor = createServiceFactory({
    service: coreServices.auth,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }) {
      const auth = mockServices.auth({ pluginId: plugin.getId() });
      return {
        authenticate: auth.authenticate.bind(auth),
        getNoneCredentials: auth.getNoneCredentials.bind(auth),
        getOwnServiceCredentials: auth.getOwnServiceCredentials.bind(auth),
        isPrincipal: auth.isPrincipal.bind(auth),
        getLimitedUserToken: auth.getLimitedUserToken.bind(auth),
        listPublicServiceKeys: auth.listPublicServiceKeys.bind(auth),
        async getPluginRequestToken(options) {
          const { principal } = options.onBehalfOf;
          if (auth.isPrincipal(options.onBehalfOf, 'user')) {
            return {
              token: mockCredentials.user.token(
                (principal as { userEntityRef: string }).userEntityRef,
                { actor: { subject: `plugin:${plugin.getId()}` } },
              ),
            };
          }
          return auth.getPluginRequestToken(options);
        },
      };
    },
  });

  const mlDebtRoutes = createBackendPlugin({
    pluginId: 'ml-debt',
    register(env) {
      env.registerInit({
        deps: {
          httpAuth: coreServices.httpAuth,
          httpRouter: coreServices.httpRouter,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
        },
        async init({ httpAuth, httpRouter, permissions, permissionsRegistry }) {
          registerMlDebtPermissions(permissionsRegistry, {
            async getResources(entityRefs) {
              return entityRefs.map(ref =>
                services.find(service => service.entityRef === ref),
              );
            },
          });
          // The guarded ml-debt routes, each answering its success status
          // once authorizeServiceAction lets the request through.
          const routes: Record<
            string,
            {
              permission: ResourcePermission<'ml-debt-service'>;
              status: number;
            }
          > = {
            'GET ': { permission: mlDebtScorecardReadPermission, status: 200 },
            'POST /scan': {
              permission: mlDebtScanTriggerPermission,
              status: 202,
            },
            'POST /waivers': {
              permission: mlDebtWaiverCreatePermission,
              status: 201,
            },
            'POST /waivers/w1/revoke': {
              permission: mlDebtWaiverRevokePermission,
              status: 200,
            },
          };
          httpRouter.use((req, res, next) => {
            const match =
              /^\/scorecards\/component\/default\/([^/]+)(.*)$/.exec(req.path);
            const route = match && routes[`${req.method} ${match[2]}`];
            if (!match || !route) {
              next();
              return;
            }
            httpAuth
              .credentials(req)
              .then(credentials =>
                authorizeServiceAction({
                  permissions,
                  credentials,
                  permission: route.permission,
                  resource: `component:default/${match[1]}`,
                }),
              )
              .then(() => res.status(route.status).json({ ok: true }), next);
          });
        },
      });
    },
  });

  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionPolicyModule,
        mlDebtRoutes,
        userInfoWithMemberships,
        authForwardingUsersWithActor,
        mockServices.rootConfig.factory({
          data: {
            permission: {
              enabled: true,
              adminGroups: ['group:default/ml-platform'],
            },
          },
        }),
      ],
    }));
  });

  const as = (userEntityRef: string) =>
    mockCredentials.user.header(userEntityRef);
  const scorecard = '/api/ml-debt/scorecards/component/default';

  it('lets the owning team create a waiver', async () => {
    const res = await request(server)
      .post(`${scorecard}/fraud-detection/waivers`)
      .set('Authorization', as('user:default/ada'));
    expect(res.status).toBe(201);
  });

  it('refuses a waiver on a service owned by another team, saying why', async () => {
    const res = await request(server)
      .post(`${scorecard}/fraud-detection/waivers`)
      .set('Authorization', as('user:default/bob'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      "You are not allowed to create waivers for component:default/fraud-detection (permission 'ml-debt.waiver.create' was denied)",
    );
  });

  it('matches an owner written as a bare group name', async () => {
    const res = await request(server)
      .post(`${scorecard}/payment-risk/waivers`)
      .set('Authorization', as('user:default/bob'));
    expect(res.status).toBe(201);
  });

  it('lets only the owning team revoke a waiver', async () => {
    const byOwner = await request(server)
      .post(`${scorecard}/fraud-detection/waivers/w1/revoke`)
      .set('Authorization', as('user:default/ada'));
    const byOther = await request(server)
      .post(`${scorecard}/fraud-detection/waivers/w1/revoke`)
      .set('Authorization', as('user:default/bob'));
    expect(byOwner.status).toBe(200);
    expect(byOther.status).toBe(403);
  });

  it('lets an admin waive a service they do not own', async () => {
    const res = await request(server)
      .post(`${scorecard}/fraud-detection/waivers`)
      .set('Authorization', as('user:default/carol'));
    expect(res.status).toBe(201);
  });

  it('refuses a waiver on a service ml-debt does not know', async () => {
    const res = await request(server)
      .post(`${scorecard}/unknown-model/waivers`)
      .set('Authorization', as('user:default/ada'));
    expect(res.status).toBe(403);
  });

  it('lets anyone signed in read a scorecard and trigger a rescan', async () => {
    const reading = await request(server)
      .get(`${scorecard}/fraud-detection`)
      .set('Authorization', as('user:default/bob'));
    const scan = await request(server)
      .post(`${scorecard}/fraud-detection/scan`)
      .set('Authorization', as('user:default/bob'));
    expect(reading.status).toBe(200);
    expect(scan.status).toBe(202);
  });
});

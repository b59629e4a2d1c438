import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { registerMlDebtPermissions } from './registerMlDebtPermissions';
import { MlDebtServiceResource } from './rules';

// The services the plugin knows, as its store would return them.
const services: MlDebtServiceResource[] = [
  {
    entityRef: 'component:default/fraud-detection',
    owner: 'group:default/fraud-ml',
  },
  { entityRef: 'component:default/demand-forecast', owner: 'supply-chain' },
  { entityRef: 'component:default/orphan-model' },
];

/** A plugin with the ml-debt id that registers its permissions like the real one. */
function pluginRegisteringPermissions(requestedRefs: string[][] = []) {
  return createBackendPlugin({
    pluginId: 'ml-debt',
    register(env) {
      env.registerInit({
        deps: { permissionsRegistry: coreServices.permissionsRegistry },
        async init({ permissionsRegistry }) {
          registerMlDebtPermissions(permissionsRegistry, {
            async getResources(entityRefs) {
              requestedRefs.push(entityRefs);
              return entityRefs.map(ref =>
                services.find(service => service.entityRef === ref),
              );
            },
          });
        },
      });
    },
  });
}

const APPLY_CONDITIONS =
  '/api/ml-debt/.well-known/backstage/permissions/apply-conditions';

/** What the permission backend sends when a policy answered CONDITIONAL. */
function applyConditions(resourceRef: string | string[], claims: unknown) {
  return {
    items: [
      {
        id: '1',
        resourceType: 'ml-debt-service',
        resourceRef,
        conditions: {
          rule: 'IS_SERVICE_OWNER',
          resourceType: 'ml-debt-service',
          params: { claims },
        },
      },
    ],
  };
}

describe('registerMlDebtPermissions', () => {
  it('publishes the four ml-debt permissions and the IS_SERVICE_OWNER rule', async () => {
    const { server } = await startTestBackend({
      features: [pluginRegisteringPermissions()],
    });

    const res = await request(server)
      .get('/api/ml-debt/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());

    expect(res.status).toBe(200);
    expect(
      res.body.permissions.map((p: { name: string }) => p.name).sort(),
    ).toEqual([
      'ml-debt.scan.trigger',
      'ml-debt.scorecard.read',
      'ml-debt.waiver.create',
      'ml-debt.waiver.revoke',
    ]);
    expect(res.body.rules).toEqual([
      expect.objectContaining({
        name: 'IS_SERVICE_OWNER',
        resourceType: 'ml-debt-service',
        paramsSchema: expect.objectContaining({ required: ['claims'] }),
      }),
    ]);
  });

  it('allows a conditional decision on a service the claims own', async () => {
    const requestedRefs: string[][] = [];
    const { server } = await startTestBackend({
      features: [pluginRegisteringPermissions(requestedRefs)],
    });

    const res = await request(server)
      .post(APPLY_CONDITIONS)
      .set('Authorization', mockCredentials.service.header())
      .send(
        applyConditions('component:default/fraud-detection', [
          'user:default/ada',
          'group:default/fraud-ml',
        ]),
      );

    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ id: '1', result: 'ALLOW' }]);
    expect(requestedRefs).toEqual([['component:default/fraud-detection']]);
  });

  it('denies a conditional decision on a service someone else owns', async () => {
    const { server } = await startTestBackend({
      features: [pluginRegisteringPermissions()],
    });

    const res = await request(server)
      .post(APPLY_CONDITIONS)
      .set('Authorization', mockCredentials.service.header())
      .send(
        applyConditions('component:default/fraud-detection', [
          'user:default/bob',
          'group:default/payments',
        ]),
      );

    expect(res.body.items).toEqual([{ id: '1', result: 'DENY' }]);
  });

  it('decides a batch of services at once, denying services it does not know', async () => {
    const requestedRefs: string[][] = [];
    const { server } = await startTestBackend({
      features: [pluginRegisteringPermissions(requestedRefs)],
    });

    const res = await request(server)
      .post(APPLY_CONDITIONS)
      .set('Authorization', mockCredentials.service.header())
      .send(
        applyConditions(
          [
            'component:default/fraud-detection',
            'component:default/demand-forecast',
            'component:default/orphan-model',
            'component:default/not-scanned',
          ],
          ['group:default/supply-chain', 'group:default/fraud-ml'],
        ),
      );

    expect(res.body.items).toEqual([
      { id: '1', result: ['ALLOW', 'ALLOW', 'DENY', 'DENY'] },
    ]);
    // One load for the whole batch, not one per service.
    expect(requestedRefs).toHaveLength(1);
  });

  it('rejects a policy condition with malformed claims with a 400', async () => {
    const { server } = await startTestBackend({
      features: [pluginRegisteringPermissions()],
    });

    const res = await request(server)
      .post(APPLY_CONDITIONS)
      .set('Authorization', mockCredentials.service.header())
      .send(
        applyConditions(
          'component:default/fraud-detection',
          'group:default/fraud-ml',
        ),
      );

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Parameters to rule are invalid/);
  });
});

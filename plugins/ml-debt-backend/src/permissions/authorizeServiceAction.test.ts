import {
  coreServices,
  createBackendPlugin,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  mlDebtScanTriggerPermission,
  mlDebtWaiverCreatePermission,
  mlDebtWaiverRevokePermission,
} from '@ml-debt/plugin-ml-debt-common';
import Router from 'express-promise-router';
import request from 'supertest';
import { authorizeServiceAction } from './authorizeServiceAction';

/**
 * A permissions service that answers every request with one decision and
 * remembers what it was asked: the framework's side of the exchange.
 */
function permissionsAnswering(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const requests: AuthorizePermissionRequest[] = [];
  const permissions: PermissionsService = {
    async authorize(batch) {
      requests.push(...batch);
      return batch.map(() => ({ result }));
    },
    async authorizeConditional() {
      throw new Error(
        'authorizeServiceAction must not resolve conditions itself',
      );
    },
  };
  return { permissions, requests };
}

const credentials = mockCredentials.user('user:default/ada');
const fraudDetection = 'component:default/fraud-detection';

describe('authorizeServiceAction', () => {
  it('lets an allowed action through', async () => {
    const { permissions } = permissionsAnswering(AuthorizeResult.ALLOW);

    await expect(
      authorizeServiceAction({
        permissions,
        credentials,
        permission: mlDebtWaiverCreatePermission,
        resource: fraudDetection,
      }),
    ).resolves.toBeUndefined();
  });

  it('asks about the service itself, so that conditional policies are resolved against it', async () => {
    const { permissions, requests } = permissionsAnswering(
      AuthorizeResult.ALLOW,
    );

    await authorizeServiceAction({
      permissions,
      credentials,
      permission: mlDebtWaiverRevokePermission,
      resource: fraudDetection,
    });

    expect(requests).toEqual([
      { permission: mlDebtWaiverRevokePermission, resourceRef: fraudDetection },
    ]);
  });

  it('refuses a denied action with a NotAllowedError naming the action, the service and the permission', async () => {
    const { permissions } = permissionsAnswering(AuthorizeResult.DENY);

    const refusal = authorizeServiceAction({
      permissions,
      credentials,
      permission: mlDebtWaiverCreatePermission,
      resource: fraudDetection,
    });

    await expect(refusal).rejects.toThrow(NotAllowedError);
    await expect(refusal).rejects.toThrow(
      "You are not allowed to create waivers for component:default/fraud-detection (permission 'ml-debt.waiver.create' was denied)",
    );
  });

  it('answers a refused request with HTTP 403 and the reason', async () => {
    const { server } = await startTestBackend({
      features: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        createBackendPlugin({
          pluginId: 'ml-debt',
          register(env) {
            env.registerInit({
              deps: {
                httpAuth: coreServices.httpAuth,
                httpRouter: coreServices.httpRouter,
                permissions: coreServices.permissions,
              },
              async init({ httpAuth, httpRouter, permissions }) {
                const router = Router();
                router.post('/services/:ref/scan', async (req, res) => {
                  await authorizeServiceAction({
                    permissions,
                    credentials: await httpAuth.credentials(req),
                    permission: mlDebtScanTriggerPermission,
                    resource: req.params.ref,
                  });
                  res.status(202).json({ status: 'queued' });
                });
                httpRouter.use(router);
              },
            });
          },
        }),
      ],
    });

    const res = await request(server).post(
      `/api/ml-debt/services/${encodeURIComponent(fraudDetection)}/scan`,
    );

    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      name: 'NotAllowedError',
      message:
        "You are not allowed to trigger a scan of component:default/fraud-detection (permission 'ml-debt.scan.trigger' was denied)",
    });
  });
});

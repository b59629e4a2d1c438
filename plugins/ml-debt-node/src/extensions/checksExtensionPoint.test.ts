import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { MlDebtCheck } from '../engine/types';
import {
  MlDebtChecksExtensionPoint,
  mlDebtChecksExtensionPoint,
} from './checksExtensionPoint';
import { validateCustomChecks } from './validateCustomChecks';

const acmeCheck = (id: string): MlDebtCheck => ({
  id,
  title: `Acme policy ${id} violated`,
  category: 'documentation',
  weight: 1,
  confidence: 'high',
  mlTestScore: [],
  debtType: 'Process management debt',
  appliesToExperimental: false,
  rationale: 'Acme requires it.',
  references: [],
  remediation: ['Follow the Acme policy.'],
  evaluate: () => ({ status: 'pass', summary: 'Compliant.' }),
});

/**
 * A stand-in for the `ml-debt` plugin that collects and validates checks the
 * way the real one does: the extension point is registered in `register`, and
 * the collected checks are read in `init`, after every module's `init`.
 */
function collectingPlugin(received: { checks?: MlDebtCheck[] }) {
  return createBackendPlugin({
    pluginId: 'ml-debt',
    register(env) {
      const added: MlDebtCheck[] = [];
      const extension: MlDebtChecksExtensionPoint = {
        addChecks(...checks) {
          added.push(...checks.flat());
        },
      };
      env.registerExtensionPoint(mlDebtChecksExtensionPoint, extension);
      env.registerInit({
        deps: {},
        async init() {
          received.checks = validateCustomChecks(added);
        },
      });
    },
  });
}

const moduleAdding = (moduleId: string, ...checks: MlDebtCheck[]) =>
  createBackendModule({
    pluginId: 'ml-debt',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { extension: mlDebtChecksExtensionPoint },
        async init({ extension }) {
          extension.addChecks(checks[0], checks.slice(1));
        },
      });
    },
  });

describe('mlDebtChecksExtensionPoint', () => {
  it('has the id ml-debt.checks', () => {
    expect(mlDebtChecksExtensionPoint.id).toBe('ml-debt.checks');
  });

  it('lets backend modules add checks, single or in arrays, to the ml-debt plugin', async () => {
    const received: { checks?: MlDebtCheck[] } = {};
    const backend = await startTestBackend({
      features: [
        collectingPlugin(received),
        moduleAdding('acme-checks', acmeCheck('ACME-01'), acmeCheck('ACME-02')),
        moduleAdding('security-checks', acmeCheck('SEC-01')),
      ],
    });
    expect(received.checks?.map(c => c.id).sort()).toEqual([
      'ACME-01',
      'ACME-02',
      'SEC-01',
    ]);
    await backend.stop();
  });

  it('stops the backend from starting when a module adds an invalid check', async () => {
    await expect(
      startTestBackend({
        features: [
          collectingPlugin({}),
          moduleAdding('acme-checks', acmeCheck('REP-01')),
        ],
      }),
    ).rejects.toThrow(/id "REP-01" clashes with built-in check REP-01/);
  });
});

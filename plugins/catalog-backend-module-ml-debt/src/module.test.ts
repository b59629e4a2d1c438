import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleMlDebt } from './module';
import { MlDebtEntityProcessor } from './processor/MlDebtEntityProcessor';

describe('catalogModuleMlDebt', () => {
  it('adds the ML-debt processor to the catalog', async () => {
    const addProcessor = jest.fn();
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, { addProcessor }]],
      features: [catalogModuleMlDebt],
    });
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(MlDebtEntityProcessor),
    );
  });

  it('stops the backend at start-up on invalid rule configuration', async () => {
    const addProcessor = jest.fn();
    await expect(
      startTestBackend({
        extensionPoints: [[catalogProcessingExtensionPoint, { addProcessor }]],
        features: [
          catalogModuleMlDebt,
          mockServices.rootConfig.factory({
            data: {
              mlDebt: { catalogRules: { lifecycle: { severity: 'fatal' } } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'Invalid mlDebt.catalogRules configuration: mlDebt.catalogRules.lifecycle.severity must be one of error, warning, off, got "fatal"',
    );
    expect(addProcessor).not.toHaveBeenCalled();
  });
});

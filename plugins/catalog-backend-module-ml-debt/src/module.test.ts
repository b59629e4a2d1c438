import { startTestBackend } from '@backstage/backend-test-utils';
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
});

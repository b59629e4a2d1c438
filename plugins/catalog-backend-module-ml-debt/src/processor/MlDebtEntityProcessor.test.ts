import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { MlDebtEntityProcessor } from './MlDebtEntityProcessor';

const location = { type: 'file', target: '/repo/catalog-info.yaml' };

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn-model', annotations },
    spec: {
      type: 'ml-model',
      owner: 'group:default/growth-ml',
      lifecycle: 'production',
    },
  };
}

describe('MlDebtEntityProcessor', () => {
  const processor = MlDebtEntityProcessor.fromConfig(new ConfigReader({}));

  it('reads the shared ML-service rules from config', () => {
    const custom = MlDebtEntityProcessor.fromConfig(
      new ConfigReader({ mlDebt: { discovery: { types: ['model'] } } }),
    );
    expect(custom.rules.types).toEqual(['model']);
    expect(processor.rules.types).toEqual([
      'ml-service',
      'ml-model',
      'ml-pipeline',
    ]);
  });

  it.each(['true', 'false'])(
    'accepts ml-debt.io/enabled: "%s"',
    async value => {
      const emit = jest.fn();
      const input = entity({ 'ml-debt.io/enabled': value });
      await expect(
        processor.preProcessEntity(input, location, emit),
      ).resolves.toBe(input);
      expect(emit).not.toHaveBeenCalled();
    },
  );

  it('reports a malformed opt-in annotation with the fix', async () => {
    const emit = jest.fn();
    await processor.preProcessEntity(
      entity({ 'ml-debt.io/enabled': 'yes' }),
      location,
      emit,
    );
    expect(emit).toHaveBeenCalledTimes(1);
    const [result] = emit.mock.calls[0];
    expect(result.type).toBe('error');
    expect(result.location).toBe(location);
    expect(result.error.name).toBe('InputError');
    expect(result.error.message).toBe(
      'Component:default/churn-model has annotation ml-debt.io/enabled: "yes"; set it to "true" to scan this entity for ML debt or "false" to opt it out',
    );
  });
});

import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  EventsServiceSubscribeOptions,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { ML_DEBT_SCORECARD_CHANGED_TOPIC } from '@ml-debt/plugin-ml-debt-common';
import { ScorecardLabelReader } from './labels/ScorecardLabelReader';
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

  it('drops the cached labels of a service the ml-debt backend announces a new scorecard for', async () => {
    const invalidate = jest.spyOn(ScorecardLabelReader.prototype, 'invalidate');
    const subscriptions: EventsServiceSubscribeOptions[] = [];
    await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, { addProcessor: jest.fn() }],
      ],
      features: [
        catalogModuleMlDebt,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => ({
            publish: async () => {},
            subscribe: async options => {
              subscriptions.push(options);
            },
          }),
        }),
      ],
    });
    expect(subscriptions).toEqual([
      expect.objectContaining({ topics: [ML_DEBT_SCORECARD_CHANGED_TOPIC] }),
    ]);
    const onEvent = (eventPayload: unknown) =>
      subscriptions[0].onEvent({
        topic: ML_DEBT_SCORECARD_CHANGED_TOPIC,
        eventPayload,
      });
    await onEvent({
      entityRef: 'component:default/churn-model',
      grade: 'F',
      score: 12,
    });
    expect(invalidate).toHaveBeenCalledWith({
      kind: 'component',
      namespace: 'default',
      name: 'churn-model',
    });
    // Malformed payloads are ignored.
    await onEvent(undefined);
    await onEvent({ entityRef: 42 });
    await onEvent({ entityRef: 'component:' });
    expect(invalidate).toHaveBeenCalledTimes(1);
    invalidate.mockRestore();
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

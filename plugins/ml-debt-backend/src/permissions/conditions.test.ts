import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlDebtWaiverCreatePermission } from '@ml-debt/plugin-ml-debt-common';
import {
  createMlDebtServiceConditionalDecision,
  mlDebtServiceConditions,
} from './conditions';

describe('ml-debt-service conditions', () => {
  it('build an IS_SERVICE_OWNER condition from ownership claims', () => {
    expect(
      mlDebtServiceConditions.isServiceOwner({
        claims: ['group:default/fraud-ml'],
      }),
    ).toEqual({
      rule: 'IS_SERVICE_OWNER',
      resourceType: 'ml-debt-service',
      params: { claims: ['group:default/fraud-ml'] },
    });
  });

  it('wrap into a conditional decision addressed to the ml-debt plugin', () => {
    // The permission backend sends a conditional decision to the plugin it
    // names, to be resolved against that plugin's resources.
    const condition = mlDebtServiceConditions.isServiceOwner({
      claims: ['group:default/fraud-ml'],
    });

    expect(
      createMlDebtServiceConditionalDecision(
        mlDebtWaiverCreatePermission,
        condition,
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'ml-debt',
      resourceType: 'ml-debt-service',
      conditions: condition,
    });
  });
});

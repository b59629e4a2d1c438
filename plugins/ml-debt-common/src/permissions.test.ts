import { mlDebtPermissions } from './permissions';

describe('ml-debt permissions', () => {
  // Policies match on these names and actions; changing one silently changes
  // what every deployed policy allows.
  it('are the four resource permissions on an ML service, with their actions', () => {
    expect(
      mlDebtPermissions.map(p => ({
        name: p.name,
        type: p.type,
        action: p.attributes.action,
        resourceType: p.resourceType,
      })),
    ).toEqual([
      {
        name: 'ml-debt.scorecard.read',
        type: 'resource',
        action: 'read',
        resourceType: 'ml-debt-service',
      },
      {
        name: 'ml-debt.scan.trigger',
        type: 'resource',
        action: 'update',
        resourceType: 'ml-debt-service',
      },
      {
        name: 'ml-debt.waiver.create',
        type: 'resource',
        action: 'create',
        resourceType: 'ml-debt-service',
      },
      {
        name: 'ml-debt.waiver.revoke',
        type: 'resource',
        action: 'delete',
        resourceType: 'ml-debt-service',
      },
    ]);
  });
});

import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of ML Debt Scorecards: the ML service a
 * scorecard belongs to, identified by its entity ref
 * (for example `component:default/fraud-detection`).
 *
 * @remarks
 *
 * Every ml-debt permission is scoped to a service, so that a policy can decide
 * per service, for instance "waive only what you own", with the rules the
 * backend registers for this type.
 *
 * @public
 */
export const RESOURCE_TYPE_ML_DEBT_SERVICE = 'ml-debt-service';

/**
 * Read an ML service's scorecard, its checklist, evidence and history; also
 * governs which services appear in lists, rollups and exports.
 *
 * @public
 */
export const mlDebtScorecardReadPermission = createPermission({
  name: 'ml-debt.scorecard.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_ML_DEBT_SERVICE,
});

/**
 * Trigger an on-demand rescan of an ML service. An update: it replaces the
 * service's latest scorecard and costs a repository read.
 *
 * @public
 */
export const mlDebtScanTriggerPermission = createPermission({
  name: 'ml-debt.scan.trigger',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_ML_DEBT_SERVICE,
});

/**
 * Create a waiver (or an attestation) on one of an ML service's checks. A
 * waiver changes the service's score, so policies usually restrict it to the
 * service's owners.
 *
 * @public
 */
export const mlDebtWaiverCreatePermission = createPermission({
  name: 'ml-debt.waiver.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_ML_DEBT_SERVICE,
});

/**
 * Revoke a waiver (or an attestation) of an ML service. Revoked waivers are
 * kept for the audit trail; revoking only stops them counting.
 *
 * @public
 */
export const mlDebtWaiverRevokePermission = createPermission({
  name: 'ml-debt.waiver.revoke',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_ML_DEBT_SERVICE,
});

/**
 * Every permission of ML Debt Scorecards, as the backend registers them.
 *
 * @public
 */
export const mlDebtPermissions = [
  mlDebtScorecardReadPermission,
  mlDebtScanTriggerPermission,
  mlDebtWaiverCreatePermission,
  mlDebtWaiverRevokePermission,
];

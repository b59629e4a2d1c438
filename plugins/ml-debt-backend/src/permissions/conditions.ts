import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  mlDebtServicePermissionResourceRef,
  mlDebtServicePermissionRules,
} from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: mlDebtServicePermissionResourceRef,
  rules: mlDebtServicePermissionRules,
});

/**
 * Condition factories for the `ml-debt-service` resource type, for use in
 * permission policies, e.g.
 * `mlDebtServiceConditions.isServiceOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const mlDebtServiceConditions = conditions;

/**
 * Wraps `ml-debt-service` conditions into a conditional policy decision for
 * one of the ml-debt resource permissions, e.g. "waive only what you own":
 *
 * ```ts
 * createMlDebtServiceConditionalDecision(
 *   request.permission,
 *   mlDebtServiceConditions.isServiceOwner({ claims: user.info.ownershipEntityRefs }),
 * )
 * ```
 *
 * @public
 */
export const createMlDebtServiceConditionalDecision = createConditionalDecision;

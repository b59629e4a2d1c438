export {
  isServiceOwner,
  mlDebtServicePermissionResourceRef,
  mlDebtServicePermissionRules,
  normalizeOwnerRef,
} from './rules';
export type { MlDebtServiceQuery, MlDebtServiceResource } from './rules';
export {
  createMlDebtServiceConditionalDecision,
  mlDebtServiceConditions,
} from './conditions';
export { registerMlDebtPermissions } from './registerMlDebtPermissions';
export { authorizeServiceAction } from './authorizeServiceAction';

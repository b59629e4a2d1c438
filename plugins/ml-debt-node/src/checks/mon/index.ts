import { MlDebtCheck } from '../../engine/types';

/** The MON-* checks, in id order. */
export const monitoringChecks: MlDebtCheck[] = [];

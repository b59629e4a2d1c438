import { MlDebtCheck } from '../../engine/types';

/** The REP-* checks, in id order. */
export const reproducibilityChecks: MlDebtCheck[] = [];

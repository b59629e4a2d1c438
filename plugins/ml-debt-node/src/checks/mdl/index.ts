import { MlDebtCheck } from '../../engine/types';

/** The MDL-* checks, in id order. */
export const modelChecks: MlDebtCheck[] = [];

import { MlDebtCheck } from '../../engine/types';

/** The TST-* checks, in id order. */
export const testingChecks: MlDebtCheck[] = [];

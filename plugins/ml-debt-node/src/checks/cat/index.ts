import { MlDebtCheck } from '../../engine/types';

/** The CAT-* checks, in id order. */
export const catalogChecks: MlDebtCheck[] = [];

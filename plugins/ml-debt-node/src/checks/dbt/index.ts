import { MlDebtCheck } from '../../engine/types';

/** The DBT-* checks, in id order. */
export const satdChecks: MlDebtCheck[] = [];

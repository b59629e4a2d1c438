import { MlDebtCheck } from '../../engine/types';

/** The CFG-* checks, in id order. */
export const configurationChecks: MlDebtCheck[] = [];

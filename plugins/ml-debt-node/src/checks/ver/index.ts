import { MlDebtCheck } from '../../engine/types';

/** The VER-* checks, in id order. */
export const versioningChecks: MlDebtCheck[] = [];

import { MlDebtCheck } from '../../engine/types';

/** The DOC-* checks, in id order. */
export const documentationChecks: MlDebtCheck[] = [];

import { MlDebtCheck } from '../../engine/types';

/** The SML-* checks, in id order. */
export const codeSmellChecks: MlDebtCheck[] = [];

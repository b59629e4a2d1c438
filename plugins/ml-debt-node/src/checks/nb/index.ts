import { MlDebtCheck } from '../../engine/types';

/** The NB-* checks, in id order. */
export const notebookChecks: MlDebtCheck[] = [];

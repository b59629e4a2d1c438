import { MlDebtCheck } from '../../engine/types';
import { NB_01 } from './NB-01';
import { NB_02 } from './NB-02';

/** The NB-* checks, in id order. */
export const notebookChecks: MlDebtCheck[] = [NB_01, NB_02];

import { MlDebtCheck } from '../../engine/types';
import { MDL_01 } from './MDL-01';
import { MDL_02 } from './MDL-02';

/** The MDL-* checks, in id order. */
export const modelChecks: MlDebtCheck[] = [MDL_01, MDL_02];

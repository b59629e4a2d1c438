import { MlDebtCheck } from '../../engine/types';
import { OPS_01 } from './OPS-01';

/** The OPS-* checks, in id order. */
export const operationsChecks: MlDebtCheck[] = [OPS_01];

import { MlDebtCheck } from '../../engine/types';
import { DBT_01 } from './DBT-01';
import { DBT_02 } from './DBT-02';
import { DBT_03 } from './DBT-03';

/** The DBT-* checks, in id order. */
export const satdChecks: MlDebtCheck[] = [DBT_01, DBT_02, DBT_03];

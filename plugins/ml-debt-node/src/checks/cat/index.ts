import { MlDebtCheck } from '../../engine/types';
import { CAT_01 } from './CAT-01';
import { CAT_02 } from './CAT-02';
import { CAT_03 } from './CAT-03';
import { CAT_04 } from './CAT-04';
import { CAT_05 } from './CAT-05';

/** The CAT-* checks, in id order. */
export const catalogChecks: MlDebtCheck[] = [
  CAT_01,
  CAT_02,
  CAT_03,
  CAT_04,
  CAT_05,
];

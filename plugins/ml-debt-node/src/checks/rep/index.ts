import { MlDebtCheck } from '../../engine/types';
import { REP_01 } from './REP-01';
import { REP_02 } from './REP-02';
import { REP_03 } from './REP-03';
import { REP_04 } from './REP-04';
import { REP_05 } from './REP-05';

/** The REP-* checks, in id order. */
export const reproducibilityChecks: MlDebtCheck[] = [
  REP_01,
  REP_02,
  REP_03,
  REP_04,
  REP_05,
];

import { MlDebtCheck } from '../../engine/types';
import { MON_01 } from './MON-01';
import { MON_02 } from './MON-02';
import { MON_03 } from './MON-03';
import { MON_04 } from './MON-04';
import { MON_05 } from './MON-05';

/** The MON-* checks, in id order. */
export const monitoringChecks: MlDebtCheck[] = [
  MON_01,
  MON_02,
  MON_03,
  MON_04,
  MON_05,
];

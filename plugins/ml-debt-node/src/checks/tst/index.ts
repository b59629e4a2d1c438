import { MlDebtCheck } from '../../engine/types';
import { TST_01 } from './TST-01';
import { TST_02 } from './TST-02';
import { TST_03 } from './TST-03';
import { TST_04 } from './TST-04';
import { TST_05 } from './TST-05';
import { TST_06 } from './TST-06';
import { TST_07 } from './TST-07';
import { TST_08 } from './TST-08';

/** The TST-* checks, in id order. */
export const testingChecks: MlDebtCheck[] = [
  TST_01,
  TST_02,
  TST_03,
  TST_04,
  TST_05,
  TST_06,
  TST_07,
  TST_08,
];

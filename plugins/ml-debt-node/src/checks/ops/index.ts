import { MlDebtCheck } from '../../engine/types';
import { OPS_01 } from './OPS-01';
import { OPS_02 } from './OPS-02';
import { OPS_03 } from './OPS-03';
import { OPS_04 } from './OPS-04';
import { OPS_05 } from './OPS-05';

/** The OPS-* checks, in id order. */
export const operationsChecks: MlDebtCheck[] = [
  OPS_01,
  OPS_02,
  OPS_03,
  OPS_04,
  OPS_05,
];

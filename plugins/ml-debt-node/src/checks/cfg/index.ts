import { MlDebtCheck } from '../../engine/types';
import { CFG_01 } from './CFG-01';
import { CFG_02 } from './CFG-02';
import { CFG_03 } from './CFG-03';
import { CFG_04 } from './CFG-04';

/** The CFG-* checks, in id order. */
export const configurationChecks: MlDebtCheck[] = [
  CFG_01,
  CFG_02,
  CFG_03,
  CFG_04,
];

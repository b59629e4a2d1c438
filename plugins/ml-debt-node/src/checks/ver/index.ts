import { MlDebtCheck } from '../../engine/types';
import { VER_01 } from './VER-01';
import { VER_02 } from './VER-02';
import { VER_03 } from './VER-03';
import { VER_04 } from './VER-04';

/** The VER-* checks, in id order. */
export const versioningChecks: MlDebtCheck[] = [VER_01, VER_02, VER_03, VER_04];

import { MlDebtCheck } from '../../engine/types';
import { DOC_01 } from './DOC-01';
import { DOC_02 } from './DOC-02';

/** The DOC-* checks, in id order. */
export const documentationChecks: MlDebtCheck[] = [DOC_01, DOC_02];

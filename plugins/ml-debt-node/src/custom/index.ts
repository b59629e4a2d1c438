export { readCustomChecks } from './readCustomChecks';
export type { ReadCustomChecksOptions } from './readCustomChecks';
export { CUSTOM_CHECK_ID_PATTERN } from './metadata';

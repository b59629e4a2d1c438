export { buildCheckCatalogue } from './catalogue';
export type { CheckCatalogue } from './catalogue';
export { readScanOptions } from './options';
export type { ScanOptions } from './options';
export {
  Scanner,
  applyWaivers,
  portalAttestations,
  toServiceSummary,
} from './Scanner';
export type { ScanOutcome, ScanRequest } from './Scanner';
export {
  ScanCoordinator,
  SCAN_TASK_ID,
  DRAIN_TASK_ID,
} from './ScanCoordinator';
export type { RunningRescan } from './ScanCoordinator';

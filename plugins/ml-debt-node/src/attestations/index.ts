export { readAttestations, ATTESTATION_FILE } from './readAttestations';
export type {
  AttestationProblem,
  ReadAttestationsOptions,
  ReadAttestationsResult,
} from './readAttestations';

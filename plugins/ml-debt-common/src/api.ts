import type {
  Automation,
  CheckMetadata,
  CheckStatus,
  Evidence,
  Grade,
  MlTestId,
} from './types';
import type { MlTestAttestation, Scorecard } from './scoring';

/*
 * The JSON shapes of the ml-debt backend's REST API
 * (plugins/ml-debt-backend/src/schema/openapi.yaml): what the backend's router
 * writes and what the frontend's client reads.
 */

/**
 * A check of the catalogue, built in or custom, as `GET /checks` lists it.
 *
 * @public
 */
export interface CatalogueCheck extends CheckMetadata {
  /** A built-in check, or one added by configuration or a backend module. */
  source: 'builtin' | 'custom';
}

/**
 * State of a scan: in progress (`queued`, `running`) or over (`succeeded`,
 * which includes a source found unchanged, or `failed`).
 *
 * @public
 */
export type ScanStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * What started a scan: the scheduled cycle, or someone asking for a rescan.
 *
 * @public
 */
export type ScanTrigger = 'scheduled' | 'manual';

/**
 * One scan of one service.
 *
 * @public
 */
export interface ScanRun {
  id: string;
  status: ScanStatus;
  trigger?: ScanTrigger;
  /** ISO 8601; null while queued. */
  startedAt?: string | null;
  /** ISO 8601; null until the scan is over. */
  finishedAt?: string | null;
  /** Why a failed scan failed, e.g. an unreadable source. */
  error?: string | null;
}

/**
 * Whether a waiver or attestation counts: `active` ones do; `expired` and
 * `revoked` ones are kept for the audit trail only.
 *
 * @public
 */
export type WaiverState = 'active' | 'expired' | 'revoked';

/**
 * A waiver of a failing check (`kind: 'waiver'`, `target` a check id), or an
 * attestation that the team runs an ML Test Score test (`kind:
 * 'attestation'`, `target` a test id). Never deleted, only revoked.
 *
 * @public
 */
export interface Waiver {
  /** A UUID. */
  id: string;
  entityRef: string;
  kind: 'waiver' | 'attestation';
  target: string;
  reason: string;
  /** Attestations only: whether the attested test runs automatically. */
  status?: 'manual' | 'automated';
  /** A path or URL backing the waiver or attestation. */
  evidence?: string;
  /** Entity reference of the user who created it. */
  author: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; always set on waivers, optional on attestations. */
  expiresAt?: string | null;
  revokedBy?: string | null;
  revokedAt?: string | null;
  revokeReason?: string | null;
  state: WaiverState;
}

/**
 * Body of `POST /scorecards/{kind}/{namespace}/{name}/waivers`.
 *
 * @public
 */
export type CreateWaiverRequest =
  | {
      kind: 'waiver';
      /** A check id, e.g. `REP-02`. */
      target: string;
      /** 1–2000 characters. */
      reason: string;
      /** ISO 8601, in the future. */
      expiresAt: string;
      evidence?: string;
    }
  | {
      kind: 'attestation';
      target: MlTestId;
      reason: string;
      status: 'manual' | 'automated';
      expiresAt?: string;
      evidence?: string;
    };

/**
 * Body of `POST /waivers/{id}/revoke`.
 *
 * @public
 */
export interface RevokeWaiverRequest {
  reason?: string;
}

/**
 * One check of a service's scorecard: its metadata, its result and, when
 * waived, the waiver.
 *
 * @public
 */
export interface ScorecardCheck extends CatalogueCheck {
  /** Low-confidence check: counted at half weight, never capping the score. */
  advisory: boolean;
  status: CheckStatus;
  score: number | null;
  summary: string;
  evidence: Evidence[];
  automation: Automation;
  waiver?: Waiver;
}

/**
 * One row of the org-wide scorecard list (`GET /scorecards`, `GET /export`).
 *
 * @public
 */
export interface ScorecardSummary {
  entityRef: string;
  title: string;
  kind: string;
  /** The entity's `spec.type`. */
  type: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  /** Health 0–100 after the critical cap. */
  score: number;
  uncappedScore: number;
  grade: Grade;
  /** The final ML Test Score, 0–7. */
  mlTestScore: number;
  /** Score delta against the previous successful scan; null for the first. */
  change: number | null;
  /** Checks that currently fail; waived checks are not counted. */
  failingChecks: number;
  /** ISO 8601: when the scorecard's scan finished. */
  scannedAt: string;
  /** Status of the latest scan, which may have failed after this scorecard. */
  scanStatus: ScanStatus;
}

/**
 * The ML Test Score attestations read from the repository's
 * `.ml-test-score.yaml`.
 *
 * @public
 */
export interface RepositoryAttestations {
  /** The attestation file's path, when the repository has one. */
  path?: string;
  /** Attestations that count, with their points. */
  accepted: MlTestAttestation[];
  /** Rejected entries and warnings, for the UI. */
  problems: Array<
    Evidence & { test?: string; severity: 'rejected' | 'warning' }
  >;
}

/**
 * One service's latest scorecard (`GET /scorecards/{kind}/{namespace}/{name}`).
 *
 * @public
 */
export interface ServiceScorecard extends ScorecardSummary {
  scorecard: Scorecard;
  /** Every check of the catalogue, in catalogue order. */
  checks: ScorecardCheck[];
  attestations: RepositoryAttestations;
  lastScan: ScanRun;
  /** Active waivers and attestations. */
  waivers: Waiver[];
}

/**
 * Sort fields of the scorecard list.
 *
 * @public
 */
export type ScorecardSortField =
  | 'score'
  | 'name'
  | 'owner'
  | 'system'
  | 'scannedAt'
  | 'change';

/**
 * Filters and sorting shared by `GET /scorecards` and `GET /export`.
 *
 * @public
 */
export interface ScorecardFilters {
  owner?: string;
  system?: string;
  lifecycle?: string;
  grade?: Grade;
  kind?: string;
  /** A check id; only services on which it currently fails. */
  failingCheck?: string;
  /** Text matched against title and entity reference, case-insensitively. */
  q?: string;
  sort?: ScorecardSortField;
  order?: 'asc' | 'desc';
}

/**
 * Query of `GET /scorecards`.
 *
 * @public
 */
export interface ListScorecardsQuery extends ScorecardFilters {
  /** 1–500, default 50. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

/**
 * Response of `GET /scorecards`.
 *
 * @public
 */
export interface ScorecardPage {
  items: ScorecardSummary[];
  /** Number of services matching the filters, over all pages. */
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * One scan in a service's history.
 *
 * @public
 */
export interface HistoryEntry {
  scanId: string;
  /** ISO 8601. */
  scannedAt: string;
  status: ScanStatus;
  trigger?: ScanTrigger;
  /** Null for a failed scan. */
  score: number | null;
  grade: Grade | null;
  mlTestScore: number | null;
  error?: string;
}

/**
 * Response of `GET /scorecards/{kind}/{namespace}/{name}/history`.
 *
 * @public
 */
export interface ScorecardHistory {
  /** Newest first. */
  items: HistoryEntry[];
}

/**
 * Response of `POST /scorecards/{kind}/{namespace}/{name}/scan`.
 *
 * @public
 */
export interface ScanTriggered {
  scanId: string;
  status: 'queued' | 'running';
}

/**
 * One group of `GET /rollups`: the services of one owner or system.
 *
 * @public
 */
export interface RollupGroup {
  /** The owner or system entity reference; null for services without one. */
  key: string | null;
  count: number;
  averageScore: number;
  grades: Record<Grade, number>;
  /** Most frequent first. */
  topFailingChecks: Array<{ checkId: string; count: number }>;
}

/**
 * Response of `GET /rollups`.
 *
 * @public
 */
export interface Rollups {
  groupBy: 'owner' | 'system';
  groups: RollupGroup[];
}

/**
 * Response of `GET /overview`: the org-wide grade distribution and the most
 * common failing checks.
 *
 * @public
 */
export interface Overview {
  /** Number of services with a scorecard. */
  count: number;
  /** Mean score, one decimal; null when no service has a scorecard. */
  averageScore: number | null;
  grades: Record<Grade, number>;
  /** Most frequent first, ties by check id. */
  topFailingChecks: Array<{ checkId: string; count: number }>;
}

/**
 * An ML service the scanner tracks (`GET /services`).
 *
 * @public
 */
export interface MlService {
  entityRef: string;
  title: string;
  type: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
}

import {
  CheckResult,
  CheckStatus,
  Grade,
  Scorecard,
  Overview,
} from '@ml-debt/plugin-ml-debt-common';
import { MlServiceSummary } from '../discovery/MlServiceDiscovery';

/**
 * What started a scan.
 *
 * @public
 */
export type ScanTrigger = 'scheduled' | 'manual';

/**
 * Outcome of a scan run.
 *
 * @public
 */
export type ScanRunStatus = 'succeeded' | 'failed';

/**
 * Check statuses that count as "failing" for the failing-check filter and the
 * most-common-failing-checks rollup: a `warn` is a partial finding, still debt.
 * `waived` results do not count.
 *
 * @public
 */
export const FAILING_CHECK_STATUSES: readonly CheckStatus[] = ['fail', 'warn'];

/**
 * Sort keys of {@link MlDebtStore.listScorecards}.
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
 * One scan of one service, as kept in the history. The full scorecard and
 * results are kept too but not returned here, to keep history lists light.
 *
 * @public
 */
export interface ScanRun {
  id: string;
  entityRef: string;
  trigger: ScanTrigger;
  status: ScanRunStatus;
  startedAt: Date;
  finishedAt: Date;
  /** Why a failed scan failed. */
  error?: string;
  sourceEtag?: string;
  /** Health after the cap; absent for failed scans. */
  score?: number;
  uncappedScore?: number;
  grade?: Grade;
  /** Final ML Test Score (0–7). */
  mlTestScore?: number;
  engineVersion?: string;
  catalogueVersion?: string;
}

/**
 * The latest scorecard of a service as listed org-wide: the headline numbers
 * and the catalog fields, without checks and evidence.
 *
 * @public
 */
export interface ScorecardSummary {
  entityRef: string;
  /** Entity kind, lower case. */
  kind: string;
  type: string;
  title: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  score: number;
  uncappedScore: number;
  grade: Grade;
  mlTestScore: number;
  /** Score at the start of the change period, or of the first scan; absent after the first scan. */
  previousScore?: number;
  /** `score - previousScore`, one decimal; absent after the first scan. */
  change?: number;
  /** The scan run that produced this scorecard. */
  scanId: string;
  /** When that scan finished. */
  scannedAt: Date;
  /** When a scan last confirmed this scorecard (an unchanged source counts). */
  checkedAt: Date;
  /**
   * Checks of the latest scorecard that fail or warn (see
   * {@link FAILING_CHECK_STATUSES}). Set by {@link MlDebtStore.listScorecards}.
   */
  failingChecks?: number;
  /**
   * Status of the service's newest scan run, which may be a failure newer
   * than this scorecard. Set by {@link MlDebtStore.listScorecards}.
   */
  lastScanStatus?: ScanRunStatus;
}

/**
 * The latest scorecard of a service with everything behind it: the full
 * {@link Scorecard}, every check result with its evidence, and the most recent
 * scan run (which may be a failure newer than the scorecard).
 *
 * @public
 */
export interface StoredScorecard extends ScorecardSummary {
  scorecard: Scorecard;
  results: CheckResult[];
  sourceEtag?: string;
  /** The newest scan run of the service, successful or not. */
  lastScan: ScanRun;
}

/**
 * Filters, sorting and paging of {@link MlDebtStore.listScorecards}.
 *
 * @public
 */
export interface ListScorecardsQuery {
  owner?: string;
  system?: string;
  lifecycle?: string;
  grade?: Grade;
  kind?: string;
  /** Only services whose latest scorecard fails (or warns on) this check. */
  failingCheck?: string;
  /** Case-insensitive substring of the title or the entity ref. */
  text?: string;
  /** Default `name`. */
  sort?: ScorecardSortField;
  /** Default `asc`. */
  order?: 'asc' | 'desc';
  /** 1–500, default 50. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

/**
 * A page of scorecards.
 *
 * @public
 */
export interface ScorecardPage {
  items: ScorecardSummary[];
  /** Number of scorecards matching the filters, over all pages. */
  totalCount: number;
}

/**
 * Per-owner or per-system aggregate of the latest scorecards.
 *
 * @public
 */
export interface ScorecardRollup {
  /** The owner or system; `null` groups the services that have none. */
  key: string | null;
  count: number;
  /** Mean score, one decimal. */
  averageScore: number;
  minScore: number;
  maxScore: number;
  grades: Record<Grade, number>;
  /** The checks most often failing (or warning) in the group, at most five, most common first. */
  topFailingChecks: Array<{ checkId: string; count: number }>;
}

/**
 * Org-wide aggregate of the latest scorecards of the services in the catalog:
 * what the org page's charts show (`GET /overview` as is).
 *
 * @public
 */
export type ScorecardOverview = Overview;

/**
 * What a successful scan writes.
 *
 * @public
 */
export interface ScanSuccess {
  /** The service as discovered; its catalog fields are copied onto the scorecard. */
  service: MlServiceSummary;
  trigger: ScanTrigger;
  startedAt: Date;
  finishedAt: Date;
  /** ETag of the source tree read, so that an unchanged tree is not read again. */
  sourceEtag?: string;
  results: CheckResult[];
  scorecard: Scorecard;
  engineVersion?: string;
  catalogueVersion?: string;
}

/**
 * What a failed scan writes.
 *
 * @public
 */
export interface ScanFailure {
  entityRef: string;
  /** The error, or its message. */
  error: Error | string;
  trigger: ScanTrigger;
  startedAt: Date;
  finishedAt: Date;
  engineVersion?: string;
  catalogueVersion?: string;
}

/**
 * A waiver of a check, or an attestation of an ML Test Score item.
 *
 * @public
 */
export type WaiverKind = 'waiver' | 'attestation';

/**
 * A waiver (a failing check accepted for a reason, until an expiry) or an
 * attestation (a team's claim that an ML Test Score test is practised). Never
 * deleted: revoking sets `revokedBy`/`revokedAt`, so the audit trail stays.
 *
 * @public
 */
export interface Waiver {
  id: string;
  entityRef: string;
  kind: WaiverKind;
  /** A check id such as `REP-02`, or an ML Test Score item such as `infra.6`. */
  target: string;
  /** For attestations: whether the practice runs by hand or automatically. */
  status?: 'manual' | 'automated';
  /** A path or URL backing the waiver or attestation up. */
  evidence?: string;
  reason: string;
  /** User entity ref of the author. */
  author: string;
  createdAt: Date;
  expiresAt?: Date;
  revokedBy?: string;
  revokedAt?: Date;
}

/**
 * Input of {@link MlDebtStore.createWaiver}.
 *
 * @public
 */
export interface NewWaiver {
  entityRef: string;
  kind: WaiverKind;
  target: string;
  status?: 'manual' | 'automated';
  evidence?: string;
  reason: string;
  author: string;
  /** Defaults to now. */
  createdAt?: Date;
  expiresAt?: Date;
}

/**
 * How far a scan cycle has got.
 *
 * @public
 */
export interface CycleProgress {
  pending: number;
  /** Claimed and not completed, including claims whose lease has expired. */
  claimed: number;
  done: number;
}

/**
 * Storage of the ml-debt plugin: discovered services, scan history, the latest
 * scorecard per service, waivers and attestations, and the scan queue shared
 * by replicas. Filtering, sorting, paging and aggregation all happen in the
 * database.
 *
 * @public
 */
export interface MlDebtStore {
  /** Records the services discovery found; a service seen again is no longer removed. */
  upsertServices(services: MlServiceSummary[], seenAt: Date): Promise<void>;
  /**
   * Marks every service not in `seenRefs` as removed from the catalog. Removed
   * services disappear from lists and rollups; their history is kept.
   * Returns the number of services newly marked.
   */
  markMissingAsRemoved(seenRefs: string[], at: Date): Promise<number>;

  /** Writes a successful scan (history row, latest scorecard, check rows) in one transaction. */
  recordScanSuccess(scan: ScanSuccess): Promise<ScanRun>;
  /** Writes a failed scan to the history; the last good scorecard stays. */
  recordScanFailure(failure: ScanFailure): Promise<ScanRun>;
  /** ETag of the source behind the latest scorecard, if any. */
  getSourceEtag(entityRef: string): Promise<string | undefined>;
  /** Records that a scan found the source unchanged; returns false when the service has no scorecard. */
  touchUnchanged(entityRef: string, at: Date): Promise<boolean>;

  /** The latest scorecard with checks and evidence; undefined if never scanned or removed. */
  getScorecard(entityRef: string): Promise<StoredScorecard | undefined>;
  /**
   * The latest scorecards of the services in the catalog, filtered, sorted and
   * paged, each with its failing-check count and newest scan status.
   */
  listScorecards(query?: ListScorecardsQuery): Promise<ScorecardPage>;
  /** One scan run. */
  getScanRun(id: string): Promise<ScanRun | undefined>;
  /** Scan runs of a service, newest first; `before` pages back by start time. */
  getHistory(
    entityRef: string,
    options?: { limit?: number; before?: Date },
  ): Promise<ScanRun[]>;
  /** Aggregates per owner or per system, over services in the catalog. */
  getRollups(groupBy: 'owner' | 'system'): Promise<ScorecardRollup[]>;
  /** Org-wide grade distribution and the `topChecks` (default 10) most common failing checks. */
  getOverview(options?: { topChecks?: number }): Promise<ScorecardOverview>;
  /**
   * Deletes scan runs that finished before `olderThan`, except the run behind
   * each service's latest scorecard. Returns the number deleted.
   */
  pruneHistory(olderThan: Date): Promise<number>;

  /** Records a waiver or attestation. */
  createWaiver(waiver: NewWaiver): Promise<Waiver>;
  /** Waivers and attestations of a service, newest first; only active ones unless `includeInactive`. */
  listWaivers(
    entityRef: string,
    options?: { includeInactive?: boolean; now?: Date },
  ): Promise<Waiver[]>;
  /** One waiver or attestation; NotFoundError when unknown. */
  getWaiver(id: string): Promise<Waiver>;
  /** Revokes a waiver; NotFoundError when unknown, ConflictError when already revoked. */
  revokeWaiver(id: string, by: string, at: Date): Promise<Waiver>;
  /** The waivers and attestations of a service that are not revoked and not expired at `now`. */
  activeWaivers(entityRef: string, now: Date): Promise<Waiver[]>;

  /** Enqueues each service once for a cycle; starting the same cycle again adds only new services. */
  startCycle(cycleId: string, entityRefs: string[], at: Date): Promise<void>;
  /**
   * Claims up to `limit` services of a cycle for `workerId` for `leaseMs`:
   * pending ones, and claimed ones whose lease expired (a crashed replica's).
   */
  claimBatch(options: {
    cycleId: string;
    workerId: string;
    limit: number;
    leaseMs: number;
    now: Date;
  }): Promise<string[]>;
  /** Marks a claimed service done; false when the claim is no longer held by `workerId`. */
  completeClaim(
    cycleId: string,
    entityRef: string,
    workerId: string,
    at?: Date,
  ): Promise<boolean>;
  /** Counts of the cycle's services by queue state. */
  cycleProgress(cycleId: string): Promise<CycleProgress>;
  /** Deletes queue rows of cycles enqueued before `olderThan`; returns the number deleted. */
  pruneCycles(olderThan: Date): Promise<number>;
}

/**
 * The vocabulary of ML Debt Scorecards, shared by the engine, the backend, the
 * CLI and the frontend.
 */

/**
 * Outcome of one check on one service.
 *
 * - `pass` / `fail` / `warn`: evaluated; `warn` is a partial finding.
 * - `not-applicable`: the practice does not apply (no serving code, gated out by
 *   lifecycle, no catalog entity given).
 * - `error`: the check itself failed; other checks are unaffected.
 * - `waived`: a failing check with an active waiver (set by the backend only).
 *
 * @public
 */
export type CheckStatus =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'not-applicable'
  | 'error'
  | 'waived';

/**
 * Expected precision of a check's heuristic. Low-confidence checks are
 * advisory: shown, counted at half weight, never blocking.
 *
 * @public
 */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * Whether the practice a check found is wired into CI, a scheduler or a
 * pipeline (`automated`), exists but runs by hand (`manual`), or is absent.
 * Drives the ML Test Score points (1 / 0.5 / 0).
 *
 * @public
 */
export type Automation = 'automated' | 'manual' | 'none';

/**
 * The eleven indicator groups of the check catalogue.
 *
 * @public
 */
export type CategoryId =
  | 'catalog'
  | 'reproducibility'
  | 'versioning'
  | 'configuration'
  | 'code-smells'
  | 'satd'
  | 'notebooks'
  | 'testing'
  | 'operations'
  | 'monitoring'
  | 'documentation';

/**
 * Display names of the categories, in catalogue order.
 *
 * @public
 */
export const CATEGORIES: ReadonlyArray<{ id: CategoryId; title: string }> = [
  { id: 'catalog', title: 'Catalog metadata' },
  { id: 'reproducibility', title: 'Reproducibility and dependencies' },
  { id: 'versioning', title: 'Data and model versioning' },
  { id: 'configuration', title: 'Configuration' },
  { id: 'code-smells', title: 'Code-level ML smells' },
  { id: 'satd', title: 'Self-admitted debt and dead code' },
  { id: 'notebooks', title: 'Notebooks' },
  { id: 'testing', title: 'Testing' },
  { id: 'operations', title: 'CI/CD and deployment' },
  { id: 'monitoring', title: 'Monitoring' },
  { id: 'documentation', title: 'Documentation and governance' },
];

/**
 * The four sections of the ML Test Score (Breck et al. 2017).
 *
 * @public
 */
export type MlTestSection = 'data' | 'model' | 'infrastructure' | 'monitoring';

/**
 * One of the 28 tests of the ML Test Score: `data.1` … `data.7`, `model.1` …,
 * `infra.1` …, `monitor.1` … (the paper's "Data 1", "Model 1", "Infra 1",
 * "Monitor 1").
 *
 * @public
 */
export type MlTestId = `${'data' | 'model' | 'infra' | 'monitor'}.${
  | 1
  | 2
  | 3
  | 4
  | 5
  | 6
  | 7}`;

/**
 * A piece of evidence behind a check result: where it was found and what it
 * says. `unknown` marks evidence the scanner could not obtain (a file over the
 * size limit, a snapshot cut short by the file-count limit).
 *
 * @public
 */
export interface Evidence {
  /** What this evidence shows, as a sentence. */
  message: string;
  /** Repository-relative path, or a catalog field such as `spec.owner`. */
  path?: string;
  /** 1-based line number in `path`. */
  line?: number;
  /** The matched text, trimmed to one line. */
  snippet?: string;
  /** A link to the location, when the source is browsable. */
  url?: string;
  /** True when the scanner could not read what it needed. */
  unknown?: boolean;
}

/**
 * Metadata of a check: what it detects, why it matters, how to fix it.
 *
 * @public
 */
export interface CheckMetadata {
  /** Stable public id, e.g. `REP-02`. */
  id: string;
  /** Short title phrased as the problem, e.g. "Unpinned dependencies and no lock file". */
  title: string;
  category: CategoryId;
  /** Severity: 3 critical, 2 major, 1 minor. 0 shows the check without scoring it. */
  weight: number;
  confidence: Confidence;
  /** ML Test Score tests this check feeds. */
  mlTestScore: MlTestId[];
  /** The Sculley et al. 2015 debt type used to explain the finding. */
  debtType: string;
  /** Why it matters, with its literature source. */
  rationale: string;
  /** Literature and tool references. */
  references: string[];
  /** Concrete remediation steps, in order. */
  remediation: string[];
  /**
   * Lifecycles in which the check applies. `experimental` services only get
   * the reproducibility, versioning, configuration, code-smell, SATD, notebook
   * and unit-testing checks (§8.1). Default: all lifecycles.
   */
  appliesToExperimental: boolean;
}

/**
 * The result of one check on one service.
 *
 * @public
 */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  /** 0–100; `null` when not applicable or errored. */
  score: number | null;
  /** One-line summary of the outcome. */
  summary: string;
  evidence: Evidence[];
  automation: Automation;
}

/**
 * A letter grade.
 *
 * @public
 */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

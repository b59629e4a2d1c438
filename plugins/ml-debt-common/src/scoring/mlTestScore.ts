import { CheckMetadata, CheckResult, MlTestId, MlTestSection } from '../types';

/**
 * One of the 28 tests of the ML Test Score (Breck et al. 2017, Tables I–IV).
 *
 * @public
 */
export interface MlTest {
  /** `data.1` … `monitor.7`. */
  id: MlTestId;
  section: MlTestSection;
  /** The paper's short label, e.g. "Data 1", "Infra 4". */
  label: string;
  /** The test's title, verbatim from the paper. */
  title: string;
}

/**
 * The four sections of the ML Test Score in the paper's order (Data, Model,
 * ML infrastructure, Monitoring). Ties for the weakest section resolve in this
 * order.
 *
 * @public
 */
export const ML_TEST_SECTIONS: readonly MlTestSection[] = [
  'data',
  'model',
  'infrastructure',
  'monitoring',
];

/**
 * Display names of the four sections, after the paper's table captions.
 *
 * @public
 */
export const ML_TEST_SECTION_TITLES: Readonly<Record<MlTestSection, string>> = {
  data: 'Features and data',
  model: 'Model development',
  infrastructure: 'ML infrastructure',
  monitoring: 'Monitoring',
};

/** Points available per section: seven tests, one point each. @public */
export const ML_TEST_SECTION_MAX = 7;

const PREFIX: Record<MlTestSection, { id: string; label: string }> = {
  data: { id: 'data', label: 'Data' },
  model: { id: 'model', label: 'Model' },
  infrastructure: { id: 'infra', label: 'Infra' },
  monitoring: { id: 'monitor', label: 'Monitor' },
};

const TITLES: Record<MlTestSection, string[]> = {
  data: [
    'Feature expectations are captured in a schema.',
    'All features are beneficial.',
    "No feature's cost is too much.",
    'Features adhere to meta-level requirements.',
    'The data pipeline has appropriate privacy controls.',
    'New features can be added quickly.',
    'All input feature code is tested.',
  ],
  model: [
    'Model specs are reviewed and submitted.',
    'Offline and online metrics correlate.',
    'All hyperparameters have been tuned.',
    'The impact of model staleness is known.',
    'A simpler model is not better.',
    'Model quality is sufficient on important data slices.',
    'The model is tested for considerations of inclusion.',
  ],
  infrastructure: [
    'Training is reproducible.',
    'Model specs are unit tested.',
    'The ML pipeline is integration tested.',
    'Model quality is validated before serving.',
    'The model is debuggable.',
    'Models are canaried before serving.',
    'Serving models can be rolled back.',
  ],
  monitoring: [
    'Dependency changes result in notification.',
    'Data invariants hold for inputs.',
    'Training and serving are not skewed.',
    'Models are not too stale.',
    'Models are numerically stable.',
    'Computing performance has not regressed.',
    'Prediction quality has not regressed.',
  ],
};

/**
 * The 28 tests of the ML Test Score (Breck et al. 2017, "The ML Test Score: A
 * Rubric for ML Production Readiness and Technical Debt Reduction"), in the
 * paper's order, with their verbatim titles.
 *
 * @public
 */
export const ML_TESTS: readonly MlTest[] = ML_TEST_SECTIONS.flatMap(section =>
  TITLES[section].map((title, i) => ({
    id: `${PREFIX[section].id}.${i + 1}` as MlTestId,
    section,
    label: `${PREFIX[section].label} ${i + 1}`,
    title,
  })),
);

const TEST_BY_ID = new Map<string, MlTest>(ML_TESTS.map(t => [t.id, t]));

/**
 * The test with that id (`data.1` … `monitor.7`), or undefined.
 *
 * @public
 */
export function getMlTest(id: string): MlTest | undefined {
  return TEST_BY_ID.get(id);
}

/**
 * Whether a string is one of the 28 test ids.
 *
 * @public
 */
export function isMlTestId(id: string): id is MlTestId {
  return TEST_BY_ID.has(id);
}

/**
 * The section a test id belongs to (`infra.3` → `infrastructure`).
 *
 * @public
 */
export function mlTestSectionOf(id: MlTestId): MlTestSection {
  return TEST_BY_ID.get(id)!.section;
}

/**
 * The interval of Table V a final score falls in: `0`, `(0,1]`, `(1,2]`,
 * `(2,3]`, `(3,5]` or `>5`.
 *
 * @public
 */
export function mlTestScoreBandInterval(score: number): string {
  if (score <= 0) return '0';
  if (score <= 1) return '(0,1]';
  if (score <= 2) return '(1,2]';
  if (score <= 3) return '(2,3]';
  if (score <= 5) return '(3,5]';
  return '>5';
}

/**
 * The interpretation of a final ML Test Score, verbatim from Table V of Breck
 * et al. 2017. Intervals: `0`, `(0,1]`, `(1,2]`, `(2,3]`, `(3,5]`, `>5`.
 *
 * @public
 */
export function mlTestScoreBand(score: number): string {
  if (score <= 0) {
    return 'More of a research project than a productionized system.';
  }
  if (score <= 1) {
    return 'Not totally untested, but it is worth considering the possibility of serious holes in reliability.';
  }
  if (score <= 2) {
    return "There's been first pass at basic productionization, but additional investment may be needed.";
  }
  if (score <= 3) {
    return "Reasonably tested, but it's possible that more of those tests and procedures may be automated.";
  }
  if (score <= 5) {
    return 'Strong levels of automated testing and monitoring, appropriate for mission-critical systems.';
  }
  return 'Exceptional levels of automated testing and monitoring.';
}

/**
 * A team's statement that it runs one ML Test Score test (§8.4 of the research
 * report; file `.ml-test-score.yaml`), as accepted by the attestation reader.
 *
 * @public
 */
export interface MlTestAttestation {
  /** The test attested, e.g. `model.2`. */
  id: MlTestId;
  /** What the team claims: the test runs by hand, or automatically. */
  status: 'manual' | 'automated';
  /** Repository path of the evidence (a document, a workflow, a job). */
  evidence: string;
  /** Date of the last review, `YYYY-MM-DD`, when given. */
  reviewed?: string;
  /**
   * Whether the evidence is itself automation: a CI, scheduler or pipeline
   * file, or a file one of those runs. Only then does an `automated`
   * attestation earn the full point.
   */
  evidenceAutomated: boolean;
  /** The points this attestation is worth: 1, or 0.5 (manual or capped). */
  points: number;
  /** Set when the attestation is older than the allowed age; it is worth 0. */
  expired?: boolean;
}

/**
 * Where a test's points come from: the static proxy (`detected`), a team
 * attestation (`attested`, shown in a different colour), or nowhere.
 *
 * @public
 */
export type MlTestPointSource = 'detected' | 'attested' | 'none';

/**
 * The points of one ML Test Score test.
 *
 * @public
 */
export interface MlTestScoreTest {
  id: MlTestId;
  section: MlTestSection;
  label: string;
  title: string;
  /** 0, 0.5 or 1: max(detected, attested). */
  points: number;
  source: MlTestPointSource;
  /** Points from the static proxy alone. */
  detectedPoints: number;
  /** Points from the attestation alone (0 without one, or when expired). */
  attestedPoints: number;
  /** Checks whose result gave evidence of the practice (pass or warn). */
  checks: string[];
  /** Every evaluated check that feeds this test, whatever its outcome. */
  relatedChecks: string[];
  /** The attestation considered, if any. */
  attestation?: MlTestAttestation;
}

/**
 * The ML Test Score computed from the static proxy plus attestations.
 * Always present it with its {@link ML_TEST_SCORE_LABEL}: it is an
 * approximation of the paper's rubric, not the rubric filled in by a team.
 *
 * @public
 */
export interface MlTestScoreResult {
  /** Minimum of the four section sums (Breck et al. 2017 §VI.A), 0–7. */
  final: number;
  /** Section sums, each out of 7. */
  sections: Record<MlTestSection, number>;
  /** Table V interpretation of `final`, verbatim. */
  band: string;
  /** Table V interval of `final`, e.g. `(1,2]`. */
  bandInterval: string;
  /** The section with the lowest sum (ties: data, model, infrastructure, monitoring). */
  weakestSection: MlTestSection;
  /** The 28 tests in paper order. */
  tests: MlTestScoreTest[];
  label: typeof ML_TEST_SCORE_LABEL;
}

/**
 * How the score must be labelled wherever it is shown (§8.3).
 *
 * @public
 */
export const ML_TEST_SCORE_LABEL =
  'ML Test Score (static proxy + attestations)' as const;

/**
 * Input of {@link computeMlTestScore}.
 *
 * @public
 */
export interface MlTestScoreInput {
  /** Check results of one scan. */
  results: readonly CheckResult[];
  /** Metadata of the checks (for their `mlTestScore` mapping). */
  checks: readonly Pick<CheckMetadata, 'id' | 'mlTestScore'>[];
  /** Accepted attestations (see the node library's `readAttestations`). */
  attestations?: readonly MlTestAttestation[];
  /**
   * The scan time. With it, attestations whose `reviewed` date is older than
   * `maxAttestationAgeDays` count as expired even if the reader let them in.
   */
  now?: Date;
  /** Default 180 (§8.4). */
  maxAttestationAgeDays?: number;
}

/** Default age after which an attestation no longer counts (§8.4). @public */
export const DEFAULT_ATTESTATION_MAX_AGE_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an attestation reviewed on `reviewed` (`YYYY-MM-DD`) is older than
 * `maxAgeDays` at `now`. Undated attestations never expire by date.
 *
 * @public
 */
export function isAttestationExpired(
  reviewed: string | undefined,
  now: Date,
  maxAgeDays: number = DEFAULT_ATTESTATION_MAX_AGE_DAYS,
): boolean {
  if (!reviewed) return false;
  const time = Date.parse(reviewed);
  if (Number.isNaN(time)) return false;
  return now.getTime() - time > maxAgeDays * DAY_MS;
}

/**
 * The points an attestation is worth: `manual` 0.5; `automated` 1 only when
 * its evidence is itself automation, otherwise capped at 0.5 (§8.3); expired
 * 0.
 *
 * @public
 */
export function attestationPoints(
  attestation: Pick<
    MlTestAttestation,
    'status' | 'evidenceAutomated' | 'expired'
  >,
): number {
  if (attestation.expired) return 0;
  if (attestation.status === 'automated' && attestation.evidenceAutomated) {
    return 1;
  }
  return 0.5;
}

/**
 * The points a check result gives the tests it feeds: a `pass` or `warn`
 * shows the practice exists (1 when automated, else 0.5); `fail`,
 * `not-applicable`, `error` and `waived` give nothing.
 *
 * @public
 */
export function checkResultPoints(result: CheckResult): number {
  if (result.status !== 'pass' && result.status !== 'warn') return 0;
  return result.automation === 'automated' ? 1 : 0.5;
}

/**
 * Computes the ML Test Score exactly as Breck et al. 2017 §VI.A prescribes,
 * with per-test points from the static proxy (check results mapped to tests)
 * and from attestations: each test scores max(detected, attested) ∈ {0, 0.5,
 * 1}; each section sums its seven tests; the final score is the minimum of the
 * four sums. There is no N/A: a test without evidence scores 0, as in the
 * paper.
 *
 * @public
 */
export function computeMlTestScore(input: MlTestScoreInput): MlTestScoreResult {
  const maxAge =
    input.maxAttestationAgeDays ?? DEFAULT_ATTESTATION_MAX_AGE_DAYS;
  const feeds = new Map<string, readonly MlTestId[]>(
    input.checks.map(c => [c.id, c.mlTestScore]),
  );
  const detected = new Map<
    string,
    { points: number; checks: string[]; related: string[] }
  >();
  for (const result of input.results) {
    for (const testId of feeds.get(result.id) ?? []) {
      const entry = detected.get(testId) ?? {
        points: 0,
        checks: [],
        related: [],
      };
      entry.related.push(result.id);
      const points = checkResultPoints(result);
      if (points > 0) {
        entry.checks.push(result.id);
        entry.points = Math.max(entry.points, points);
      }
      detected.set(testId, entry);
    }
  }
  const attested = new Map<string, MlTestAttestation>();
  for (const a of input.attestations ?? []) {
    const expired =
      a.expired ||
      (input.now ? isAttestationExpired(a.reviewed, input.now, maxAge) : false);
    const considered: MlTestAttestation = {
      ...a,
      ...(expired ? { expired: true } : {}),
      points: attestationPoints({ ...a, expired }),
    };
    const previous = attested.get(a.id);
    if (
      !previous ||
      attestationPoints(considered) > attestationPoints(previous)
    ) {
      attested.set(a.id, considered);
    }
  }

  const tests: MlTestScoreTest[] = ML_TESTS.map(test => {
    const d = detected.get(test.id);
    const a = attested.get(test.id);
    const detectedPoints = d?.points ?? 0;
    const attestedPoints = a ? attestationPoints(a) : 0;
    const points = Math.max(detectedPoints, attestedPoints);
    let source: MlTestPointSource = 'none';
    if (points > 0) {
      source = attestedPoints > detectedPoints ? 'attested' : 'detected';
    }
    return {
      ...test,
      points,
      source,
      detectedPoints,
      attestedPoints,
      checks: d?.checks ?? [],
      relatedChecks: d?.related ?? [],
      ...(a ? { attestation: a } : {}),
    };
  });

  const sections = Object.fromEntries(
    ML_TEST_SECTIONS.map(s => [
      s,
      tests.filter(t => t.section === s).reduce((sum, t) => sum + t.points, 0),
    ]),
  ) as Record<MlTestSection, number>;
  let weakestSection: MlTestSection = ML_TEST_SECTIONS[0];
  for (const s of ML_TEST_SECTIONS) {
    if (sections[s] < sections[weakestSection]) weakestSection = s;
  }
  const final = sections[weakestSection];
  return {
    final,
    sections,
    band: mlTestScoreBand(final),
    bandInterval: mlTestScoreBandInterval(final),
    weakestSection,
    tests,
    label: ML_TEST_SCORE_LABEL,
  };
}

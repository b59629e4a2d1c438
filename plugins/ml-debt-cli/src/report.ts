import {
  Automation,
  CategoryId,
  CheckStatus,
  Confidence,
  Evidence,
  Grade,
  MlTestSection,
} from '@ml-debt/plugin-ml-debt-common';

/**
 * Version of the JSON output. Bump it, and add a new schema file under
 * `schema/`, whenever a field is removed or changes meaning; adding optional
 * fields keeps the version.
 */
export const SCAN_REPORT_SCHEMA_VERSION = 1;

/** One check in the report: every catalogue check appears, applicable or not. */
export interface ScanReportCheck {
  id: string;
  title: string;
  category: CategoryId;
  weight: number;
  confidence: Confidence;
  /** Low-confidence checks are advisory: half weight, never capping the score. */
  advisory: boolean;
  status: CheckStatus;
  score: number | null;
  summary: string;
  evidence: Evidence[];
  automation: Automation;
  mlTestScore: string[];
  remediation: string[];
}

/** The `ml-debt scan --format json` output, version 1 (`schema/scan-report.v1.schema.json`). */
export interface ScanReport {
  schemaVersion: typeof SCAN_REPORT_SCHEMA_VERSION;
  tool: { name: 'ml-debt'; version: string };
  scannedAt: string;
  target: { path: string; entityRef?: string; lifecycle?: string };
  /** Health score, 0–100. */
  score: number;
  grade: Grade;
  /**
   * The score before the critical cap. Services capped at 60 are ranked by it,
   * so that the cap does not hide how far apart they are.
   */
  uncappedScore: number;
  /** Whether a critical (weight 3, not advisory) check scored 0, capping the score at 60. */
  capped: boolean;
  cappedBy: string[];
  categories: Array<{
    id: CategoryId;
    title: string;
    score: number | null;
    checks: number;
    failing: number;
  }>;
  mlTestScore: {
    label: string;
    final: number;
    sections: Record<MlTestSection, number>;
    band: string;
    weakestSection: MlTestSection;
    tests: Array<{
      id: string;
      section: MlTestSection;
      title: string;
      points: number;
      source: 'detected' | 'attested' | 'none';
      checks: string[];
    }>;
  };
  mllint: {
    categories: Record<
      | 'version-control'
      | 'dependency-management'
      | 'code-quality'
      | 'testing'
      | 'ci',
      number | null
    >;
    rules: Array<{
      slug: string;
      name: string;
      category: string;
      weight: number;
      score: number | null;
      details: string;
    }>;
  };
  checks: ScanReportCheck[];
  checklist: Array<{
    id: string;
    title: string;
    category: CategoryId;
    status: CheckStatus;
    score: number | null;
    priority: number;
    advisory: boolean;
    remediation: string[];
  }>;
  attestations: {
    accepted: Array<{
      id: string;
      status: 'manual' | 'automated';
      evidence: string;
      points: number;
    }>;
    problems: string[];
  };
  snapshot: { files: number; truncated: boolean; reasons: string[] };
}

import { Entity } from '@backstage/catalog-model';
import {
  buildScorecard,
  CheckMetadata,
  CheckResult,
  MlTestAttestation,
} from '@ml-debt/plugin-ml-debt-common';
import { HistoryEntry, ServiceScorecard, Waiver } from '../../../api/MlDebtApi';

/** Test data: an ML service entity as the demo estate declares it. */
export const fraudDetection: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-detection',
    title: 'Fraud detection model',
    annotations: {
      'backstage.io/source-location':
        'url:https://github.com/acme-ml/fraud-detection/tree/main/',
    },
  },
  spec: { type: 'ml-model', lifecycle: 'production', owner: 'group:fraud-ml' },
};

/** Test data: a component that is not an ML service. */
export const paymentsGateway: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-gateway' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments-eng',
  },
};

export const ENTITY_REF = 'component:default/fraud-detection';
export const BASE = 'http://localhost:7007/api/ml-debt';
export const SERVICE_URL = `${BASE}/scorecards/component/default/fraud-detection`;

const checks: CheckMetadata[] = [
  {
    id: 'REP-02',
    title: 'Unpinned dependencies and no lock file',
    category: 'reproducibility',
    weight: 3,
    confidence: 'high',
    mlTestScore: ['infra.1'],
    debtType: 'Pipeline jungles',
    rationale:
      'Unpinned dependencies make training and serving irreproducible (Sculley et al. 2015).',
    references: ['Sculley et al. 2015, §Reproducibility debt'],
    remediation: [
      'Pin every dependency in requirements.txt.',
      'Commit a lock file.',
    ],
    appliesToExperimental: true,
  },
  {
    id: 'MON-01',
    title: 'No model monitoring',
    category: 'monitoring',
    weight: 2,
    confidence: 'medium',
    mlTestScore: ['monitor.4'],
    debtType: 'Monitoring debt',
    rationale: 'Unmonitored models degrade silently (Breck et al. 2017).',
    references: ['Breck et al. 2017, Monitor 4'],
    remediation: ['Export prediction metrics to the monitoring stack.'],
    appliesToExperimental: false,
  },
  {
    id: 'TST-01',
    title: 'No unit tests',
    category: 'testing',
    weight: 2,
    confidence: 'high',
    mlTestScore: ['infra.2'],
    debtType: 'Testing debt',
    rationale: 'Untested code hides bugs.',
    references: [],
    remediation: ['Add pytest tests.'],
    appliesToExperimental: true,
  },
  {
    id: 'DOC-01',
    title: 'No model card',
    category: 'documentation',
    weight: 1,
    confidence: 'high',
    mlTestScore: [],
    debtType: 'Documentation debt',
    rationale: 'Consumers cannot judge the model.',
    references: [],
    remediation: ['Write a model card.'],
    appliesToExperimental: false,
  },
];

const results: CheckResult[] = [
  {
    id: 'REP-02',
    status: 'fail',
    score: 0,
    summary: '3 of 4 dependencies are unpinned and there is no lock file',
    evidence: [
      {
        message: 'scikit-learn has no version pin',
        path: 'requirements.txt',
        line: 2,
        snippet: 'scikit-learn',
      },
    ],
    automation: 'none',
  },
  {
    id: 'MON-01',
    status: 'warn',
    score: 50,
    summary: 'Metrics are logged but not exported',
    evidence: [{ message: 'prints metrics', path: 'serve/app.py', line: 14 }],
    automation: 'manual',
  },
  {
    id: 'TST-01',
    status: 'pass',
    score: 100,
    summary: 'pytest suite found',
    evidence: [],
    automation: 'automated',
  },
  {
    id: 'DOC-01',
    status: 'fail',
    score: 0,
    summary: 'No MODEL_CARD.md',
    evidence: [],
    automation: 'none',
  },
];

/** A service scorecard built by the real scoring of the common package. */
export function makeScorecard(
  overrides: {
    waivers?: Waiver[];
    waivedChecks?: string[];
    attestations?: MlTestAttestation[];
  } = {},
): ServiceScorecard {
  const waived = new Set(overrides.waivedChecks ?? []);
  const scanResults = results.map(r =>
    waived.has(r.id) ? { ...r, status: 'waived' as const } : r,
  );
  const scorecard = buildScorecard({
    results: scanResults,
    checks,
    attestations: overrides.attestations,
  });
  return {
    entityRef: ENTITY_REF,
    title: 'Fraud detection model',
    kind: 'component',
    type: 'ml-model',
    owner: 'group:default/fraud-ml',
    lifecycle: 'production',
    score: scorecard.score,
    uncappedScore: scorecard.uncappedScore,
    grade: scorecard.grade,
    mlTestScore: scorecard.mlTestScore.final,
    change: -4.5,
    failingChecks: scanResults.filter(r => r.status === 'fail').length,
    scannedAt: '2026-11-20T10:00:00.000Z',
    scanStatus: 'succeeded',
    scorecard,
    checks: checks.map(check => {
      const result = scanResults.find(r => r.id === check.id)!;
      return {
        ...check,
        source: 'builtin' as const,
        advisory: false,
        status: result.status,
        score: result.score,
        summary: result.summary,
        evidence: result.evidence,
        automation: result.automation,
        ...(waived.has(check.id)
          ? { waiver: overrides.waivers?.find(w => w.target === check.id) }
          : {}),
      };
    }),
    attestations: { accepted: overrides.attestations ?? [], problems: [] },
    lastScan: {
      id: 'scan-2',
      status: 'succeeded',
      trigger: 'scheduled',
      startedAt: '2026-11-20T09:59:00.000Z',
      finishedAt: '2026-11-20T10:00:00.000Z',
      error: null,
    },
    waivers: overrides.waivers ?? [],
  };
}

export const history: HistoryEntry[] = [
  {
    scanId: 'scan-2',
    scannedAt: '2026-11-20T10:00:00.000Z',
    status: 'succeeded',
    trigger: 'scheduled',
    score: 40,
    grade: 'F',
    mlTestScore: 0,
  },
  {
    scanId: 'scan-1',
    scannedAt: '2026-11-13T10:00:00.000Z',
    status: 'succeeded',
    trigger: 'scheduled',
    score: 44.5,
    grade: 'F',
    mlTestScore: 0,
  },
];

export function waiverOf(
  target: string,
  overrides: Partial<Waiver> = {},
): Waiver {
  return {
    id: '6f1c1c1e-7d0e-4a53-9a55-0a4b8c6f2a11',
    entityRef: ENTITY_REF,
    kind: 'waiver',
    target,
    reason: 'Tracked in FRAUD-123',
    author: 'user:default/ana.silva',
    createdAt: '2026-11-21T08:00:00.000Z',
    expiresAt: '2027-02-01T23:59:59.000Z',
    state: 'active',
    ...overrides,
  };
}

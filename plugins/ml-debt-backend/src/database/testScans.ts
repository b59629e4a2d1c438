import { Entity } from '@backstage/catalog-model';
import { CheckStatus, Grade } from '@ml-debt/plugin-ml-debt-common';
import {
  BUILTIN_CHECKS,
  createMemorySnapshot,
  scanService,
  ServiceScan,
} from '@ml-debt/plugin-ml-debt-node';
import { MlServiceSummary } from '../discovery/MlServiceDiscovery';

/**
 * Test fixtures of the store: real scans by the check engine of two small
 * in-memory repositories, one neglected and one well kept.
 */

const NOW = new Date('2026-11-20T12:00:00Z');

function entity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'ml-service',
      lifecycle: 'production',
      owner: 'group:default/growth-ml',
      system: 'customer-growth',
    },
  };
}

const NEGLECTED_REPO = {
  'requirements.txt': 'pandas\nscikit-learn\nnumpy\n',
  'train.py': [
    'import pandas as pd',
    'from sklearn.ensemble import RandomForestClassifier',
    '',
    "df = pd.read_csv('/home/alice/data/churn.csv')",
    "X = df.drop(columns=['churned'])",
    "y = df['churned']",
    '# TODO: this is a hack, fix the leakage later',
    'model = RandomForestClassifier()',
    'model.fit(X, y)',
    '',
  ].join('\n'),
};

const WELL_KEPT_REPO = {
  'README.md':
    '# churn-model\n\nPredicts churn. Owner: growth-ml. Run `make train` to train.\n',
  'requirements.txt':
    'pandas==2.2.2\nscikit-learn==1.5.0\nnumpy==1.26.4\njoblib==1.4.2\n',
  'requirements.lock': 'pandas==2.2.2\nscikit-learn==1.5.0\nnumpy==1.26.4\n',
  'config.yaml': 'data_path: data/churn.csv\nseed: 42\nn_estimators: 200\n',
  'src/train.py': [
    'import joblib',
    'import pandas as pd',
    'import yaml',
    'from sklearn.ensemble import RandomForestClassifier',
    '',
    '',
    'def train(config_path: str = "config.yaml") -> None:',
    '    config = yaml.safe_load(open(config_path))',
    "    df = pd.read_csv(config['data_path'])",
    "    X = df.drop(columns=['churned'])",
    "    y = df['churned']",
    "    model = RandomForestClassifier(n_estimators=config['n_estimators'], random_state=config['seed'])",
    '    model.fit(X, y)',
    "    joblib.dump(model, 'model.joblib')",
    '',
  ].join('\n'),
  'tests/test_train.py': [
    'from src.train import train',
    '',
    '',
    'def test_train_runs(tmp_path):',
    '    assert callable(train)',
    '',
  ].join('\n'),
  '.github/workflows/ci.yml': [
    'name: ci',
    'on: [push]',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: pip install -r requirements.txt',
    '      - run: pytest tests',
    '',
  ].join('\n'),
};

async function scanFiles(
  name: string,
  files: Record<string, string>,
): Promise<ServiceScan> {
  return scanService({
    snapshot: createMemorySnapshot(
      Object.entries(files).map(([path, content]) => ({ path, content })),
    ),
    entity: entity(name),
    checks: BUILTIN_CHECKS,
    now: NOW,
  });
}

/** Real scans of a neglected and a well-kept repository. */
export async function scanFixtureRepositories(): Promise<{
  neglected: ServiceScan;
  wellKept: ServiceScan;
}> {
  return {
    neglected: await scanFiles('churn-model', NEGLECTED_REPO),
    wellKept: await scanFiles('churn-model', WELL_KEPT_REPO),
  };
}

/**
 * A copy of a real scan with its headline numbers and some check statuses
 * replaced, so that tests control sorting, grades and failing checks.
 */
export function variantOf(
  scan: ServiceScan,
  change: {
    score: number;
    grade?: Grade;
    mlTestScore?: number;
    statuses?: Record<string, CheckStatus>;
    /** Every check not in `statuses` passes, so that only those fail. */
    othersPass?: boolean;
  },
): ServiceScan {
  const grade = change.grade ?? gradeOf(change.score);
  const statuses = change.statuses ?? {};
  const statusOf = (id: string): CheckStatus | undefined =>
    statuses[id] ?? (change.othersPass ? 'pass' : undefined);
  return {
    ...scan,
    results: scan.results.map(result => {
      const status = statusOf(result.id);
      return status
        ? { ...result, status, score: status === 'pass' ? 100 : 0 }
        : result;
    }),
    scorecard: {
      ...scan.scorecard,
      score: change.score,
      uncappedScore: change.score,
      grade,
      mlTestScore: {
        ...scan.scorecard.mlTestScore,
        final: change.mlTestScore ?? scan.scorecard.mlTestScore.final,
      },
    },
  };
}

function gradeOf(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

/** A discovered ML service, with overrides. */
export function service(
  name: string,
  overrides: Partial<MlServiceSummary> = {},
): MlServiceSummary {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    type: 'ml-service',
    owner: 'group:default/growth-ml',
    system: 'customer-growth',
    lifecycle: 'production',
    ...overrides,
  };
}

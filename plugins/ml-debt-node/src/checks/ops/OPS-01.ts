import { MlDebtCheck } from '../../engine/types';
import { fileEvidence } from '../support';

/**
 * OPS-01 — No CI. mllint's `ci/use`, extended to the providers mllint misses
 * (Jenkins, CircleCI, Bitbucket, Buildkite, Cloud Build, Drone, Azure
 * `.pipelines/`).
 */
export const OPS_01: MlDebtCheck = {
  id: 'OPS-01',
  title: 'No continuous integration',
  category: 'operations',
  weight: 3,
  confidence: 'high',
  mlTestScore: [],
  debtType: 'Process management debt',
  appliesToExperimental: false,
  rationale:
    'Without CI nothing runs the tests, data validation or training smoke runs on every change, so every ML Test Score test can at best earn half a point ("executed manually"). mllint treats CI as a category of its own for the same reason.',
  references: [
    'mllint rule ci/use',
    'Breck et al. 2017, The ML Test Score, §VI.A (automation earns the full point)',
  ],
  remediation: [
    'Add a CI workflow (for example .github/workflows/ci.yml) that installs the locked dependencies.',
    'Run linters, unit tests, data validation and a small-data training smoke run on every pull request.',
    'Add a nightly scheduled run of the full pipeline.',
  ],
  evaluate({ facts }) {
    const ci = facts.ciFiles;
    if (ci.length === 0) {
      return {
        status: 'fail',
        summary:
          'No CI configuration found (GitHub Actions, GitLab CI, Azure Pipelines, Jenkins, CircleCI, Travis, Bitbucket, Buildkite, Cloud Build or Drone).',
      };
    }
    return {
      status: 'pass',
      summary: `CI is configured in ${ci.map(f => f.path).join(', ')}.`,
      evidence: ci.map(f => fileEvidence(f.path, 'CI configuration')),
      automation: 'automated',
    };
  },
};

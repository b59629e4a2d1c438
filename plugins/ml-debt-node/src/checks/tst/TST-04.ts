import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import {
  automationEvidence,
  automationMatching,
  testRunLines,
  withoutComment,
} from '../ops/support';

/** CI commands that run the pipeline end to end (§7.2 TST-04). */
const PIPELINE_RUN =
  /\bdvc\s+repro\b|\bkedro\s+run\b|\bpython3?\s+-m\s+\S+\.(?:train\w*|pipeline\w*)\b|\bpython3?\s+\S*train\S*\.py\b|\bmake\s+(?:train|pipeline|e2e|smoke)\b|\bpytest\b[^\n]{0,80}\s-m\s+["']?(?:integration|e2e|smoke)\b|\bzenml\s+pipeline\s+run\b|\bprefect\s+deployment\s+run\b|\bpapermill\b|\btask_id\s*=\s*["']\w*(?:train|pipeline)\w*["']/;
/** `pytest -m "not integration"`: the step deselects the end-to-end tests. */
const DESELECTS_E2E = /\s-m\s+["']?not\s+(?:integration|e2e|slow|smoke)\b/;
/** A test that drives the pipeline or the training CLI. */
const E2E_TEST_CODE =
  /\bsubprocess\.(?:run|call|check_call|check_output|Popen)\(|\bCliRunner\(\s*\)\.invoke\(|\bfast_dev_run\s*=|\boverfit_batches\s*=|\bdvc\.repo\b|\bpytest\.mark\.(?:integration|e2e|smoke)\b/;
/** What a subprocess call in a test must start for it to be a pipeline run. */
const DRIVES_PIPELINE = /train|pipeline|dvc|kedro|__main__|["']-m["']/;
const E2E_DIR = /(?:^|\/)tests?\/(?:integration|e2e|end_to_end|smoke)\//;
const E2E_FILE =
  /(?:^|\/)test_[^/]*(?:pipeline|e2e|end_to_end|integration|smoke)[^/]*\.py$/;

/**
 * TST-04 — No end-to-end pipeline integration test (Breck Infra 3, the test
 * with the lowest adoption at Google).
 */
export const TST_04: MlDebtCheck = {
  id: 'TST-04',
  title: 'No end-to-end pipeline integration test',
  category: 'testing',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['infra.3'],
  debtType: 'Pipeline jungles',
  appliesToExperimental: false,
  rationale:
    'Each stage of an ML pipeline can pass its unit tests while the stages no longer fit together: a renamed column, a changed artefact path or a new dependency breaks the chain, and the break shows only when the next real training run fails or, worse, produces a silently different model. The ML Test Score asks for an automated end-to-end run of the whole pipeline, ideally on a small data subset (Infra 3); it was the least implemented test among the Google teams surveyed.',
  references: [
    'Breck et al. 2017, The ML Test Score, Infra 3',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §5 (pipeline jungles)',
  ],
  remediation: [
    'Add a smoke run of the whole pipeline on a tiny data sample (for example `dvc repro` with a sample dataset, or a pytest test marked `integration` that runs training end to end) and run it in CI on every pull request.',
    'Add a nightly scheduled run of the full pipeline.',
    'Assert that the expected artefacts and metrics exist and are within sane bounds, not only that the run exits with status 0.',
  ],
  evaluate({ facts }) {
    const window = (source: PythonSource, i: number) =>
      [0, 1, 2, 3].map(d => withoutComment(source, i + d)).join(' ');
    if (
      facts.mlModules.length === 0 &&
      facts.automationFiles.every(f => f.kind === 'ci')
    ) {
      return {
        status: 'not-applicable',
        summary:
          'No ML training code or pipeline definition found; there is no pipeline to integration-test.',
      };
    }

    // 1. CI (or a scheduled pipeline) runs the pipeline end to end.
    const ciRuns = automationMatching(facts, PIPELINE_RUN).filter(
      l => l.kind === 'ci' && !DESELECTS_E2E.test(l.text),
    );
    if (ciRuns.length > 0) {
      const scheduledOnly = ciRuns.every(l => l.scheduled);
      return {
        status: 'pass',
        summary: scheduledOnly
          ? 'A scheduled CI workflow runs the pipeline end to end.'
          : 'CI runs the pipeline end to end.',
        evidence: firstN(ciRuns, 5).map(l =>
          automationEvidence(
            l,
            l.scheduled
              ? 'Scheduled end-to-end pipeline run'
              : 'End-to-end pipeline run in CI',
          ),
        ),
        automation: 'automated',
      };
    }

    // 2. An end-to-end test exists in the test suite.
    const e2eTests: Evidence[] = [];
    for (const test of facts.testSources) {
      const inE2eDir = E2E_DIR.test(test.path) || E2E_FILE.test(test.path);
      let line = test.code.findIndex(
        (l, i) =>
          E2E_TEST_CODE.test(l) &&
          (!/subprocess/.test(l) || DRIVES_PIPELINE.test(window(test, i))),
      );
      if (line < 0 && inE2eDir)
        line = test.code.findIndex(l => /^\s*def\s+test/.test(l));
      if (line >= 0)
        e2eTests.push(lineEvidence(test, line + 1, 'End-to-end pipeline test'));
    }
    if (e2eTests.length > 0) {
      const runs = testRunLines(facts);
      const running = runs.filter(l => !DESELECTS_E2E.test(l.text));
      if (running.length > 0) {
        return {
          status: 'pass',
          summary:
            'An end-to-end pipeline test exists and CI runs the test suite.',
          evidence: [
            ...firstN(e2eTests, 5),
            ...firstN(running, 2).map(l =>
              automationEvidence(l, 'CI runs the tests'),
            ),
          ],
          automation: 'automated',
        };
      }
      const deselected = runs.length > 0;
      return {
        status: 'warn',
        score: 50,
        summary: deselected
          ? 'An end-to-end pipeline test exists, but CI deselects it (`-m "not integration"`).'
          : 'An end-to-end pipeline test exists, but nothing in CI runs it.',
        evidence: [
          ...firstN(e2eTests, 5),
          ...firstN(runs, 2).map(l =>
            automationEvidence(
              l,
              'CI test step that deselects the end-to-end tests',
            ),
          ),
        ],
        automation: 'manual',
      };
    }

    // 3. Only a scheduled production orchestrator (Airflow, CronWorkflow) runs the
    // pipeline: that is the production run, not a test, and it finds breakage
    // only after the merge. Shown as evidence, but still a failure.
    const orchestrated = automationMatching(facts, PIPELINE_RUN).filter(
      l => l.kind !== 'ci' && l.scheduled,
    );
    if (orchestrated.length > 0) {
      return {
        status: 'fail',
        summary:
          'Only the scheduled production pipeline runs end to end; no CI job or test exercises the pipeline before changes are merged.',
        evidence: firstN(orchestrated, 3).map(l =>
          automationEvidence(l, 'Production pipeline run, not a test'),
        ),
      };
    }

    return {
      status: 'fail',
      summary:
        'No end-to-end pipeline test: neither CI nor the test suite runs the pipeline (dvc repro, a training smoke run, an integration-marked test).',
    };
  },
};

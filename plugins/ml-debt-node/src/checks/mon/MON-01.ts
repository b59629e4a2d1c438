import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';
import {
  automationRunning,
  hasMlCode,
  importsOf,
  jobEvidence,
  operationalSignals,
  scheduledInvocation,
  textEvidence,
  yamlLinesMatching,
} from './support';
import { findCodeLine } from '../../analysis/sourceText';

/** Drift and data-quality libraries (§7.2 MON-01). */
const DRIFT_PACKAGES = new Set([
  'evidently',
  'whylogs',
  'nannyml',
  'alibi_detect',
  'deepchecks',
  'frouros',
]);

/** Managed model monitors created from code: SageMaker, Vertex AI, Azure ML. */
const MANAGED_MONITOR =
  /\b(?:DefaultModelMonitor|ModelQualityMonitor|ModelBiasMonitor|ModelExplainabilityMonitor|ModelDeploymentMonitoringJob|DataDriftDetector|DataDriftSignal)\b/;

/** Managed monitors declared as infrastructure (CloudFormation, Azure ML monitor schedules). */
const MONITOR_IAC =
  /AWS::SageMaker::(?:MonitoringSchedule|DataQualityJobDefinition|ModelQualityJobDefinition|ModelBiasJobDefinition)\b|^\s*create_monitor\s*:|^\s*monitoring_signals\s*:|ModelDeploymentMonitoringJob/;
const MONITOR_TF =
  /resource\s+"(?:aws_sagemaker_monitoring_schedule|aws_sagemaker_data_quality_job_definition|google_vertex_ai_\w*monitor\w*)"/;

interface DriftFinding {
  source: PythonSource;
  line: number;
  what: string;
}

function driftFindings(sources: readonly PythonSource[]): DriftFinding[] {
  const findings: DriftFinding[] = [];
  for (const source of sources) {
    const imports = importsOf(source, DRIFT_PACKAGES);
    if (imports.length > 0) {
      findings.push({
        source,
        line: imports[0].line,
        what: imports[0].module.split('.')[0],
      });
      continue;
    }
    const idx = findCodeLine(source, MANAGED_MONITOR);
    if (idx >= 0) {
      findings.push({
        source,
        line: idx + 1,
        what: MANAGED_MONITOR.exec(source.code[idx])![0],
      });
    }
  }
  return findings;
}

/**
 * MON-01 — No drift / data-quality monitoring. Looks for drift libraries
 * imported by non-test code, managed model monitors (SageMaker, Vertex AI,
 * Azure ML) in code or infrastructure, and catalog links to a monitoring
 * product; full marks need a schedule that runs the drift code.
 */
export const MON_01: MlDebtCheck = {
  id: 'MON-01',
  title: 'No drift or data-quality monitoring',
  category: 'monitoring',
  weight: 3,
  confidence: 'high',
  mlTestScore: ['monitor.2', 'monitor.3', 'monitor.7'],
  debtType: 'Prediction bias; upstream producers',
  appliesToExperimental: false,
  rationale:
    'The world a model was trained on keeps changing: upstream producers alter a column, the input mix shifts, and prediction quality erodes without a single error being raised. Breck et al. (Monitor 2, 3 and 7) ask for serving inputs to be checked against the training schema and for prediction quality to be watched over time; Sculley et al. (§7) name prediction bias and unmonitored upstream producers as debt that only monitoring pays off. Only a scheduled report watches continuously; one run by hand earns half the ML Test Score point.',
  references: [
    'Breck et al. 2017, The ML Test Score, Monitor 2, Monitor 3, Monitor 7',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §7 (prediction bias, up-stream producers)',
    'Evidently, whylogs, NannyML, alibi-detect; SageMaker Model Monitor, Vertex AI Model Monitoring, Azure ML data drift',
  ],
  remediation: [
    'Schedule an input-drift and data-quality report (for example Evidently DataDriftPreset or whylogs profiles) that compares recent serving inputs with a reference set from training.',
    'Compute prediction-bias metrics overall and per important slice, and compare them with delayed labels when they arrive.',
    'Export the drift and quality results as metrics and route alerts on them to the on-call rotation linked from the catalog entity.',
  ],
  evaluate({ facts, entity }) {
    if (!hasMlCode(facts)) {
      return {
        status: 'not-applicable',
        summary:
          'No ML code found (no module imports an ML library and nothing serves a model).',
      };
    }
    const findings = driftFindings(facts.productionSources);
    const codeEvidence: Evidence[] = firstN(findings, 5).map(f =>
      lineEvidence(
        f.source,
        f.line,
        `Drift / data-quality monitoring (${f.what})`,
      ),
    );
    const iac = [
      ...yamlLinesMatching(
        facts,
        MONITOR_IAC,
        /MonitoringSchedule|JobDefinition|create_monitor|monitoring_signals|ModelDeploymentMonitoringJob/,
      ),
      ...facts.snapshot.search(MONITOR_TF, '**/*.tf').map(m => ({
        path: m.path,
        line: m.line,
        text: m.text,
      })),
    ];
    const iacEvidence = firstN(iac, 3).map(hit =>
      textEvidence(hit, 'Managed model monitor declared as infrastructure'),
    );
    const signals = operationalSignals(entity);
    const driftLinks = signals.filter(s => s.kind === 'drift');
    const otherLinks = signals.filter(
      s => s.kind === 'dashboard' || s.kind === 'alerting',
    );

    const invocation = scheduledInvocation(
      facts,
      findings.map(f => f.source),
    );
    if (invocation) {
      const how = invocation.via ? ` through ${invocation.via.path}` : '';
      return {
        status: 'pass',
        summary: `Drift monitoring in ${invocation.target.path} runs on a schedule (${invocation.job.path}${how}).`,
        evidence: [
          jobEvidence(
            invocation.job,
            `Scheduled job that runs ${invocation.target.path}${how}`,
          ),
          ...codeEvidence,
          ...iacEvidence,
        ],
        automation: 'automated',
      };
    }
    if (iac.length > 0) {
      return {
        status: 'pass',
        summary: `A managed model monitor is declared in ${iac[0].path}.`,
        evidence: [...iacEvidence, ...codeEvidence],
        automation: 'automated',
      };
    }
    if (driftLinks.length > 0) {
      return {
        status: 'pass',
        summary:
          'Drift / data-quality monitoring is linked from the catalog entity (monitoring defined outside this repository).',
        evidence: [...driftLinks.map(s => s.evidence), ...codeEvidence],
        automation: 'automated',
      };
    }
    if (findings.length > 0) {
      const paths = findings.map(f => f.source.path);
      const runByCi = Boolean(
        automationRunning(
          facts,
          findings.map(f => f.source),
        ),
      );
      return {
        status: 'pass',
        summary: runByCi
          ? `Drift monitoring code exists (${paths[0]}) and CI or a pipeline runs it, but no schedule does, so drift between runs goes unnoticed.`
          : `Drift monitoring code exists (${paths[0]}) but no scheduled job runs it; it runs only by hand.`,
        evidence: codeEvidence,
        automation: 'manual',
      };
    }
    // Generic dashboards and alerting do not show that inputs are checked for
    // drift; they are reported so that a team whose drift monitor lives on
    // the platform knows how to make it count (a link of type "monitoring").
    return {
      status: 'fail',
      summary:
        otherLinks.length > 0
          ? 'No drift or data-quality monitoring found; the catalog links dashboards or alerting, but none is a monitoring link or names drift or data quality.'
          : 'No drift or data-quality monitoring found: no drift library, no managed model monitor, and no monitoring link on the catalog entity.',
      evidence: otherLinks.map(s => ({
        ...s.evidence,
        message: `${s.evidence.message}; not counted: it does not name drift or data quality (use type "monitoring" if drift monitoring lives there)`,
      })),
    };
  },
};

import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence, matchEvidence } from '../support';
import {
  importsOf,
  localImports,
  manifestsOfKind,
  operationalSignals,
  servingPresence,
  textEvidence,
  yamlFiles,
  yamlLinesMatching,
} from './support';

/** Metrics and tracing libraries (§7.2 MON-02, plus their framework exporters). */
const METRIC_PACKAGES = new Set([
  'prometheus_client',
  'prometheus_fastapi_instrumentator',
  'prometheus_flask_exporter',
  'starlette_exporter',
  'aioprometheus',
  'opentelemetry',
  'statsd',
  'datadog',
  'ddtrace',
]);

/** A route registration or mount, e.g. `@app.get(`, `app.mount(`. */
const ROUTE_CALL =
  /\.(?:get|route|api_route|mount|add_route|add_url_rule|add_api_route)\(/;
/** Auto-instrumentation wrappers in container commands. */
const AUTO_INSTRUMENT =
  /\b(?:opentelemetry-instrument|ddtrace-run|newrelic-admin\s+run-program)\b/;
const SCRAPE_ANNOTATION =
  /^\s*(?:prometheus\.io\/scrape|serving\.kserve\.io\/enable-prometheus-scraping)\s*:\s*["']?true/;
const ALERTING_TF =
  /resource\s+"(?:datadog_monitor|datadog_service_level_objective|grafana_rule_group|newrelic_alert_condition|newrelic_nrql_alert_condition|google_monitoring_alert_policy|google_monitoring_slo|aws_cloudwatch_metric_alarm)"/;

/** The serving modules and the project modules they import. */
function servingCode(facts: RepositoryFacts): PythonSource[] {
  const serving = facts.servingModules;
  if (serving.length === 0)
    return facts.productionSources.filter(s => s.kind === 'python');
  const all = new Map(serving.map(s => [s.path, s]));
  for (const s of serving)
    for (const imp of localImports(facts, s)) all.set(imp.path, imp);
  return [...all.values()];
}

function metricsRoute(source: PythonSource): number | undefined {
  for (let i = 0; i < source.code.length; i++) {
    if (!ROUTE_CALL.test(source.code[i])) continue;
    if (
      source.strings.some(
        s => s.line === i + 1 && /^\/metrics\/?$/.test(s.value),
      )
    )
      return i + 1;
  }
  return undefined;
}

/** Alert rules and SLOs in the repository. */
function alertingEvidence(facts: RepositoryFacts): Evidence[] {
  const evidence: Evidence[] = [];
  const ruleFiles = new Set<string>();
  for (const k of manifestsOfKind(
    facts,
    /^(?:PrometheusRule|SLO|PrometheusServiceLevel)$/,
  )) {
    if (k.kind === 'PrometheusRule') ruleFiles.add(k.path);
    else
      evidence.push(
        textEvidence(k, `Service-level objective (${k.kind}) declared`),
      );
  }
  // Plain Prometheus rule files: `*rules*.y*ml` with `alert:` and `expr:`.
  for (const f of yamlFiles(facts)) {
    if (/rules[^/]*\.ya?ml$/i.test(f.path) && /^\s*expr\s*:/m.test(f.text))
      ruleFiles.add(f.path);
  }
  if (ruleFiles.size > 0) {
    const alerts = yamlLinesMatching(facts, /^\s*-?\s*alert\s*:\s*\S/, /alert/);
    for (const path of ruleFiles) {
      const alert = alerts.find(h => h.path === path);
      if (alert) evidence.push(textEvidence(alert, 'Alert rule'));
    }
  }
  for (const m of facts.snapshot.search(ALERTING_TF, '**/*.tf')) {
    evidence.push(matchEvidence(m, 'Alert or SLO declared in Terraform'));
  }
  return evidence;
}

/** Metrics instrumentation, scraping and recording rules. */
function metricsEvidence(facts: RepositoryFacts): Evidence[] {
  const evidence: Evidence[] = [];
  for (const source of servingCode(facts)) {
    const imports = importsOf(source, METRIC_PACKAGES);
    if (imports.length > 0) {
      evidence.push(
        lineEvidence(
          source,
          imports[0].line,
          `Serving metrics instrumentation (${imports[0].module})`,
        ),
      );
      continue;
    }
    const route = metricsRoute(source);
    if (route)
      evidence.push(lineEvidence(source, route, 'A /metrics endpoint'));
    else if (source.importedModules.has('bentoml')) {
      const line = source.code.findIndex(l => /@bentoml\.service\b/.test(l));
      if (line >= 0)
        evidence.push(
          lineEvidence(
            source,
            line + 1,
            'BentoML service (exposes Prometheus metrics on /metrics by default)',
          ),
        );
    }
  }
  for (const k of manifestsOfKind(facts, /^(?:ServiceMonitor|PodMonitor)$/)) {
    evidence.push(textEvidence(k, `Prometheus scrape target (${k.kind})`));
  }
  for (const hit of yamlLinesMatching(facts, SCRAPE_ANNOTATION, /prometheus/)) {
    evidence.push(textEvidence(hit, 'Prometheus scraping enabled'));
  }
  for (const m of facts.snapshot.search(AUTO_INSTRUMENT, [
    '**/Dockerfile*',
    '**/Containerfile',
    '**/Procfile',
    '**/*.{yaml,yml,sh}',
  ])) {
    evidence.push(matchEvidence(m, 'Automatic metrics instrumentation'));
  }
  return evidence;
}

/**
 * MON-02 — No serving performance metrics / SLO (Monitor 6). Any of the
 * card's signals passes: metrics instrumentation (imported, not just depended
 * on), a `/metrics` route, scrape configuration, alert rules or SLOs. For the
 * ML Test Score, metrics alone are `manual` (half a point); alert rules or
 * SLOs are `automated` (the full point).
 */
export const MON_02: MlDebtCheck = {
  id: 'MON-02',
  title: 'No serving performance metrics or SLO',
  category: 'monitoring',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['monitor.6'],
  debtType: 'Monitoring',
  appliesToExperimental: false,
  rationale:
    'A model server can slow down, run out of memory or start failing after a new model or library version, and without latency, throughput and error metrics nobody notices until consumers complain. Breck et al. (Monitor 6, "computing performance has not regressed") ask for these to be measured and alerted on, catching both sudden jumps and slow leaks.',
  references: [
    'Breck et al. 2017, The ML Test Score, Monitor 6',
    'Prometheus client libraries and alerting rules; OpenTelemetry; OpenSLO',
  ],
  remediation: [
    'Expose request latency, throughput and error-rate metrics from the serving code, for example with prometheus-fastapi-instrumentator or OpenTelemetry.',
    'Declare SLO-based alert rules (a PrometheusRule or an OpenSLO document) next to the deployment manifests and route them to the on-call rotation.',
    'Track training time and peak memory per run so that regressions in the training pipeline are caught as well.',
  ],
  evaluate({ facts, entity }) {
    const presence = servingPresence(facts);
    if (!presence.serving) {
      return {
        status: 'not-applicable',
        summary:
          'No serving code or deployment manifest found; serving metrics do not apply to a batch-only service.',
      };
    }
    const signals = operationalSignals(entity);
    const alerting = [
      ...alertingEvidence(facts),
      ...signals.filter(s => s.kind === 'alerting').map(s => s.evidence),
    ];
    const metrics = [
      ...metricsEvidence(facts),
      ...signals
        .filter(s => s.kind === 'dashboard' || s.kind === 'drift')
        .map(s => s.evidence),
    ];
    if (alerting.length > 0) {
      return {
        status: 'pass',
        summary:
          metrics.length > 0
            ? `Serving metrics are exposed and alerted on (${alerting[0].path}).`
            : `Alert rules or SLOs are declared (${alerting[0].path}); metrics come from the platform.`,
        evidence: firstN([...alerting, ...metrics], 10),
        automation: 'automated',
      };
    }
    if (metrics.length > 0) {
      return {
        status: 'pass',
        summary: `Serving metrics are exposed (${metrics[0].path}), but no alert rule or SLO watches them.`,
        evidence: firstN(metrics, 10),
        automation: 'manual',
      };
    }
    return {
      status: 'fail',
      summary: `The service serves predictions (${presence.evidence}) but exposes no latency, throughput or error metrics and declares no SLO.`,
    };
  },
};

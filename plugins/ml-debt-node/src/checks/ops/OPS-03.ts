import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence, snippet } from '../support';
import {
  automationInvoking,
  automationMatching,
  detectServing,
  hasServing,
  lineOf,
  Manifest,
  manifests,
  NO_SERVING_SUMMARY,
} from './support';
import { findCodeLine } from '../../analysis/sourceText';

/** Canary or shadow configuration found in a manifest, as a sentence and the line to point at. */
interface Progressive {
  path: string;
  what: string;
  line: RegExp;
}

function weightedRoutes(routes: unknown): number {
  return Array.isArray(routes)
    ? routes.filter((r: any) => typeof r?.weight === 'number' && r.weight > 0)
        .length
    : 0;
}

/** Reads one manifest the way its controller would (§7.2 OPS-03). */
function progressiveDelivery(m: Manifest): Progressive | undefined {
  const spec = m.doc.spec ?? {};
  const at = (what: string, line: RegExp) => ({ path: m.path, what, line });
  switch (m.kind) {
    case 'Rollout':
      if (spec.strategy?.canary)
        return at('Argo Rollouts canary', /^\s*canary:/);
      if (spec.strategy?.blueGreen)
        return at('Argo Rollouts blue-green with preview', /^\s*blueGreen:/);
      return undefined;
    case 'Canary':
      return /flagger/.test(m.apiVersion)
        ? at('Flagger canary', /^\s*kind:\s*Canary/)
        : undefined;
    case 'VirtualService': {
      const http: any[] = Array.isArray(spec.http) ? spec.http : [];
      if (http.some(h => weightedRoutes(h?.route) >= 2))
        return at('Istio weighted routes', /^\s*weight:/);
      if (http.some(h => h?.mirror))
        return at('Istio traffic mirroring (shadow)', /^\s*mirror:/);
      return undefined;
    }
    case 'InferenceService': {
      const pct = spec.predictor?.canaryTrafficPercent;
      return typeof pct === 'number' && pct < 100
        ? at(`KServe canary (${pct}% of traffic)`, /canaryTrafficPercent/)
        : undefined;
    }
    case 'SeldonDeployment': {
      const predictors: any[] = Array.isArray(spec.predictors)
        ? spec.predictors
        : [];
      if (predictors.some(p => p?.shadow === true))
        return at('Seldon shadow predictor', /^\s*shadow:/);
      if (
        predictors.filter(p => typeof p?.traffic === 'number' && p.traffic > 0)
          .length >= 2
      )
        return at('Seldon traffic split', /^\s*traffic:/);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** SageMaker / Azure ML progressive settings in YAML, JSON, Terraform or Python. */
const ENDPOINT_CANARY =
  /\b(?:CanarySize|LinearStepSize|BlueGreenUpdatePolicy|TrafficRoutingConfiguration|ShadowProductionVariants|mirror_traffic|shadow_production_variants|canary_size)\b/;

function endpointDelivery(facts: RepositoryFacts): Evidence[] {
  const found: Evidence[] = [];
  for (const m of facts.snapshot.search(ENDPOINT_CANARY, [
    '**/*.y{a,}ml',
    '**/*.json',
    '**/*.tf',
  ])) {
    if (/^\s*#/.test(m.text)) continue;
    found.push({
      message: 'Endpoint canary, blue-green or shadow settings',
      path: m.path,
      line: m.line,
      snippet: snippet(m.text),
    });
  }
  // Several weighted production variants, or an Azure ML traffic split over two deployments.
  for (const f of facts.snapshot.glob(['**/*.y{a,}ml', '**/*.json'])) {
    const text = facts.snapshot.readText(f.path);
    if (!text) continue;
    if ((text.match(/InitialVariantWeight/g) ?? []).length >= 2)
      found.push({
        message: 'Traffic split over several production variants',
        path: f.path,
        line: lineOf(facts, f.path, /InitialVariantWeight/),
      });
    else if (/\.ya?ml$/.test(f.path))
      for (const doc of facts.yaml(f.path)) {
        const traffic = (doc as any)?.traffic;
        if (
          traffic &&
          typeof traffic === 'object' &&
          Object.values(traffic).filter(v => Number(v) > 0).length >= 2
        )
          found.push({
            message: 'Online endpoint traffic split',
            path: f.path,
            line: lineOf(facts, f.path, /^\s*traffic:/),
          });
      }
  }
  for (const source of facts.productionSources) {
    if (
      !source.importedModules.has('sagemaker') &&
      !source.importedModules.has('boto3') &&
      !source.importedModules.has('azure')
    )
      continue;
    const hit = source.strings.find(s => ENDPOINT_CANARY.test(s.value));
    const line = hit?.line ?? findCodeLine(source, ENDPOINT_CANARY) + 1;
    if (line > 0)
      found.push(
        lineEvidence(
          source,
          line,
          'Endpoint canary, blue-green or shadow settings',
        ),
      );
  }
  return found;
}

const PLATFORM_ROLLOUT_ANNOTATION =
  /rollout|canary|flagger|progressive|argo-rollouts/i;

/**
 * OPS-03 — Serving without canary, shadow or progressive delivery (Breck
 * Infra 6).
 */
export const OPS_03: MlDebtCheck = {
  id: 'OPS-03',
  title: 'Models go to full traffic without a canary or shadow stage',
  category: 'operations',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['infra.6'],
  debtType: 'Changes in the external world',
  appliesToExperimental: false,
  rationale:
    'A model that passed every offline test can still fail in the serving binary: a missing operator, a changed dependency, a feature that is computed differently online. The ML Test Score asks that models be canaried before serving: loaded in the production serving environment and exposed to a small, growing share of traffic while errors and latency are watched (Infra 6, Fig. 2). Switching all traffic at once makes every bad release a full outage.',
  references: [
    'Breck et al. 2017, The ML Test Score, Infra 6 (Fig. 2)',
    'Argo Rollouts, Flagger, KServe canary rollout and SageMaker deployment guardrails documentation',
  ],
  remediation: [
    'Smoke-load the new model in the production serving image (a readiness probe that runs a prediction) before it receives traffic.',
    'Roll out through a canary with automated metric analysis: Argo Rollouts or Flagger steps, KServe `canaryTrafficPercent`, or SageMaker deployment guardrails (`CanarySize`).',
    'For risky models, run the candidate in shadow mode (Istio `mirror`, Seldon shadow, SageMaker shadow variants) and compare its predictions before switching.',
  ],
  evaluate({ facts, entity }) {
    const serving = detectServing(facts);
    if (!hasServing(serving))
      return { status: 'not-applicable', summary: NO_SERVING_SUMMARY };

    const found: Evidence[] = [];
    const paths: string[] = [];
    for (const m of manifests(facts)) {
      const p = progressiveDelivery(m);
      if (!p) continue;
      found.push({
        message: p.what,
        path: p.path,
        line: lineOf(facts, p.path, p.line),
      });
      paths.push(p.path);
    }
    // Helm templates do not parse as YAML; their canary markers still count.
    for (const m of facts.snapshot.search(
      /^\s*kind:\s*(?:Rollout|Canary)\s*$|^\s*canaryTrafficPercent:/m,
      '**/templates/**/*.y{a,}ml',
    )) {
      if (!paths.includes(m.path)) {
        found.push({
          message: 'Canary in a Helm template',
          path: m.path,
          line: m.line,
          snippet: snippet(m.text),
        });
        paths.push(m.path);
      }
    }
    for (const e of endpointDelivery(facts)) {
      found.push(e);
      if (e.path) paths.push(e.path);
    }

    if (found.length > 0) {
      const dirs = [
        ...new Set(
          paths.map(p => p.split('/').slice(0, -1).join('/')).filter(Boolean),
        ),
      ];
      const deploys =
        automationInvoking(facts, paths).length > 0 ||
        dirs.some(
          d =>
            automationMatching(
              facts,
              new RegExp(
                `(?:kubectl|kustomize|helm|argocd|kapp|skaffold)\\b[^\\n]{0,200}(?:^|[\\s=/])${d.replace(
                  /[.*+?^${}()|[\]\\]/g,
                  '\\$&',
                )}(?:/|\\s|$)`,
              ),
            ).length > 0,
        );
      return {
        status: 'pass',
        summary: deploys
          ? `Releases are canaried (${found[0].message}), and the deploy pipeline applies the configuration.`
          : `Releases are canaried (${found[0].message}); the configuration is applied outside this repository's CI.`,
        evidence: firstN(found, 5),
        automation: deploys ? 'automated' : 'manual',
      };
    }

    const annotations = Object.entries(
      entity?.metadata.annotations ?? {},
    ).filter(([k]) => PLATFORM_ROLLOUT_ANNOTATION.test(k));
    if (annotations.length > 0) {
      return {
        status: 'pass',
        summary:
          'The catalog entity declares platform-managed progressive delivery.',
        evidence: annotations.map(([k, v]) => ({
          message: 'Platform rollout annotation',
          path: `metadata.annotations.${k}`,
          snippet: v,
        })),
        automation: 'manual',
      };
    }

    return {
      status: 'fail',
      summary:
        'The service serves predictions, but no canary, shadow or progressive-delivery configuration was found (Argo Rollouts, Flagger, Istio weights, KServe canaryTrafficPercent, Seldon traffic, SageMaker guardrails).',
      evidence: firstN(
        [
          ...serving.deployFiles.map(e => ({
            ...e,
            message: `${e.message} without a canary`,
          })),
          ...serving.modules.map(s => ({
            message: 'Serving module',
            path: s.path,
          })),
        ],
        5,
      ),
    };
  },
};

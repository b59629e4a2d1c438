import { Entity } from '@backstage/catalog-model';
import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { CheckContext, MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN, lineEvidence, matchEvidence } from '../support';
import {
  FIELD,
  findRelated,
  lifecycleOf,
  refOf,
  relatedRefs,
  relationTargets,
} from './support';

/** Lifecycles that claim "not in production" (∅ included). */
const PROTOTYPE_LIFECYCLES = new Set(['experimental', 'unknown']);

const DEPLOY_KIND =
  /^\s*kind:\s*["']?(Deployment|InferenceService|SeldonDeployment|Rollout|Service)["']?\s*$/m;

/** Manifests that only deploy to a non-production environment (the card's staging guard). */
const NON_PRODUCTION_PATH =
  /(?:^|\/)(?:staging|stage|stg|dev|development|sandbox|preview|qa)(?:\/|[-_.])/i;
const NON_PRODUCTION_NAMESPACE =
  /^\s*namespace:\s*["']?[\w-]{0,40}(?:staging|stage|stg|dev|sandbox|preview|qa)\b/im;

/** How notebooks are run by pipelines (Appendix A NOTEBOOK_EXEC). */
const NOTEBOOK_EXEC =
  /papermill|jupyter\s+nbconvert\s[^\n]{0,200}--execute|nbclient|dbutils\.notebook\.run/;

interface Signals {
  serving: Evidence[];
  containers: Evidence[];
  manifests: Evidence[];
  stagingOnly: Evidence[];
  consumers: Evidence[];
}

function isCiOrCatalog(filePath: string): boolean {
  return /^\.github\/|^\.gitlab-ci|(?:^|\/)catalog-info[^/]*\.ya?ml$|(?:^|\/)\.pre-commit/.test(
    filePath,
  );
}

function deploySignals(
  ctx: CheckContext,
): Pick<Signals, 'manifests' | 'stagingOnly'> {
  const { snapshot } = ctx;
  const manifests: Evidence[] = [];
  const stagingOnly: Evidence[] = [];
  const seen = new Set<string>();
  const add = (filePath: string, evidence: Evidence) => {
    if (seen.has(filePath)) return;
    seen.add(filePath);
    const text = snapshot.readText(filePath) ?? '';
    if (
      NON_PRODUCTION_PATH.test(filePath) ||
      NON_PRODUCTION_NAMESPACE.test(text)
    ) {
      stagingOnly.push(evidence);
    } else {
      manifests.push(evidence);
    }
  };
  for (const match of snapshot.search(DEPLOY_KIND, ['**/*.yaml', '**/*.yml'])) {
    if (isCiOrCatalog(match.path)) continue;
    add(
      match.path,
      matchEvidence(match, `Deployment manifest (${match.match.trim()}).`),
    );
  }
  for (const file of snapshot.glob(['**/Chart.yaml', '**/bentofile.yaml'])) {
    add(file.path, fileEvidence(file.path, 'Deployment packaging.'));
  }
  return { manifests, stagingOnly };
}

/** Production components that depend on this one or consume its APIs. */
function productionConsumers(ctx: CheckContext, entity: Entity): Evidence[] {
  const self = refOf(entity);
  const apis = new Set(
    relatedRefs(entity, 'providesApis', 'providesApi', 'api').map(r => r.ref),
  );
  const consumerRefs = new Set<string>(
    relationTargets(entity, 'dependencyOf', 'component').map(r => r.ref),
  );
  for (const api of apis) {
    const apiEntity = findRelated(ctx, api);
    if (apiEntity) {
      for (const r of relationTargets(apiEntity, 'apiConsumedBy', 'component'))
        consumerRefs.add(r.ref);
    }
  }
  const evidence: Evidence[] = [];
  for (const candidate of ctx.relatedEntities) {
    if (candidate.kind.toLocaleLowerCase('en-US') !== 'component') continue;
    if (lifecycleOf(candidate) !== 'production') continue;
    const ref = refOf(candidate);
    if (ref === self) continue;
    const dependsOnSelf = relatedRefs(
      candidate,
      'dependsOn',
      'dependsOn',
      'component',
    ).some(r => r.ref === self);
    const consumesOurApi = relatedRefs(
      candidate,
      'consumesApis',
      'consumesApi',
      'api',
    ).some(r => apis.has(r.ref));
    if (consumerRefs.has(ref) || dependsOnSelf || consumesOurApi) {
      evidence.push({
        message: `The production component ${ref} depends on this service or consumes its API.`,
        path: FIELD.providesApis,
        snippet: ref,
      });
    }
  }
  return evidence;
}

function collectSignals(ctx: CheckContext, entity: Entity): Signals {
  const serving = ctx.facts.servingModules.map(s =>
    fileEvidence(s.path, 'Serving module (answers prediction requests).'),
  );
  const containers = ctx.facts.dockerfiles.map(f =>
    fileEvidence(f.path, 'Container image definition.'),
  );
  return {
    serving,
    containers,
    ...deploySignals(ctx),
    consumers: productionConsumers(ctx, entity),
  };
}

/**
 * Where notebooks are executed as part of the process (NB-01's "executed by
 * pipelines"): CI and pipeline files, but also Makefiles and shell scripts,
 * which is how prototypes usually run them.
 */
function notebookExecution(ctx: CheckContext): Evidence | undefined {
  const automation = ctx.facts.findAutomation(NOTEBOOK_EXEC);
  if (automation) {
    const lines = automation.text.split('\n');
    const index = lines.findIndex(l => NOTEBOOK_EXEC.test(l));
    return lineEvidence(
      { path: automation.path, lines },
      index + 1,
      'A pipeline executes notebooks.',
    );
  }
  const [match] = ctx.snapshot.search(NOTEBOOK_EXEC, [
    '**/Makefile',
    '**/*.mk',
    '**/*.sh',
    '**/*.py',
  ]);
  return match
    ? matchEvidence(match, 'Notebooks are executed as part of the process.')
    : undefined;
}

/**
 * The reverse mismatch: a production service that is mostly notebooks and has
 * no tests. Approximates "NB-01 fails and TST-01 = 0" from the shared facts,
 * since checks do not read each other's results.
 */
function prototypeInProduction(ctx: CheckContext): Evidence[] | undefined {
  const { facts } = ctx;
  if (facts.testSources.length > 0 || facts.notebooks.length === 0)
    return undefined;
  const notebookLoc = facts.notebooks.reduce(
    (sum, nb) => sum + nb.python.codeLines,
    0,
  );
  const scriptLoc = facts.productionSources
    .filter(s => s.kind === 'python')
    .reduce((sum, s) => sum + s.codeLines, 0);
  const executed = notebookExecution(ctx);
  if (notebookLoc < scriptLoc && !executed) return undefined;
  const evidence: Evidence[] = firstN(facts.notebooks, 5).map(nb =>
    fileEvidence(
      nb.path,
      `Notebook with ${nb.python.codeLines} lines of code.`,
    ),
  );
  if (executed) evidence.push(executed);
  evidence.push({
    message: 'No test files were found (tests/, test_*.py, *_test.py).',
  });
  return evidence;
}

/**
 * CAT-02 — Lifecycle vs production-signal mismatch (Sculley's prototype
 * smell). Compares `spec.lifecycle` with what the repository and the catalog
 * show: serving code, container images, deployment manifests, production
 * consumers.
 */
export const CAT_02: MlDebtCheck = {
  id: 'CAT-02',
  title: 'Lifecycle does not match production signals',
  category: 'catalog',
  weight: 2,
  confidence: 'medium',
  mlTestScore: [],
  debtType: 'Prototype smell',
  // The one exception to the §8.1 gating list: the engine marks checks with
  // `appliesToExperimental: false` not-applicable for experimental services,
  // and experimental services that already serve production traffic are
  // exactly what this check exists to find.
  appliesToExperimental: true,
  rationale:
    'The lifecycle decides which checks apply: an "experimental" service is spared the operational, monitoring and release checks. Sculley et al. (2015, §5) call a prototype environment that quietly becomes the production system the prototype smell; a lifecycle that hides serving code, deployment manifests or production consumers lets such a service skip the scrutiny production models get. The reverse — "production" on a notebook-only, untested project — misleads consumers about its maturity.',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §5 (prototype smell)',
    'Backstage descriptor format: spec.lifecycle (experimental, production, deprecated)',
    'Breck et al. 2017, The ML Test Score (every test assumes a production system)',
  ],
  remediation: [
    'Set spec.lifecycle in catalog-info.yaml to what the service really is: production when it answers production traffic, experimental only while it does not.',
    'If the service stays experimental, remove its production consumers and do not register its prediction endpoint as an API for other teams.',
    'If the service is production, run the full scorecard and move notebook and prototype code into a tested Python package before the next release.',
  ],
  evaluate(ctx) {
    const entity = ctx.entity!;
    const lifecycle = lifecycleOf(entity);
    const lifecycleEvidence: Evidence = {
      message: `Declared lifecycle: ${lifecycle ?? '(none)'}.`,
      path: FIELD.lifecycle,
      snippet: lifecycle ? `lifecycle: ${lifecycle}` : undefined,
    };

    if (lifecycle === undefined || PROTOTYPE_LIFECYCLES.has(lifecycle)) {
      const signals = collectSignals(ctx, entity);
      const label = lifecycle ?? 'missing';
      const strong = signals.consumers.length + signals.manifests.length > 0;
      const weakKinds = [
        signals.serving.length > 0 ? 'serving code' : undefined,
        signals.containers.length > 0 ? 'a container image' : undefined,
      ].filter((k): k is string => k !== undefined);
      const evidence = [
        lifecycleEvidence,
        ...signals.consumers,
        ...firstN(signals.manifests, 5),
        ...firstN(signals.serving, 5),
        ...firstN(signals.containers, 3),
      ];
      const staging =
        signals.stagingOnly.length > 0
          ? ` (${signals.stagingOnly.length} staging/dev-only manifest(s) ignored)`
          : '';
      if (strong || weakKinds.length === 2) {
        const what = [
          signals.consumers.length > 0
            ? `${signals.consumers.length} production consumer(s)`
            : undefined,
          signals.manifests.length > 0 ? 'deployment manifests' : undefined,
          ...weakKinds,
        ].filter(Boolean);
        return {
          status: 'fail',
          summary: `Lifecycle is ${label}, but the service shows production signals: ${what.join(
            ', ',
          )}${staging}.`,
          evidence,
        };
      }
      if (weakKinds.length === 1) {
        return {
          status: 'warn',
          summary: `Lifecycle is ${label}, but the repository contains ${weakKinds[0]}${staging}; check whether it is deployed.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: `Lifecycle is ${label} and no production signal was found${staging}.`,
        evidence: [lifecycleEvidence, ...firstN(signals.stagingOnly, 5)],
      };
    }

    if (lifecycle === 'production') {
      const prototype = prototypeInProduction(ctx);
      if (prototype) {
        return {
          status: 'fail',
          summary:
            'Lifecycle is production, but the code is notebook-centric and has no tests: this is a prototype running as a production service.',
          evidence: [lifecycleEvidence, ...prototype],
        };
      }
      return {
        status: 'pass',
        summary:
          'Lifecycle is production and the repository is not a notebook-only, untested prototype.',
        evidence: [lifecycleEvidence],
      };
    }

    return {
      status: 'pass',
      summary: `Lifecycle is ${lifecycle}; no lifecycle mismatch rule applies.`,
      evidence: [lifecycleEvidence],
    };
  },
};

import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN } from '../support';
import { listOf } from '../rep/support';
import {
  CodeHit,
  dependsOnEntities,
  dvcPaths,
  dvcStages,
  firstCodeHits,
  firstStringHits,
  hitEvidence,
  isMlService,
  registryMetadata,
} from './support';

/** Registration calls (Appendix A REGISTRY, widened to client instances and current SDKs). */
const REGISTRY_CODE =
  /mlflow\.register_model\(|\bregistered_model_name\s*=|\.(?:create_registered_model|create_model_version|set_registered_model_alias|transition_model_version_stage)\(|wandb\.(?:Artifact|log_model|link_model)\b|\.link_model\(|\bModel\.register\(|\.models\.create_or_update\(|aiplatform\.Model\.upload\(|\bModelPackage(?:Group)?\b|\bmodel_package_group_name\s*=|bentoml\.\w+\.save_model\(|\.push_to_hub\(/;
/** A model loaded from the registry by name and version or alias. */
const REGISTRY_URI = /^models:\/[^/\s]+\/[^\s]+/;
/** A model logged with the run but not registered: versioned by run id only. */
const LOGGED_MODEL = /\bmlflow\.\w+\.log_model\(/;
/** A DVC stage output that looks like a model. */
const MODEL_OUTPUT =
  /(?:^|\/)models?(?:\/|[-_.])|\.(?:pkl|pickle|joblib|pt|pth|ckpt|onnx|h5|keras|safetensors|cbm|ubj)$/i;
const PIPELINE_TYPE = /pipeline|training|workflow/i;

/**
 * VER-03 — No model registry or versioned model artefacts. Registration is
 * read from code (comments and strings excluded), MLflow `MLmodel`/`MLproject`
 * files, `dvc.yaml` model artifacts and catalog metadata; a model loaded by a
 * `models:/` URI comes from a registry too. Registration done by a pipeline
 * component the service `dependsOn` counts when the catalog says so.
 */
export const VER_03: MlDebtCheck = {
  id: 'VER-03',
  title: 'No model registry or versioned model artefacts',
  category: 'versioning',
  weight: 3,
  confidence: 'medium',
  mlTestScore: ['infra.7', 'infra.4', 'model.1'],
  debtType: 'Reproducibility debt',
  appliesToExperimental: true,
  rationale:
    'Without a registry a model in production is a file someone copied: nobody can tell which code, data and parameters produced it, compare it with its predecessor, or roll back to the last good version. The ML Test Score requires that models are validated before serving and that serving can roll back to a previous version (Infra 4 and Infra 7); a registry with versions and lineage is what makes both possible.',
  references: [
    'MLflow Model Registry documentation',
    'Breck et al. 2017, The ML Test Score, Infra 4, Infra 7 and Model 1',
    'Serban et al. 2020, SE4ML practice "Use Versioning for Data, Model, Configurations and Training Scripts"',
  ],
  remediation: [
    'Register every trained model in a registry (MLflow, Weights & Biases, SageMaker, Vertex AI, Azure ML) with its version and lineage: Git SHA, data version, parameters and metrics.',
    'Promote a version to serving through an alias (for example champion) only after the pre-release quality gate passes (TST-06).',
    'Serve an immutable model version rather than a mutable path or "latest" so a rollback is one alias change (OPS-04).',
  ],
  evaluate({ facts, snapshot, entity, relatedEntities }) {
    const sources = facts.productionSources;
    const mlmodelFiles = snapshot
      .files()
      .filter(
        f =>
          /(?:^|\/)(?:MLmodel|MLproject)$/.test(f.path) &&
          !facts.isTest(f.path),
      );
    const catalog = entity ? registryMetadata(entity) : [];
    if (
      !isMlService(facts, entity) &&
      mlmodelFiles.length === 0 &&
      catalog.length === 0
    ) {
      return {
        status: 'not-applicable',
        summary: 'No ML code found: there is no model to register.',
      };
    }

    const registration = firstCodeHits(sources, REGISTRY_CODE);
    const registryLoads = firstStringHits(sources, REGISTRY_URI);
    const dvcArtifacts: Evidence[] = [];
    const dvcModelOuts: Evidence[] = [];
    for (const f of snapshot.glob('**/dvc.yaml')) {
      for (const doc of facts.yaml(f.path)) {
        const artifacts = (doc as any)?.artifacts;
        if (
          artifacts &&
          typeof artifacts === 'object' &&
          Object.values(artifacts).some((a: any) => a?.type === 'model')
        ) {
          dvcArtifacts.push(
            fileEvidence(f.path, 'dvc.yaml declares a model artifact'),
          );
        }
        const outs = dvcStages(doc).flatMap(s => dvcPaths(s.outs));
        const model = outs.find(o => MODEL_OUTPUT.test(o));
        if (model) {
          dvcModelOuts.push(
            fileEvidence(
              f.path,
              `DVC versions the model output ${model}, without a registry`,
            ),
          );
        }
      }
    }

    const full: Evidence[] = [
      ...registration.map(h => hitEvidence(h, 'Registers the model')),
      ...registryLoads.map(h =>
        hitEvidence(h, 'Loads a registered model version'),
      ),
      ...mlmodelFiles.map(f =>
        fileEvidence(f.path, 'MLflow model or project metadata'),
      ),
      ...dvcArtifacts,
      ...catalog,
    ];
    const automation = facts.automationOf(
      [...registration, ...registryLoads].map((h: CodeHit) => h.source.path),
      /\bmlflow\s+models\b|\bdvc\s+(?:repro|exp\s+run)\b/,
    );
    if (full.length > 0) {
      const kinds = [
        registration.length ? 'registration code' : '',
        registryLoads.length ? 'registry model URIs' : '',
        mlmodelFiles.length ? 'MLflow model metadata' : '',
        dvcArtifacts.length ? 'DVC model artifacts' : '',
        catalog.length ? 'catalog registry links' : '',
      ].filter(Boolean);
      return {
        status: 'pass',
        summary: `Models are versioned in a registry (${listOf(kinds, 5)}).`,
        evidence: firstN(full),
        automation: automation === 'none' ? 'manual' : automation,
      };
    }

    // Registration in another repository: a component the service dependsOn.
    const upstream = dependsOnEntities(entity, relatedEntities);
    const upstreamRegistry = upstream.flatMap(e =>
      registryMetadata(e).map(ev => ({
        ...ev,
        message: `${e.metadata.name}: ${ev.message}`,
      })),
    );
    if (upstreamRegistry.length > 0) {
      return {
        status: 'pass',
        summary: `Models are registered by ${listOf([
          ...new Set(upstreamRegistry.map(e => e.message.split(':')[0])),
        ])}, which this service depends on.`,
        evidence: firstN(upstreamRegistry),
        automation: 'manual',
      };
    }

    // Near misses: reported so the fix is obvious, but none is a registry.
    const nearMisses: Evidence[] = [
      ...firstCodeHits(sources, LOGGED_MODEL).map(h =>
        hitEvidence(h, 'Logs the model with the run but never registers it'),
      ),
      ...dvcModelOuts,
    ];
    for (const p of upstream) {
      if (typeof p.spec?.type === 'string' && PIPELINE_TYPE.test(p.spec.type)) {
        nearMisses.push({
          message: `Depends on pipeline ${p.metadata.name}, which may register the model, but its catalog entry links no registry`,
          path: 'spec.dependsOn',
          snippet: `${p.kind}:${p.metadata.namespace ?? 'default'}/${
            p.metadata.name
          }`,
        });
      }
    }
    return {
      status: 'fail',
      summary:
        nearMisses.length > 0
          ? 'No model registry: model artefacts are at most logged per run or output by a DVC stage, with no registered versions, lineage or promotion.'
          : 'No model registry: no registration calls, MLmodel files, DVC model artifacts or catalog links to a registry.',
      evidence: firstN(nearMisses),
    };
  },
};

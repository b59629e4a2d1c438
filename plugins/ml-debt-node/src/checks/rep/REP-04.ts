import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { RepositorySnapshot } from '../../snapshot/types';
import { fileEvidence, firstN } from '../support';
import {
  BuildStage,
  classifyImage,
  finalBase,
  imageRepository,
  parseDockerfile,
} from './dockerfile';
import { isPythonProject, listOf, textLineEvidence } from './support';
import { findCodeLine } from '../../analysis/sourceText';

/** Score when a base image floats (`:latest`, no tag, build-time ARG). */
const FLOATING_SCORE = 50;
/** Score when training and serving images build on different bases (advisory). */
const MISMATCH_SCORE = 75;

/** Environment descriptions other than Dockerfiles (§7.2 REP-04). */
const ENVIRONMENT_FILES = [
  '**/environment*.yml',
  '**/environment*.yaml',
  '**/conda.yaml',
  '**/conda.yml',
  '**/python_env.yaml',
  '**/.devcontainer/**',
  '**/bentofile.yaml',
  '**/cog.yaml',
];

/** Images the platform builds or provides (§7.2 REP-04 false positives). */
const PLATFORM_CODE =
  /\bsagemaker\.(?:sklearn|pytorch|tensorflow|xgboost|huggingface|mxnet)\b|\bimage_uris\.retrieve\(|\bframework_version\s*=/;
const PLATFORM_FILES = /(?:^|\/)(?:databricks\.ya?ml|project\.toml)$/;
const PLATFORM_TEXT = /\bspark_version\b|\bio\.buildpacks\b|\[_\]\s*$/m;

/** An `image:` in a job or deployment spec. */
const IMAGE_LINE = /^\s*-?\s*image:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/m;

const DOCKER_BUILD =
  /\bdocker\s+(?:buildx\s+)?build\b|docker\/build-push-action|\bbuildah\s+bud\b|\bkaniko\b|\bgcloud\s+builds\s+submit\b|\bpodman\s+build\b/;

const TRAINING = /train/i;
const SERVING = /serv|api|infer|predict|app/i;

interface AnalysedDockerfile {
  path: string;
  stages: BuildStage[];
}

/**
 * REP-04 — No reproducible runtime environment, or a floating base image.
 * Dockerfiles are parsed: multi-stage builds (stage references are not
 * images), `FROM --platform=…`, global `ARG` defaults in the base image, and
 * `@sha256:` digests.
 */
export const REP_04: MlDebtCheck = {
  id: 'REP-04',
  title: 'No reproducible runtime environment or a floating base image',
  category: 'reproducibility',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['infra.1', 'infra.6'],
  debtType: 'Reproducibility debt',
  appliesToExperimental: true,
  rationale:
    'A model is only reproducible together with the operating system, Python, CUDA and system libraries it ran on. Without a container image or environment file every machine trains and serves in a different environment, and a base image tagged latest changes under the service without a commit. Breck et al. (2017, Fig. 2) single out training and serving environments that differ as a source of skew; mllint plans a Deployment category for the same reason.',
  references: [
    'Breck et al. 2017, The ML Test Score, Infra 1 and Infra 6',
    'mllint category deployment (planned rules about Dockerfiles)',
    'Docker documentation: pin base images by digest',
  ],
  remediation: [
    'Build training and serving from one Dockerfile or one shared base image so both run the same libraries.',
    'Pin the base image to a version tag plus its digest (FROM python:3.11.9-slim@sha256:…) and let a dependency bot update it.',
    'Record the framework and CUDA versions with the model artefact (MLmodel python_env or conda environment).',
  ],
  evaluate({ facts, snapshot, entity }) {
    // The shared fact misses `train.Dockerfile`-style names (capital D).
    const dockerfiles: AnalysedDockerfile[] = [
      ...new Set([
        ...facts.dockerfiles.map(f => f.path),
        ...snapshot.glob('**/*.Dockerfile').map(f => f.path),
      ]),
    ]
      .sort()
      .filter(p => !facts.isTest(p))
      .map(p => ({
        path: p,
        stages: parseDockerfile(snapshot.readText(p) ?? ''),
      }))
      .filter(d => d.stages.length > 0);
    if (dockerfiles.length === 0 && !isPythonProject(facts)) {
      return {
        status: 'not-applicable',
        summary:
          'No Python code and no Dockerfile: there is no ML runtime environment to assess.',
      };
    }
    const automation = facts.findAutomation(DOCKER_BUILD)
      ? 'automated'
      : 'manual';

    if (dockerfiles.length > 0) {
      return assessDockerfiles(
        dockerfiles,
        entity?.spec?.lifecycle === 'production',
        snapshot,
        automation,
      );
    }

    const envFiles = snapshot
      .glob(ENVIRONMENT_FILES)
      .filter(f => !facts.isTest(f.path))
      .filter(f => {
        // An environment*.yml must be a conda environment, not app settings.
        if (!/(?:^|\/)(?:environment|conda)[^/]*\.ya?ml$/.test(f.path))
          return true;
        const doc = facts.yaml(f.path)[0] as
          | Record<string, unknown>
          | undefined;
        return Boolean(doc && Array.isArray(doc.dependencies));
      });
    if (envFiles.length > 0) {
      return {
        status: 'pass',
        summary: `The runtime environment is described by ${listOf(
          envFiles.map(f => f.path),
        )}.`,
        evidence: firstN(envFiles).map(f =>
          fileEvidence(f.path, 'Environment description'),
        ),
        automation: 'manual',
      };
    }

    // Platform-built images: a pinned `image:` in a job spec, buildpacks,
    // SageMaker framework containers, Databricks runtimes.
    const ciPaths = new Set(facts.ciFiles.map(f => f.path));
    const imageRefs = snapshot
      .search(IMAGE_LINE, ['**/*.yaml', '**/*.yml'])
      .filter(m => !ciPaths.has(m.path) && !facts.isTest(m.path))
      .map(m => ({ match: m, image: IMAGE_LINE.exec(m.text)?.[1] ?? '' }))
      .filter(
        r => r.image && !r.image.includes('{{') && !r.image.includes('$'),
      );
    if (imageRefs.length > 0) {
      const floating = imageRefs.filter(
        r => classifyImage(r.image) === 'floating',
      );
      const evidence = firstN(floating.length ? floating : imageRefs).map(r =>
        textLineEvidence(
          snapshot,
          r.match.path,
          r.match.line,
          floating.length
            ? `Image ${r.image} is not pinned to a version`
            : `Runtime image ${r.image}`,
        ),
      );
      return floating.length
        ? {
            status: 'warn',
            score: FLOATING_SCORE,
            summary: `The job specs run prebuilt images, but ${listOf(
              floating.map(r => r.image),
            )} floats (no tag or :latest).`,
            evidence,
            automation,
          }
        : {
            status: 'pass',
            summary: `The service runs pinned prebuilt images (${listOf(
              imageRefs.map(r => r.image),
            )}).`,
            evidence,
            automation,
          };
    }
    const platform: Evidence[] = [];
    for (const s of facts.productionSources) {
      const i = findCodeLine(s, PLATFORM_CODE);
      if (i >= 0)
        platform.push(
          textLineEvidence(
            snapshot,
            s.path,
            i + 1,
            'Platform-provided framework container',
          ),
        );
    }
    for (const f of snapshot.files()) {
      if (
        PLATFORM_FILES.test(f.path) &&
        PLATFORM_TEXT.test(snapshot.readText(f.path) ?? '')
      )
        platform.push(fileEvidence(f.path, 'Platform-built runtime'));
    }
    if (platform.length > 0) {
      return {
        status: 'pass',
        summary:
          'The runtime image is built or provided by the platform (SageMaker framework container, Databricks runtime or buildpacks).',
        evidence: firstN(platform, 5),
        automation,
      };
    }
    return {
      status: 'fail',
      summary:
        'No reproducible runtime environment: no Dockerfile, Containerfile, conda or MLflow environment, devcontainer, bentofile.yaml or cog.yaml.',
    };
  },
};

function assessDockerfiles(
  dockerfiles: AnalysedDockerfile[],
  production: boolean,
  snapshot: RepositorySnapshot,
  automation: 'automated' | 'manual',
) {
  const evidence: Evidence[] = [];
  const findings: string[] = [];
  let score = 100;

  const external = dockerfiles.flatMap(d =>
    d.stages
      .filter(s => s.pin !== 'internal')
      .map(s => ({ path: d.path, stage: s })),
  );
  const floating = external.filter(
    e => e.stage.pin === 'floating' || e.stage.pin === 'unresolved',
  );
  if (floating.length > 0) {
    score = Math.min(score, FLOATING_SCORE);
    findings.push(
      `${floating.length} base image${
        floating.length > 1 ? 's float' : ' floats'
      } (no tag, :latest or a build argument without default)`,
    );
    for (const f of firstN(floating, 5)) {
      evidence.push(
        textLineEvidence(
          snapshot,
          f.path,
          f.stage.line,
          f.stage.pin === 'unresolved'
            ? `Base image ${f.stage.written} is chosen at build time`
            : `Base image ${f.stage.image} is not pinned to a version`,
        ),
      );
    }
  }

  // Training and serving images on different bases (Breck Fig. 2): advisory.
  const training = dockerfiles.filter(d => TRAINING.test(d.path));
  const serving = dockerfiles.filter(
    d => !TRAINING.test(d.path) && SERVING.test(d.path),
  );
  if (training.length > 0 && serving.length > 0) {
    const trainBase = finalBase(training[0].stages);
    const serveBase = finalBase(serving[0].stages);
    if (
      trainBase &&
      serveBase &&
      imageRepository(trainBase) !== imageRepository(serveBase)
    ) {
      score = Math.min(score, MISMATCH_SCORE);
      findings.push(
        `training (${trainBase}) and serving (${serveBase}) build on different base images (advisory)`,
      );
      evidence.push(
        fileEvidence(training[0].path, `Training image based on ${trainBase}`),
        fileEvidence(serving[0].path, `Serving image based on ${serveBase}`),
      );
    }
  }

  const paths = dockerfiles.map(d => d.path);
  if (findings.length === 0) {
    // Minor advisory (§7.2): a production image pinned by tag but not digest.
    const tagged = external.filter(e => e.stage.pin === 'tagged');
    const advisory = production && tagged.length > 0;
    return {
      status: 'pass' as const,
      summary: `The runtime environment is built from ${listOf(
        paths,
      )} with pinned base images${
        advisory
          ? ` (advisory: ${listOf(tagged.map(t => t.stage.image))} ${
              tagged.length > 1 ? 'have' : 'has'
            } no @sha256: digest, and a tag can be re-pushed)`
          : ''
      }.`,
      evidence: firstN(external, 5).map(e =>
        textLineEvidence(
          snapshot,
          e.path,
          e.stage.line,
          advisory && e.stage.pin === 'tagged'
            ? `Base image ${e.stage.image} is pinned by tag but has no digest`
            : `Base image ${e.stage.image}`,
        ),
      ),
      automation,
    };
  }
  const text = findings.join('; ');
  return {
    status: 'warn' as const,
    score,
    summary: `${listOf(paths)}: ${text}.`,
    evidence: firstN(evidence),
    automation,
  };
}

import { Automation, Evidence } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence, snippet } from '../support';
import {
  automationLines,
  detectServing,
  hasServing,
  lineOf,
  manifests,
  NO_SERVING_SUMMARY,
  projectImports,
  withoutComment,
} from './support';

type RefKind = 'mutable' | 'versioned' | 'alias';

/** MLflow stage or `latest` references: whatever was promoted last is served (Appendix A MUTABLE_MODEL_REF). */
const MUTABLE_MODEL_REF =
  /models:\/[^/"'\s]+\/(?:latest|production|staging)\b|models:\/[^@/"'\s]+@latest\b|(?:^|[/:])[\w.-]+:latest$/i;
const VERSIONED_MODEL_REF =
  /models:\/[^/"'\s]+\/\d+\b|@v\d+(?:\.\d+)*\b|@sha256:[0-9a-f]{12,}|runs:\/[0-9a-f]{16,}\/|\/[0-9a-f]{32}\/artifacts\b/i;
const ALIAS_MODEL_REF = /models:\/[^@/"'\s]+@(?!latest\b)[\w-]+/i;
/** `revision = "v3.2.0"`, `MODEL_VERSION: 1.4.0`, `revision="9b2d41f…"`: a pinned hub revision or version. */
const PINNED_REVISION =
  /(?:revision|version)\w*["']?\s*(?::\s*[\w.[\]]+\s*)?[:=]\s*["']?(?:v?\d+(?:\.\d+){1,3}|[0-9a-f]{7,40})["']?\s*$/i;
const MUTABLE_CODE =
  /\.get_latest_versions\(|\bstages?\s*=\s*\[?\s*["'](?:Production|Staging)["']|\.use_artifact\(\s*["'][^"']{1,120}:latest["']/;
const ROLLBACK = /\broll(?:ing|ed)?[- ]?backs?\b/i;

interface Ref {
  kind: RefKind;
  /** A container image rather than a model reference: it pins the model only when the model is baked in. */
  image?: boolean;
  evidence: Evidence;
}

function classify(value: string): RefKind | undefined {
  if (MUTABLE_MODEL_REF.test(value)) return 'mutable';
  if (ALIAS_MODEL_REF.test(value)) return 'alias';
  if (VERSIONED_MODEL_REF.test(value)) return 'versioned';
  return undefined;
}

/** `repo/name:tag`, `repo/name@sha256:…`, or `repo/name` (implicitly `latest`). */
function classifyImage(image: string): RefKind | undefined {
  if (/\{\{|\$\{|\$\(/.test(image)) return undefined; // templated: decided elsewhere
  if (/@sha256:/.test(image)) return 'versioned';
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  if (!tag || tag === 'latest') return 'mutable';
  return 'versioned';
}

function walk(
  node: unknown,
  visit: (key: string, value: string) => void,
  key = '',
): void {
  if (typeof node === 'string') visit(key, node);
  else if (Array.isArray(node)) node.forEach(n => walk(n, visit, key));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) walk(v, visit, k);
}

const SERVING_KINDS =
  /^(InferenceService|SeldonDeployment|Deployment|Rollout|StatefulSet|ServingRuntime|InferenceGraph|Service)$/;

function modelReferences(facts: RepositoryFacts): Ref[] {
  const refs: Ref[] = [];
  const add = (
    kind: RefKind | undefined,
    evidence: Evidence,
    image = false,
  ) => {
    if (kind) refs.push({ kind, evidence, image });
  };
  const DESCRIPTIONS: Record<RefKind, string> = {
    mutable: 'Mutable model reference',
    alias: 'Alias model reference',
    versioned: 'Versioned model reference',
  };
  const describe = (kind: RefKind | undefined) =>
    DESCRIPTIONS[kind ?? 'versioned'];

  // 1. Deploy manifests: container images, env values, storage URIs, annotations.
  for (const m of manifests(facts)) {
    if (
      !SERVING_KINDS.test(m.kind) ||
      (m.kind === 'Service' && !m.doc.spec?.template)
    )
      continue;
    walk(m.doc, (key, value) => {
      const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const at = () =>
        lineOf(facts, m.path, new RegExp(`${escaped}\\s*["']?\\s*$`));
      const evidence = (what: string) => ({
        message: what,
        path: m.path,
        line: at(),
        snippet: snippet(value),
      });
      if (key === 'image') {
        const kind = classifyImage(value);
        add(
          kind,
          evidence(
            kind === 'mutable' ? 'Mutable image tag' : 'Immutable image tag',
          ),
          true,
        );
      } else {
        const kind = classify(value);
        add(kind, evidence(describe(kind)));
      }
    });
    // `- name: MODEL_REVISION` / `value: v3.2.0`: a pinned revision passed by environment.
    walk(m.doc, (key, value) => {
      if (
        key !== 'name' ||
        !/MODEL.*(?:REVISION|VERSION)|(?:REVISION|VERSION).*MODEL/i.test(value)
      )
        return;
      const lines = (facts.snapshot.readText(m.path) ?? '').split(/\r?\n/);
      const i = lines.findIndex(l => l.includes(value));
      const next = lines[i + 1] ?? '';
      if (
        i >= 0 &&
        /value:\s*["']?(?:v?\d+(?:\.\d+){1,3}|[0-9a-f]{7,40})["']?\s*$/.test(
          next,
        )
      )
        add('versioned', {
          message: 'Pinned model revision',
          path: m.path,
          line: i + 2,
          snippet: snippet(next),
        });
    });
  }

  // 2. Dockerfile ENV/ARG defaults.
  for (const f of facts.dockerfiles) {
    for (const hit of facts.snapshot.search(
      /^\s*(?:ENV|ARG)\s[^\n]{0,200}/m,
      f.path,
    )) {
      const kind = classify(hit.text);
      add(kind, {
        message: describe(kind),
        path: hit.path,
        line: hit.line,
        snippet: snippet(hit.text),
      });
    }
  }

  // 3. Serving code and the project modules it imports (settings, model loaders).
  const servingSide = new Map(facts.servingModules.map(s => [s.path, s]));
  for (const s of facts.servingModules)
    for (const imp of projectImports(facts, s)) {
      const source = facts.python(imp.path);
      if (source && !source.isTest) servingSide.set(imp.path, source);
    }
  for (const source of servingSide.values()) {
    for (const str of source.strings) {
      const kind = classify(str.value);
      add(kind, lineEvidence(source, str.line, describe(kind)));
    }
    source.code.forEach((code, i) => {
      if (MUTABLE_CODE.test(withoutComment(source, i)))
        add(
          'mutable',
          lineEvidence(
            source,
            i + 1,
            'Loads whatever model holds a stage or the latest tag',
          ),
        );
      else if (
        /revision|version/i.test(code) &&
        PINNED_REVISION.test(withoutComment(source, i))
      )
        add('versioned', lineEvidence(source, i + 1, 'Pinned model revision'));
    });
  }
  return refs;
}

const DOC_FILE =
  /(?:^|\/)(?:docs?\/[^/]*|[^/]*runbook[^/]*|[^/]*playbook[^/]*|README|RELEASING|OPERATIONS|DEPLOY\w*)\.(?:md|rst|txt)$|(?:^|\/)(?:README|RUNBOOK)$/i;

function rollbackPath(facts: RepositoryFacts): {
  scripted: Evidence[];
  documented: Evidence[];
} {
  const scripted: Evidence[] = [];
  const seen = new Set<string>();
  for (const l of automationLines(facts)) {
    if (seen.has(l.path)) continue;
    if (
      ROLLBACK.test(l.text) ||
      (/rollback/i.test(l.path) && l.kind === 'ci')
    ) {
      seen.add(l.path);
      scripted.push({
        message: 'Scripted rollback',
        path: l.path,
        line: l.line,
        snippet: snippet(l.text),
      });
    }
  }
  for (const f of facts.snapshot.glob([
    '**/Makefile',
    '**/*rollback*.{sh,py}',
    '**/justfile',
    '**/Taskfile.y{a,}ml',
  ])) {
    const hit = /rollback/i.test(f.path)
      ? undefined
      : facts.snapshot.search(/^[\w-]*roll-?back[\w-]*\s*:/im, f.path)[0];
    if (/rollback/i.test(f.path))
      scripted.push({ message: 'Rollback script', path: f.path });
    else if (hit)
      scripted.push({
        message: 'Rollback target',
        path: hit.path,
        line: hit.line,
        snippet: snippet(hit.text),
      });
  }
  const documented: Evidence[] = [];
  for (const f of facts.snapshot.files()) {
    if (!DOC_FILE.test(f.path)) continue;
    const hit = facts.snapshot.search(ROLLBACK, f.path)[0];
    if (hit)
      documented.push({
        message: 'Documented rollback procedure',
        path: hit.path,
        line: hit.line,
        snippet: snippet(hit.text),
      });
  }
  return { scripted, documented };
}

/**
 * OPS-04 — No rollback path: mutable model references and no rollback runbook
 * or workflow (Breck Infra 7).
 */
export const OPS_04: MlDebtCheck = {
  id: 'OPS-04',
  title: 'No rollback path for served models',
  category: 'operations',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['infra.7'],
  debtType: 'Reproducibility debt; process management debt',
  appliesToExperimental: false,
  rationale:
    'When a bad model reaches production, the fastest fix is to serve the previous one. That only works if the service loads an immutable version (a registry version number, a digest, a pinned revision) rather than "whatever is in Production" or `latest`, and if the team knows and has practised the steps. The ML Test Score asks that serving models can be rolled back and that rollbacks be rehearsed in normal times (Infra 7).',
  references: [
    'Breck et al. 2017, The ML Test Score, Infra 7',
    'MLflow Model Registry documentation (model versions and aliases)',
  ],
  remediation: [
    'Serve immutable model versions: reference `models:/<name>/<version>` or an image digest in the deploy manifest instead of a stage, an alias without history, or `latest`.',
    'Keep the previous N model versions registered and their artefacts retained, so that switching back needs no retraining.',
    'Script the rollback (a workflow or Makefile target that redeploys a given version), document it in a runbook, and rehearse it regularly.',
  ],
  evaluate({ facts }) {
    const serving = detectServing(facts);
    if (!hasServing(serving))
      return { status: 'not-applicable', summary: NO_SERVING_SUMMARY };

    const refs = modelReferences(facts);
    const modelRefs = refs.filter(r => !r.image);
    const images = refs.filter(r => r.image);
    // Images pin the model only when no model reference is loaded at start-up (model baked in).
    const considered = modelRefs.length > 0 ? modelRefs : images;
    const mutable = considered.filter(r => r.kind === 'mutable');
    const versioned = considered.filter(r => r.kind === 'versioned');
    const aliases = considered.filter(r => r.kind === 'alias');
    const { scripted, documented } = rollbackPath(facts);
    const rollback = scripted.length > 0 || documented.length > 0;

    // Aliases (MLflow @champion) are acceptable when a rollback is documented (§7.2 false positives).
    let refScore: number;
    let refText: string;
    if (mutable.length > 0) {
      refScore = versioned.length > 0 || aliases.length > 0 ? 25 : 0;
      refText =
        modelRefs.length > 0
          ? 'the service loads a mutable model reference (a registry stage or `latest`)'
          : 'the serving image is deployed by a mutable tag (`latest` or none)';
    } else if (aliases.length > 0 && versioned.length === 0) {
      refScore = rollback ? 50 : 25;
      refText = rollback
        ? ''
        : 'the service loads a model alias whose history is not documented';
    } else if (versioned.length > 0) {
      refScore = 50;
      refText = '';
    } else {
      refScore = 0;
      refText = 'no versioned model reference was found';
    }
    const score = refScore + (rollback ? 50 : 0);
    const evidence: Evidence[] = [
      ...firstN(mutable, 5).map(r => r.evidence),
      ...firstN([...versioned, ...aliases], 3).map(r => r.evidence),
      ...firstN(scripted, 2),
      ...firstN(documented, 2),
    ];
    let automation: Automation = 'none';
    if (scripted.length > 0) automation = 'automated';
    else if (documented.length > 0) automation = 'manual';
    if (score === 100) {
      return {
        status: 'pass',
        summary: `The service loads immutable model versions and the rollback is ${
          scripted.length > 0 ? 'scripted' : 'documented'
        }.`,
        evidence,
        automation,
      };
    }
    const problems = [
      refText,
      rollback ? '' : 'no rollback workflow, script or runbook exists',
    ].filter(Boolean);
    const sentence = problems.join('; ');
    return {
      status: score === 0 ? 'fail' : 'warn',
      score,
      summary: `No reliable rollback path: ${sentence}.`,
      evidence,
      automation,
    };
  },
};

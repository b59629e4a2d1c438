import { Entity } from '@backstage/catalog-model';
import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { codeMatches } from '../../analysis/sourceText';
import { CheckContext, MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence, matchEvidence } from '../support';
import { FIELD, findRelated, relatedRefs } from './support';

/** Calls that read from a warehouse, lake, stream or feature store (card K-signal, code part). */
const DATA_READ_CALL =
  /\bread_sql(?:_query|_table)?\(|\bread_gbq\(|\bbigquery\.Client\(|\bsnowflake\.connector\b|\bspark\.(?:read\b|table\()|\bget_(?:historical|online)_features\(|\bKafkaConsumer\(|\bcreate_engine\(|\bpsycopg2?\.connect\(/;

/** Remote storage URIs (card K-signal, string part); matched in string literals only. */
const DATA_URI = /\b(?:s3a?|gs|abfss?|hdfs|dbfs):\/\/[^\s"']{1,200}/;
const HTTP_READ = /\bread_(?:csv|parquet|json)\(/;

/** URIs of model artefacts are not input data (e.g. `s3://ml-artifacts/model.pkl`). */
const ARTIFACT_URI =
  /model|artifact|mlflow|checkpoint|\.(?:pkl|pickle|joblib|pt|pth|onnx|h5|bin|safetensors)\b/i;

/** Config files that can name input locations. */
const CONFIG_GLOBS = [
  '**/*.yaml',
  '**/*.yml',
  '**/*.toml',
  '**/*.json',
  '**/*.cfg',
  '**/*.ini',
];
const NOT_DATA_CONFIG =
  /^\.github\/|^\.gitlab-ci|(?:^|\/)\.dvc\/|(?:^|\/)catalog-info[^/]*\.ya?ml$|(?:^|\/)(?:package|tsconfig)\.json$/;

/** Resource types that model a data dependency (the card's stricter variant). */
const DATA_RESOURCE_TYPES = new Set([
  'dataset',
  'database',
  'table',
  'topic',
  'feature-view',
  'feature-store',
  'bucket',
  'stream',
  'warehouse',
  'data-lake',
]);

const MODEL_COMPONENT = /^(?:ml-model|model|ml-service)$/i;

function dataReads(ctx: CheckContext): Evidence[] {
  const evidence: Evidence[] = [];
  for (const source of ctx.facts.productionSources) {
    const uriLines = new Map<number, string>();
    for (const s of source.strings) {
      if (s.docstring) continue;
      const uri = DATA_URI.exec(s.value)?.[0];
      if (uri && !ARTIFACT_URI.test(uri)) uriLines.set(s.line, uri);
      else if (
        /^https?:\/\//.test(s.value) &&
        HTTP_READ.test(source.code[s.line - 1] ?? '')
      )
        uriLines.set(s.line, s.value);
    }
    // Most modules read no external data: one prefiltered test of the whole code first.
    const reads = codeMatches(source, DATA_READ_CALL);
    if (!reads && uriLines.size === 0) continue;
    source.code.forEach((code, i) => {
      const call = reads ? DATA_READ_CALL.exec(code)?.[0] : undefined;
      const uri = uriLines.get(i + 1);
      if (call || uri) {
        evidence.push(
          lineEvidence(
            source,
            i + 1,
            call
              ? `Reads external data (${call.replace(/\($/, '')}).`
              : `Reads external data from ${uri}.`,
          ),
        );
      }
    });
  }
  for (const match of ctx.snapshot.search(DATA_URI, CONFIG_GLOBS)) {
    if (NOT_DATA_CONFIG.test(match.path) || ARTIFACT_URI.test(match.match))
      continue;
    if (/^\s*#/.test(match.text)) continue;
    evidence.push(
      matchEvidence(
        match,
        `Configures an external data location (${match.match}).`,
      ),
    );
  }
  return evidence;
}

function isModelComponent(entity: Entity): boolean {
  const type = entity.spec?.type;
  const tags = entity.metadata.tags ?? [];
  return (
    (typeof type === 'string' && MODEL_COMPONENT.test(type)) ||
    tags.some(t => /^(?:ml-model|model)$/i.test(t))
  );
}

/**
 * CAT-04 — Undeclared data dependencies. Code or configuration that reads a
 * warehouse, lake, stream or feature store while the entity declares no
 * Resource in `spec.dependsOn`. Also reports correction cascades: this model
 * depending on another model component.
 */
export const CAT_04: MlDebtCheck = {
  id: 'CAT-04',
  title: 'Code reads external data but no data dependency is declared',
  category: 'catalog',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['monitor.1', 'data.4'],
  debtType: 'Unstable data dependencies; static analysis of data dependencies',
  appliesToExperimental: false,
  rationale:
    'Data dependencies cost more than code dependencies: an upstream table, topic or bucket that changes silently changes the model, and nothing tells the team. Sculley et al. (2015, §3) recommend making data dependencies explicit so they can be analysed like code dependencies; declaring them as Resource entities lets the catalog show who produces the data and whom to notify (Breck et al. 2017, Monitor 1).',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §3 (unstable and underutilised data dependencies, static analysis of data dependencies), §2 (correction cascades)',
    'Breck et al. 2017, The ML Test Score, Monitor 1 and Data 4',
    'Backstage descriptor format: kind Resource, spec.dependsOn',
  ],
  remediation: [
    'Model every dataset, table, topic and bucket the service reads as a Resource entity with an owning team.',
    'List those Resources in the service’s spec.dependsOn so the catalog shows its data lineage.',
    'Version the inputs (see VER-01) so a training run can name the exact data it used.',
    'Subscribe the owning team to change notifications from the Resource owners (Breck Monitor 1).',
  ],
  evaluate(ctx) {
    const entity = ctx.entity!;
    const reads = dataReads(ctx);
    const deps = relatedRefs(entity, 'dependsOn', 'dependsOn', 'component');
    const resources = deps.filter(d => d.kind === 'resource');
    const cascades: Evidence[] = deps
      .filter(d => d.kind === 'component')
      .map(d => findRelated(ctx, d.ref))
      .filter((e): e is Entity => e !== undefined && isModelComponent(e))
      .map(e => ({
        message: `Depends on the model component ${e.metadata.name}: a correction cascade if this model learns from or corrects its output.`,
        path: FIELD.dependsOn,
        snippet: `component:${e.metadata.name}`,
      }));
    const readEvidence = firstN(reads, 10);

    if (reads.length > 0 && resources.length === 0) {
      const upstream = [
        ...deps.filter(d => d.kind === 'component').map(d => d.ref),
        ...relatedRefs(entity, 'consumesApis', 'consumesApi', 'api').map(
          d => d.ref,
        ),
      ];
      if (upstream.length > 0) {
        return {
          status: 'warn',
          summary: `The code reads external data in ${
            reads.length
          } place(s) and spec.dependsOn lists no Resource; the data may come through the declared upstream ${upstream.join(
            ', ',
          )}.`,
          evidence: [...readEvidence, ...cascades],
        };
      }
      return {
        status: 'fail',
        summary: `The code reads external data in ${reads.length} place(s), but spec.dependsOn declares no data Resource.`,
        evidence: [
          {
            message: 'No Resource is declared in spec.dependsOn.',
            path: FIELD.dependsOn,
          },
          ...readEvidence,
          ...cascades,
        ],
      };
    }

    const resolved = resources
      .map(r => findRelated(ctx, r.ref))
      .filter((e): e is Entity => e !== undefined);
    const dataResources = resolved.filter(e => {
      const type = e.spec?.type;
      return (
        typeof type === 'string' &&
        DATA_RESOURCE_TYPES.has(type.toLocaleLowerCase('en-US'))
      );
    });
    const resourceEvidence: Evidence[] = resources.map(r => ({
      message: `Declares the data dependency ${r.ref}.`,
      path: FIELD.dependsOn,
      snippet: r.ref,
    }));

    if (reads.length > 0 && resolved.length > 0 && dataResources.length === 0) {
      return {
        status: 'warn',
        summary: `The declared Resources (${resources
          .map(r => r.ref)
          .join(
            ', ',
          )}) are none of a data type (dataset, database, table, topic, feature-view, bucket).`,
        evidence: [...resourceEvidence, ...readEvidence, ...cascades],
      };
    }
    if (cascades.length > 0) {
      return {
        status: 'warn',
        summary:
          'The service depends on another model component: a possible correction cascade.',
        evidence: [...cascades, ...resourceEvidence],
      };
    }
    return {
      status: 'pass',
      summary:
        reads.length === 0
          ? 'No read of an external data source was found in the code or configuration.'
          : `Reads external data and declares ${resources.length} data Resource(s) in spec.dependsOn.`,
      evidence: [...resourceEvidence, ...readEvidence],
    };
  },
};

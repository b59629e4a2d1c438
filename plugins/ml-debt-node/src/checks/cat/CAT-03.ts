import { Entity } from '@backstage/catalog-model';
import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { CheckContext, MlDebtCheck } from '../../engine/types';
import { codeLinesMatching, firstN, lineEvidence } from '../support';
import {
  catalogResolved,
  EntityRefParts,
  FIELD,
  findRelated,
  refOf,
  relatedRefs,
  relationTargets,
} from './support';

/** Request/response serving: an HTTP or RPC endpoint someone calls. */
const ONLINE_SERVING =
  /FastAPI\(|Flask\(|APIRouter\(|@\w+\.(?:get|post|put|route)\(|bentoml\.service|kserve\.Model\b|grpc\.server\(|^def (?:init|run)\(/;

/** Batch scoring writes its predictions to a table or a bucket instead. */
const TABLE_WRITE =
  /\.to_sql\(|\.to_gbq\(|\.write\.|\.insertInto\(|\.saveAsTable\(|insert_rows|load_table_from_dataframe|write_pandas\(|\.to_parquet\(|\.put_object\(/;

/** APIs meant for consumers outside the catalog (the card's "public APIs" guard). */
function isPublicApi(api: Entity): boolean {
  const tags = (api.metadata.tags ?? []).map(t => t.toLocaleLowerCase('en-US'));
  return (
    tags.includes('public') ||
    tags.includes('external') ||
    api.metadata.annotations?.['ml-debt.io/public-api'] === 'true'
  );
}

function servingEvidence(source: PythonSource, message: string): Evidence {
  const line = codeLinesMatching(source, ONLINE_SERVING)[0];
  return line
    ? lineEvidence(source, line, message)
    : { message, path: source.path };
}

/**
 * The card's batch guard: predictions written to a table are declared when
 * the service `dependsOn` a Resource that other entities declare a dependency
 * on too (its readers).
 */
function declaredTableReaders(ctx: CheckContext, entity: Entity): Evidence[] {
  const self = refOf(entity);
  const evidence: Evidence[] = [];
  for (const dep of relatedRefs(
    entity,
    'dependsOn',
    'dependsOn',
    'component',
  )) {
    if (dep.kind !== 'resource') continue;
    const resource = findRelated(ctx, dep.ref);
    if (!resource) continue;
    const readers = relationTargets(resource, 'dependencyOf', 'component')
      .map(r => r.ref)
      .filter(r => r !== self);
    if (readers.length > 0) {
      evidence.push({
        message: `Output resource ${
          dep.ref
        } has declared readers: ${readers.join(', ')}.`,
        path: FIELD.dependsOn,
        snippet: dep.ref,
      });
    }
  }
  return evidence;
}

/**
 * CAT-03 — Undeclared consumers. A serving component must provide an API
 * entity, and that API must have declared consumers (`apiConsumedBy`), or
 * its callers are invisible to the team that changes the model.
 */
export const CAT_03: MlDebtCheck = {
  id: 'CAT-03',
  title: 'Serving component has no provided API or no declared consumers',
  category: 'catalog',
  weight: 2,
  confidence: 'medium',
  mlTestScore: ['monitor.1'],
  debtType: 'Undeclared consumers; hidden feedback loops',
  appliesToExperimental: false,
  rationale:
    'When other systems silently consume a model’s predictions, every change to the model changes them too, and their use of the predictions can feed back into the model’s own training data. Sculley et al. (2015, §2 and §4) call these undeclared consumers and hidden feedback loops; declaring the prediction endpoint as an API entity with consumers makes that coupling visible and reviewable.',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §2 (undeclared consumers), §4 (hidden feedback loops)',
    'Backstage descriptor format: spec.providesApis, spec.consumesApis, relation apiConsumedBy',
  ],
  remediation: [
    'Register an API entity (OpenAPI, gRPC or AsyncAPI) for the prediction endpoint, or for the output table of a batch-scoring job, and list it in spec.providesApis.',
    'Ask every consuming team to declare the API in its own spec.consumesApis, so the catalog shows who depends on the predictions.',
    'Enforce authentication and authorisation on the endpoint so that only declared consumers can call it.',
    'Publish an SLO and a deprecation policy for the API so consumers know what a model change means for them.',
  ],
  evaluate(ctx) {
    const entity = ctx.entity!;
    const serving = ctx.facts.servingModules;
    if (serving.length === 0) {
      return {
        status: 'not-applicable',
        summary:
          'No serving code was found, so there are no consumers to declare.',
      };
    }
    const servingEv = firstN(serving, 3).map(s =>
      servingEvidence(s, 'Serving module.'),
    );
    const online = serving.some(
      s => codeLinesMatching(s, ONLINE_SERVING).length > 0,
    );
    const apis: EntityRefParts[] = relatedRefs(
      entity,
      'providesApis',
      'providesApi',
      'api',
    );

    if (apis.length === 0) {
      if (!online) {
        const writes = serving.find(
          s => codeLinesMatching(s, TABLE_WRITE).length > 0,
        );
        const readers = declaredTableReaders(ctx, entity);
        if (writes && readers.length > 0) {
          return {
            status: 'pass',
            summary:
              'Batch scoring writes predictions to a Resource whose readers are declared in the catalog.',
            evidence: [
              lineEvidence(
                writes,
                codeLinesMatching(writes, TABLE_WRITE)[0],
                'Predictions are written to a table.',
              ),
              ...readers,
            ],
          };
        }
      }
      return {
        status: 'fail',
        summary:
          'The service serves predictions but provides no API entity (spec.providesApis is empty), so its consumers are undeclared.',
        evidence: [
          { message: 'No provided API is declared.', path: FIELD.providesApis },
          ...servingEv,
        ],
      };
    }

    const apiEvidence: Evidence[] = [];
    let judged = 0;
    let withConsumers = 0;
    for (const api of apis) {
      const apiEntity = findRelated(ctx, api.ref);
      if (!apiEntity) {
        apiEvidence.push({
          message: `Provides ${api.ref}; its consumers could not be checked (API entity not supplied).`,
          path: FIELD.providesApis,
          snippet: api.ref,
        });
        continue;
      }
      judged++;
      const consumers = relationTargets(
        apiEntity,
        'apiConsumedBy',
        'component',
      );
      if (consumers.length > 0 || isPublicApi(apiEntity)) {
        withConsumers++;
        apiEvidence.push({
          message:
            consumers.length > 0
              ? `${api.ref} is consumed by ${consumers
                  .map(c => c.ref)
                  .join(', ')}.`
              : `${api.ref} is a public API; its consumers live outside the catalog.`,
          path: FIELD.providesApis,
          snippet: api.ref,
        });
      } else {
        apiEvidence.push({
          message: `${api.ref} has no declared consumers (no apiConsumedBy relations).`,
          path: FIELD.providesApis,
          snippet: api.ref,
        });
      }
    }

    if (judged === 0) {
      return {
        status: 'pass',
        summary: `Provides ${apis.map(a => a.ref).join(', ')}; ${
          catalogResolved(ctx)
            ? 'the API entities were not among the resolved entities'
            : 'no catalog relations were supplied'
        }, so declared consumers were not checked.`,
        evidence: apiEvidence,
      };
    }
    if (withConsumers === judged) {
      return {
        status: 'pass',
        summary: `Every provided API has declared consumers (${judged} checked).`,
        evidence: apiEvidence,
      };
    }
    if (withConsumers === 0) {
      return {
        status: 'fail',
        summary: `The provided API${
          judged > 1 ? 's have' : ' has'
        } no declared consumers: whoever calls the model is invisible in the catalog.`,
        evidence: [...apiEvidence, ...servingEv],
      };
    }
    return {
      status: 'warn',
      score: (100 * withConsumers) / judged,
      summary: `${
        judged - withConsumers
      } of ${judged} provided APIs have no declared consumers.`,
      evidence: apiEvidence,
    };
  },
};

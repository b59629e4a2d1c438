import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  FactRetriever,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { BUILTIN_CHECKS } from '@ml-debt/plugin-ml-debt-node';
import knexFactory from 'knex';

/** Id of the bench's fact retriever in Tech Insights. */
export const FACT_RETRIEVER_ID = 'mlDebtChecks';

/**
 * Equivalent boolean facts for Tech Insights: one fact per ml-debt check,
 * true when the service's latest scorecard does not fail or warn on it. The
 * retriever reads the same seeded estate as the ml-debt backend serves (the
 * database named in `mlDebtBench.factsFrom`), so both products answer for
 * the same 10,000 services and the same outcomes.
 */
export function mlDebtChecksFactRetriever(config: Config): FactRetriever {
  return {
    id: FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'ML debt checks',
    description: 'Whether each ML debt check passes for the service',
    entityFilter: [{ kind: 'component' }],
    schema: Object.fromEntries(
      BUILTIN_CHECKS.map(check => [
        check.id,
        { type: 'boolean', description: check.title },
      ]),
    ),
    async handler() {
      const db = knexFactory({
        client: 'pg',
        connection: config.get('mlDebtBench.factsFrom') as object,
        pool: { min: 0, max: 1 },
      });
      try {
        const rows: Array<{
          entity_ref: string;
          check_id: string;
          status: string;
        }> = await db('scorecard_checks as c')
          .join('scorecards as s', 's.entity_ref', 'c.entity_ref')
          .select('c.entity_ref', 'c.check_id', 'c.status');
        const byEntity = new Map<string, Record<string, boolean>>();
        for (const row of rows) {
          const facts = byEntity.get(row.entity_ref) ?? {};
          facts[row.check_id] = row.status !== 'fail' && row.status !== 'warn';
          byEntity.set(row.entity_ref, facts);
        }
        return [...byEntity].map(([ref, facts]) => {
          const { kind, namespace, name } = parseEntityRef(ref);
          return { entity: { kind, namespace, name }, facts };
        });
      } finally {
        await db.destroy();
      }
    },
  };
}

/** Registers {@link mlDebtChecksFactRetriever} with the Tech Insights backend. */
export const mlDebtFactsModule = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'ml-debt-bench-facts',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        retrievers: techInsightsFactRetrieversExtensionPoint,
      },
      async init({ config, retrievers }) {
        retrievers.addFactRetrievers({
          [FACT_RETRIEVER_ID]: mlDebtChecksFactRetriever(config),
        });
      },
    });
  },
});

/** The json-rules-engine checks: one per ml-debt check, passing when its fact is true. */
export function techInsightsChecks() {
  return Object.fromEntries(
    BUILTIN_CHECKS.map(check => [
      check.id,
      {
        type: 'json-rules-engine',
        name: check.title,
        description: check.rationale.slice(0, 200),
        factIds: [FACT_RETRIEVER_ID],
        rule: {
          conditions: {
            all: [{ fact: check.id, operator: 'equal', value: true }],
          },
        },
      },
    ]),
  );
}

import { Config } from '@backstage/config';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  isMlService,
  ML_DEBT_CATALOG_WARNINGS_ANNOTATION,
  ML_DEBT_ENABLED_ANNOTATION,
  ML_DEBT_GRADE_LABEL,
  ML_DEBT_SCORE_LABEL,
  MlServiceRules,
} from '@ml-debt/plugin-ml-debt-common';
import { readMlServiceRules } from '@ml-debt/plugin-ml-debt-node';
import { ScorecardLabelLookup } from '../labels/ScorecardLabelReader';
import {
  CatalogRules,
  CatalogRuleViolation,
  evaluateCatalogRules,
  readCatalogRules,
} from '../rules/catalogRules';

/** Where the processor gets a service's grade and score from. */
export interface ScorecardLabelSource {
  read(ref: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<ScorecardLabelLookup>;
}

/**
 * Applies the ML Debt Scorecards ingestion rules to catalog entities.
 *
 * - Every entity: a malformed opt-in annotation (a typo such as `"yes"` would
 *   silently leave a service out of every scorecard) is a processing error.
 * - ML services (the shared `isMlService`, with `mlDebt.discovery`): the
 *   `mlDebt.catalogRules`. Broken `error` rules throw an InputError, so the
 *   catalog keeps the previous version and shows the error on the entity;
 *   broken `warning` rules are written to the `ml-debt.io/catalog-warnings`
 *   annotation. Then the `ml-debt.io/grade` and `ml-debt.io/score` labels are
 *   set from the ml-debt backend, when it has scanned the service.
 */
export class MlDebtEntityProcessor implements CatalogProcessor {
  static fromConfig(
    config: Config,
    options: { labels?: ScorecardLabelSource } = {},
  ): MlDebtEntityProcessor {
    return new MlDebtEntityProcessor(
      readMlServiceRules(config),
      readCatalogRules(config),
      options.labels,
    );
  }

  constructor(
    readonly rules: MlServiceRules,
    readonly catalogRules: CatalogRules,
    private readonly labels?: ScorecardLabelSource,
  ) {}

  getProcessorName(): string {
    return 'MlDebtEntityProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const optIn = entity.metadata.annotations?.[ML_DEBT_ENABLED_ANNOTATION];
    if (optIn !== undefined && optIn !== 'true' && optIn !== 'false') {
      emit(
        processingResult.inputError(
          location,
          `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
            entity.metadata.name
          } has annotation ${ML_DEBT_ENABLED_ANNOTATION}: "${optIn}"; set it to "true" to scan this entity for ML debt or "false" to opt it out`,
        ),
      );
      return entity;
    }
    if (!isMlService(entity, this.rules)) {
      return entity;
    }

    const violations = evaluateCatalogRules(
      entity,
      this.catalogRules,
      location.target,
    );
    const errors = violations.filter(v => v.severity === 'error');
    if (errors.length > 0) {
      throw new InputError(
        `ML service breaks ${
          errors.length
        } ML Debt catalog rule(s) (mlDebt.catalogRules): ${errors
          .map(e => `[${e.rule}${e.check ? `, ${e.check}` : ''}] ${e.message}`)
          .join('; ')}`,
      );
    }
    const warnings = violations.filter(v => v.severity === 'warning');
    const lookup = this.labels
      ? await this.labels.read(getCompoundEntityRef(entity))
      : undefined;
    return withRuleWarningsAndLabels(entity, warnings, lookup);
  }
}

function withRuleWarningsAndLabels(
  entity: Entity,
  warnings: CatalogRuleViolation[],
  lookup: ScorecardLabelLookup,
): Entity {
  if (warnings.length === 0 && !lookup) {
    return entity;
  }
  const metadata = { ...entity.metadata };
  if (warnings.length > 0) {
    metadata.annotations = {
      ...metadata.annotations,
      [ML_DEBT_CATALOG_WARNINGS_ANNOTATION]: JSON.stringify(
        warnings.map(({ rule, check, message }) => ({
          rule,
          ...(check ? { check } : {}),
          message,
        })),
      ),
    };
  }
  if (lookup) {
    metadata.labels = {
      ...metadata.labels,
      [ML_DEBT_GRADE_LABEL]: lookup.grade,
      [ML_DEBT_SCORE_LABEL]: lookup.score,
    };
  }
  return { ...entity, metadata };
}

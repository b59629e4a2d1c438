import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ML_DEBT_ENABLED_ANNOTATION,
  MlServiceRules,
} from '@ml-debt/plugin-ml-debt-common';
import { readMlServiceRules } from '@ml-debt/plugin-ml-debt-node';

/**
 * Applies the ML Debt Scorecards ingestion rules to catalog entities.
 *
 * Today it guards the opt-in annotation: a value other than `"true"` or `"false"`
 * (a typo such as `"yes"`) would silently leave a service out of every scorecard,
 * so the entity gets a processing error that says how to fix it.
 */
export class MlDebtEntityProcessor implements CatalogProcessor {
  static fromConfig(config: Config): MlDebtEntityProcessor {
    return new MlDebtEntityProcessor(readMlServiceRules(config));
  }

  constructor(readonly rules: MlServiceRules) {}

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
    }
    return entity;
  }
}

import { Entity } from '@backstage/catalog-model';
import { EntityFilter } from '@backstage/plugin-catalog-react';
import { ML_DEBT_GRADE_LABEL } from '@ml-debt/plugin-ml-debt-common';

/** The catalog field the grade filter queries (a label the catalog module sets). */
export const ML_DEBT_GRADE_FIELD = `metadata.labels.${ML_DEBT_GRADE_LABEL}`;

/**
 * Catalog list filter on the ML debt grade: entities whose
 * `ml-debt.io/grade` label is one of the selected grades. It is applied by the
 * catalog backend (`getCatalogFilters`), so paging and counts stay right.
 *
 * @public
 */
export class EntityMlDebtGradeFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  getCatalogFilters(): Record<string, string[]> {
    return { [ML_DEBT_GRADE_FIELD]: this.values };
  }

  filterEntity(entity: Entity): boolean {
    // The catalog matches filter values case-insensitively; so does this.
    const grade = entity.metadata.labels?.[ML_DEBT_GRADE_LABEL]?.toUpperCase();
    return (
      grade !== undefined && this.values.some(v => v.toUpperCase() === grade)
    );
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

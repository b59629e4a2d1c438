import {
  DefaultEntityFilters,
  EntityAutocompletePicker,
} from '@backstage/plugin-catalog-react';
import {
  EntityMlDebtGradeFilter,
  ML_DEBT_GRADE_FIELD,
} from './EntityMlDebtGradeFilter';

/**
 * The catalog list filters with the ML debt grade.
 *
 * @public
 */
export type MlDebtGradeFilters = DefaultEntityFilters & {
  mlDebtGrade?: EntityMlDebtGradeFilter;
};

/**
 * Catalog index-page filter on the ML debt grade (the `ml-debt.io/grade`
 * label): offers the grades present in the catalog with their counts, and
 * keeps the selection in the `filters[mlDebtGrade]` query parameter. Use it
 * in a legacy `CatalogIndexPage`'s `filters`; apps on the new frontend system
 * get it from the plugin's catalog-filter extension.
 *
 * @public
 */
export function EntityMlDebtGradePicker(props: {
  initialFilter?: string[];
  hidden?: boolean;
}) {
  return (
    <EntityAutocompletePicker<MlDebtGradeFilters, 'mlDebtGrade'>
      label="ML debt grade"
      name="mlDebtGrade"
      path={ML_DEBT_GRADE_FIELD}
      Filter={EntityMlDebtGradeFilter}
      showCounts
      initialSelectedOptions={props.initialFilter}
      hidden={props.hidden}
    />
  );
}

export {
  EntityMlDebtGradePicker,
  type MlDebtGradeFilters,
} from './EntityMlDebtGradePicker';
export {
  EntityMlDebtGradeFilter,
  ML_DEBT_GRADE_FIELD,
} from './EntityMlDebtGradeFilter';

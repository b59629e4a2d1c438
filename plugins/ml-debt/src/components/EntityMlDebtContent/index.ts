export { EntityMlDebtContent } from './EntityMlDebtContent';

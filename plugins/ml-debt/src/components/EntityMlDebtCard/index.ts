export { EntityMlDebtCard } from './EntityMlDebtCard';

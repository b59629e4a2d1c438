export { CatalogRuleWarnings } from './CatalogRuleWarnings';

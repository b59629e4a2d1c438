export {
  evaluateMllintRules,
  DEFAULT_MLLINT_OPTIONS,
  MLLINT_RULES,
  SHOULD_BE_DEV_DEPENDENCIES,
} from './evaluateMllintRules';
export type { MllintOptions } from './evaluateMllintRules';
export { parseJUnitTotals, parseCoberturaLineRate } from './reports';
export type { JUnitTotals } from './reports';

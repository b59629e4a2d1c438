export { mlDebtPlugin as default } from './plugin';

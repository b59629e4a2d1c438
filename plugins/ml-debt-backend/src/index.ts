export { mlDebtPlugin as default } from './plugin';
export * from './permissions';

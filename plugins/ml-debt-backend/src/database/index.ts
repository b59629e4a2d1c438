export * from './MlDebtStore';
export { DatabaseMlDebtStore } from './DatabaseMlDebtStore';

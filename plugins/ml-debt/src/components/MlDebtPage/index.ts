export { MlDebtPage } from './MlDebtPage';

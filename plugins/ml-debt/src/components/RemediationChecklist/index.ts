export { RemediationChecklist } from './RemediationChecklist';

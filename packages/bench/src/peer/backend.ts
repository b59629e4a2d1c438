/*
 * The peer: a backend with Backstage Tech Insights and its json-rules-engine
 * fact checker, as installed from the npm registry, plus the bench's fact
 * retriever. Started by the bench with its own configuration.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mlDebtFactsModule } from './facts';

const backend = createBackend();
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(mlDebtFactsModule);
backend.start();

/*
 * The portal backend: only what the ML Debt Scorecards product needs.
 *
 * - app: serves the built frontend in production builds;
 * - auth with the guest provider, for local use and the demo;
 * - catalog, with the processing-error log and our ingestion-rules module;
 * - permissions, with the policy in ./permissionPolicy;
 * - the ml-debt plugin itself.
 */
import { createBackend } from '@backstage/backend-defaults';
import { permissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@ml-debt/plugin-catalog-backend-module-ml-debt'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

backend.add(import('@ml-debt/plugin-ml-debt-backend'));

backend.start();

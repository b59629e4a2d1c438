import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

/**
 * The portal app. Frontend plugins that `packages/app` depends on (org, API docs,
 * ml-debt) are discovered through `app.packages: all` in app-config.yaml.
 */
export default createApp({
  features: [catalogPlugin, navModule],
});

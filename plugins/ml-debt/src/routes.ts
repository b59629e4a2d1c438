import { createRouteRef } from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();

/** The "ML Debt" tab of an ML service's entity page. */
export const entityContentRouteRef = createRouteRef();

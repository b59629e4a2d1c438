import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { MlServiceDiscovery } from './discovery/MlServiceDiscovery';

/** The REST API of the ml-debt plugin, mounted at `/api/ml-debt`. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  discovery: MlServiceDiscovery;
}): Promise<express.Router> {
  const { httpAuth, discovery } = options;
  const router = Router();
  router.use(express.json());

  // The ML services the scanner tracks, as the caller is allowed to see them.
  router.get('/services', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json({ items: await discovery.listServices(credentials) });
  });

  return router;
}

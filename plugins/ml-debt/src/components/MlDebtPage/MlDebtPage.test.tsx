import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { MlDebtClient, mlDebtApiRef } from '../../api/MlDebtApi';
import { MlDebtPage } from './MlDebtPage';

const client = new MlDebtClient({
  discoveryApi: {
    getBaseUrl: async (pluginId: string) =>
      `http://localhost:7007/api/${pluginId}`,
  } as typeof discoveryApiRef.T,
  fetchApi: { fetch: (...args) => fetch(...args) } as typeof fetchApiRef.T,
});

function renderPage() {
  return renderInTestApp(<MlDebtPage />, {
    apis: [[mlDebtApiRef, client]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('MlDebtPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists the ML services the backend tracks', async () => {
    server.use(
      http.get('http://localhost:7007/api/ml-debt/services', () =>
        HttpResponse.json({
          items: [
            {
              entityRef: 'component:default/fraud-detection',
              title: 'Fraud detection',
              type: 'ml-model',
              owner: 'group:default/fraud-ml',
              system: 'fraud-prevention',
              lifecycle: 'production',
            },
          ],
        }),
      ),
    );

    await renderPage();

    expect(await screen.findByText('Fraud detection')).toBeInTheDocument();
    expect(screen.getByText('ML services (1)')).toBeInTheDocument();
    expect(screen.getByText('fraud-prevention')).toBeInTheDocument();
  });

  it('explains what to do when there are no ML services', async () => {
    server.use(
      http.get('http://localhost:7007/api/ml-debt/services', () =>
        HttpResponse.json({ items: [] }),
      ),
    );

    await renderPage();

    expect(await screen.findByText('No ML services yet')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(
      http.get('http://localhost:7007/api/ml-debt/services', () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'catalog unavailable' } },
          { status: 503 },
        ),
      ),
    );

    await renderPage();

    expect(await screen.findByText(/catalog unavailable/)).toBeInTheDocument();
  });
});

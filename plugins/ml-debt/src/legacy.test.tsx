import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { mlDebtApiRef } from './api/MlDebtApi';
import { EntityMlDebtCard, isMlService, mlDebtLegacyPlugin } from './index';
import { mlDebtEntityCard, mlDebtEntityContent } from './plugin';
import {
  fraudDetection,
  makeScorecard,
  paymentsGateway,
  SERVICE_URL,
} from './components/EntityMlDebtContent/__testUtils__/testFixtures';
import { renderForEntity } from './components/EntityMlDebtContent/__testUtils__/testUtils';

describe('the new frontend system extensions', () => {
  it('put the ML Debt tab at ml-debt on ML services only', () => {
    const tester = createExtensionTester(mlDebtEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('ML Debt');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    if (!filter) throw new Error('The tab has no entity filter');
    expect(filter(fraudDetection)).toBe(true);
    expect(filter(paymentsGateway)).toBe(false);
  });

  it('put the overview card on ML services only', () => {
    const tester = createExtensionTester(mlDebtEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    if (!filter) throw new Error('The card has no entity filter');
    expect(filter(fraudDetection)).toBe(true);
    expect(filter(paymentsGateway)).toBe(false);
  });
});

describe('the legacy frontend system plugin', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('provides the API client factory and exports the isMlService condition', () => {
    const apis = [...mlDebtLegacyPlugin.getApis()];
    expect(apis.map(a => a.api.id)).toEqual([mlDebtApiRef.id]);
    expect(isMlService(fraudDetection)).toBe(true);
  });

  it('renders the card extension', async () => {
    server.use(http.get(SERVICE_URL, () => HttpResponse.json(makeScorecard())));
    await renderForEntity(<EntityMlDebtCard />);
    expect(
      await screen.findByRole('list', { name: 'Top items to fix' }),
    ).toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityMlDebtContent } from './EntityMlDebtContent';
import {
  history,
  makeScorecard,
  SERVICE_URL,
} from './__testUtils__/testFixtures';
import {
  installNoLayoutResizeObserver,
  renderForEntity,
} from './__testUtils__/testUtils';

// A file of its own: usePermission caches decisions (SWR) per permission and
// resource for the whole module, so a DENY cannot follow an ALLOW in one file.
describe('EntityMlDebtContent with a restrictive permission policy', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeAll(installNoLayoutResizeObserver);

  function serveScorecard() {
    server.use(
      http.get(SERVICE_URL, () => HttpResponse.json(makeScorecard())),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: history }),
      ),
    );
  }

  function render(options: { authorize: AuthorizeResult.DENY }) {
    return renderForEntity(<EntityMlDebtContent />, options);
  }

  it('disables waive and rescan when the permission policy denies them', async () => {
    serveScorecard();
    await render({ authorize: AuthorizeResult.DENY });

    const waive = await screen.findByRole('button', { name: 'Waive REP-02' });
    await waitFor(() => expect(waive).toBeDisabled());
    expect(
      screen.getByRole('button', { name: 'Rescan this service now' }),
    ).toBeDisabled();
  });
});

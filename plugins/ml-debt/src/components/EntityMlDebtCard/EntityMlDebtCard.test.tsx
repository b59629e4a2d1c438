import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { EntityMlDebtCard } from './EntityMlDebtCard';
import {
  makeScorecard,
  paymentsGateway,
  SERVICE_URL,
  waiverOf,
} from '../EntityMlDebtContent/__testUtils__/testFixtures';
import {
  errorBody,
  renderForEntity,
} from '../EntityMlDebtContent/__testUtils__/testUtils';

describe('EntityMlDebtCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows score, grade, trend, the top three items to fix and a link to the tab', async () => {
    const scorecard = makeScorecard();
    server.use(http.get(SERVICE_URL, () => HttpResponse.json(scorecard)));
    await renderForEntity(<EntityMlDebtCard />);

    expect(
      await screen.findByLabelText(
        `Health score ${scorecard.score} out of 100`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText(`Grade ${scorecard.grade}`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Down 4.5 since the previous scan' }),
    ).toBeInTheDocument();
    const items = within(
      screen.getByRole('list', { name: 'Top items to fix' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringContaining('Unpinned dependencies and no lock file'),
      expect.stringContaining('No model card'),
      expect.stringContaining('No model monitoring'),
    ]);
    expect(
      screen.getByRole('link', { name: /View the ML debt scorecard/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-detection/ml-debt',
    );
  });

  it('leaves waived checks out of the items to fix, and shows a rising score', async () => {
    server.use(
      http.get(SERVICE_URL, () =>
        HttpResponse.json({
          ...makeScorecard({ waivers: [waiverOf('REP-02')] }),
          change: 3,
        }),
      ),
    );
    await renderForEntity(<EntityMlDebtCard />);

    const list = await screen.findByRole('list', { name: 'Top items to fix' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).queryByText(/Unpinned dependencies/)).toBeNull();
    expect(
      screen.getByRole('img', { name: 'Up 3 since the previous scan' }),
    ).toBeInTheDocument();
  });

  it('says when the service has not been scanned yet', async () => {
    server.use(
      http.get(SERVICE_URL, () => errorBody(404, 'NotFoundError', 'none')),
      http.get(`${SERVICE_URL}/scan`, () =>
        errorBody(404, 'NotFoundError', 'never scanned'),
      ),
    );
    await renderForEntity(<EntityMlDebtCard />);

    expect(await screen.findByText(/Not scanned yet/)).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    let calls = 0;
    server.use(
      http.get(SERVICE_URL, () => {
        calls += 1;
        return calls === 1
          ? errorBody(500, 'Error', 'database is down')
          : HttpResponse.json(makeScorecard());
      }),
    );
    await renderForEntity(<EntityMlDebtCard />);

    expect(await screen.findByText(/database is down/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('list', { name: 'Top items to fix' }),
    ).toBeInTheDocument();
  });

  it('says when the reader may not see the scorecard', async () => {
    server.use(
      http.get(SERVICE_URL, () =>
        errorBody(403, 'NotAllowedError', 'Unauthorized'),
      ),
    );
    await renderForEntity(<EntityMlDebtCard />);

    expect(
      await screen.findByText(/You do not have permission to see/),
    ).toBeInTheDocument();
  });

  it('does not scan entities that are not ML services', async () => {
    await renderForEntity(<EntityMlDebtCard />, { entity: paymentsGateway });
    expect(await screen.findByText(/Not an ML service/)).toBeInTheDocument();
  });
});

import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import type {
  RollupGroup,
  ScorecardOverview,
  ScorecardSummary,
} from '../../api/MlDebtApi';
import { MlDebtClient, mlDebtApiRef } from '../../api/MlDebtApi';
import { MlDebtPage } from './MlDebtPage';

const BASE = 'http://localhost:7007/api/ml-debt';

const client = new MlDebtClient({
  discoveryApi: {
    getBaseUrl: async (pluginId: string) =>
      `http://localhost:7007/api/${pluginId}`,
  } as typeof discoveryApiRef.T,
  fetchApi: { fetch: (...args) => fetch(...args) } as typeof fetchApiRef.T,
});

function summary(
  name: string,
  overrides: Partial<ScorecardSummary> = {},
): ScorecardSummary {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    kind: 'component',
    type: 'ml-model',
    owner: 'group:default/growth-ml',
    system: 'customer-growth',
    lifecycle: 'production',
    score: 50,
    uncappedScore: 50,
    grade: 'D',
    mlTestScore: 2,
    change: null,
    failingChecks: 3,
    scannedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    scanStatus: 'succeeded',
    ...overrides,
  };
}

const ESTATE: ScorecardSummary[] = [
  summary('fraud-detection', {
    title: 'Fraud detection model',
    owner: 'group:default/risk-ml',
    system: 'payments',
    score: 42,
    grade: 'F',
    change: -3.5,
    failingChecks: 9,
  }),
  summary('churn-model', {
    title: 'Churn model',
    score: 91.5,
    grade: 'A',
    change: 4,
    failingChecks: 1,
  }),
  summary('search-ranking', {
    title: 'Search ranking',
    score: 75.2,
    grade: 'C',
    system: undefined,
    lifecycle: 'experimental',
    scanStatus: 'failed',
  }),
];

const OVERVIEW: ScorecardOverview = {
  count: 3,
  averageScore: 69.6,
  grades: { A: 1, B: 0, C: 1, D: 0, F: 1 },
  topFailingChecks: [
    { checkId: 'REP-02', count: 2 },
    { checkId: 'CFG-01', count: 1 },
  ],
};

const OWNERS: RollupGroup[] = [
  {
    key: 'group:default/growth-ml',
    count: 2,
    averageScore: 83.4,
    grades: { A: 1, B: 0, C: 1, D: 0, F: 0 },
    topFailingChecks: [],
  },
  {
    key: 'group:default/risk-ml',
    count: 1,
    averageScore: 42,
    grades: { A: 0, B: 0, C: 0, D: 0, F: 1 },
    topFailingChecks: [],
  },
];

const SYSTEMS: RollupGroup[] = [
  { ...OWNERS[0], key: 'customer-growth', count: 1, averageScore: 91.5 },
  { ...OWNERS[1], key: 'payments' },
  { ...OWNERS[0], key: null, count: 1, averageScore: 75.2 },
];

const CHECKS = [
  { id: 'REP-02', title: 'Dependencies are pinned by a lock file' },
  { id: 'CFG-01', title: 'Configuration is validated' },
].map(c => ({
  ...c,
  category: 'reproducibility',
  weight: 3,
  confidence: 'high',
  mlTestScore: [],
  debtType: 'configuration',
  rationale: '',
  references: [],
  remediation: [],
  appliesToExperimental: true,
  source: 'builtin',
}));

/** Shows the router location, to check that the view is kept in the URL. */
function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

// jsdom has neither ResizeObserver nor layout: give recharts' responsive
// container the size a browser would, so that the bars are drawn.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

describe('MlDebtPage', () => {
  beforeAll(() => {
    (globalThis as any).ResizeObserver ??= NoResizeObserver;
    const measure = HTMLElement.prototype.getBoundingClientRect;
    jest
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockImplementation(function size(this: HTMLElement) {
        return this.classList.contains('recharts-responsive-container')
          ? ({ width: 480, height: 260, top: 0, left: 0 } as DOMRect)
          : measure.call(this);
      });
  });

  const server = setupServer();
  registerMswTestHooks(server);

  /** The query strings of the list requests the page made, in order. */
  let listRequests: URLSearchParams[];

  /**
   * A backend over ESTATE that filters by owner and text, sorts by score or
   * name and pages, like the real one.
   */
  function serveEstate(estate = ESTATE) {
    listRequests = [];
    server.use(
      http.get(`${BASE}/scorecards`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        listRequests.push(params);
        const owner = params.get('owner');
        const q = params.get('q')?.toLowerCase();
        const sort = params.get('sort') ?? 'score';
        const sign = params.get('order') === 'desc' ? -1 : 1;
        const items = estate
          .filter(i => !owner || i.owner === owner)
          .filter(i => !q || i.title.toLowerCase().includes(q))
          .sort(
            (a, b) =>
              sign *
              (sort === 'name'
                ? a.title.localeCompare(b.title)
                : a.score - b.score),
          );
        const limit = Number(params.get('limit') ?? 50);
        const offset = Number(params.get('offset') ?? 0);
        return HttpResponse.json({
          items: items.slice(offset, offset + limit),
          totalCount: items.length,
          limit,
          offset,
        });
      }),
      http.get(`${BASE}/overview`, () =>
        HttpResponse.json(
          estate.length
            ? OVERVIEW
            : { ...OVERVIEW, count: 0, topFailingChecks: [] },
        ),
      ),
      http.get(`${BASE}/rollups`, ({ request }) =>
        HttpResponse.json({
          groupBy: new URL(request.url).searchParams.get('groupBy'),
          groups:
            new URL(request.url).searchParams.get('groupBy') === 'owner'
              ? OWNERS
              : SYSTEMS,
        }),
      ),
      http.get(`${BASE}/checks`, () => HttpResponse.json({ items: CHECKS })),
    );
  }

  function renderPage(path = '/ml-debt') {
    return renderInTestApp(
      <>
        <MlDebtPage />
        <Location />
      </>,
      {
        apis: [[mlDebtApiRef, client]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        initialRouteEntries: [path],
      },
    );
  }

  const rows = () =>
    screen
      .getAllByTestId('scorecard-row')
      .map(row => within(row).getAllByRole('link')[0].textContent);

  it('lists the services with most debt first, each linked to its ML Debt tab', async () => {
    serveEstate();
    await renderPage();

    expect(
      await screen.findByRole('heading', { name: 'ML services (3)' }),
    ).toBeInTheDocument();
    expect(rows()).toEqual([
      'Fraud detection model',
      'Search ranking',
      'Churn model',
    ]);
    expect(
      screen.getByRole('link', { name: 'Fraud detection model' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-detection/ml-debt',
    );
    const fraud = screen.getAllByTestId('scorecard-row')[0];
    expect(within(fraud).getByText('42.0')).toBeInTheDocument();
    expect(within(fraud).getByLabelText('Grade F')).toBeInTheDocument();
    expect(within(fraud).getByLabelText('Down 3.5 points')).toBeInTheDocument();
    expect(within(fraud).getByText('9')).toBeInTheDocument();
    expect(within(fraud).getByText('2 hours ago')).toBeInTheDocument();
    const search = screen.getAllByTestId('scorecard-row')[1];
    expect(within(search).getByText('(last scan failed)')).toBeInTheDocument();
    expect(
      within(search).getByLabelText('No previous scan'),
    ).toBeInTheDocument();
    expect(listRequests[0].toString()).toBe(
      'sort=score&order=asc&limit=25&offset=0',
    );
  });

  it('shows the grade distribution and the most common failing checks with text alternatives', async () => {
    serveEstate();
    await renderPage();

    expect(
      await screen.findByLabelText(
        'Grade distribution: A 1, B 0, C 1, D 0, F 1',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Most common failing checks: REP-02 2, CFG-01 1'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'REP-02 Dependencies are pinned by a lock file: 2',
      ),
    ).toBeInTheDocument();
    // The bars are drawn: one per grade and one per check.
    const grades = screen.getByTestId('grade-distribution-chart');
    expect(grades.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(5);
    const checks = screen.getByTestId('top-checks-chart');
    expect(checks.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(2);
  });

  it('rolls up per team and per system', async () => {
    serveEstate();
    await renderPage();

    const byTeam = await screen.findByRole('table', { name: 'By team' });
    expect(within(byTeam).getByText('83.4')).toBeInTheDocument();
    expect(
      within(byTeam).getByLabelText('Grades: 1 A, 1 C'),
    ).toBeInTheDocument();
    const bySystem = screen.getByRole('table', { name: 'By system' });
    expect(within(bySystem).getByText('None')).toBeInTheDocument();

    await userEvent.click(
      within(byTeam).getByRole('button', {
        name: 'Show the services of group:default/risk-ml',
      }),
    );

    await waitFor(() => expect(rows()).toEqual(['Fraud detection model']));
    expect(screen.getByTestId('location')).toHaveTextContent(
      '?owner=group%3Adefault%2Frisk-ml',
    );
  });

  it('pages long rollups, lowest average first', async () => {
    serveEstate();
    const teams: RollupGroup[] = Array.from({ length: 12 }, (_, i) => ({
      ...OWNERS[0],
      key: `group:default/team-${String(i).padStart(2, '0')}`,
      averageScore: 90 - i,
    }));
    server.use(
      http.get(`${BASE}/rollups`, () =>
        HttpResponse.json({ groupBy: 'owner', groups: teams }),
      ),
    );
    await renderPage();

    const byTeam = await screen.findByRole('table', { name: 'By team' });
    const averages = () =>
      within(byTeam)
        .getAllByRole('row')
        .slice(1)
        .map(row => within(row).getAllByRole('cell')[1].textContent);
    expect(averages()).toEqual(
      ['79', '80', '81', '82', '83', '84', '85', '86', '87', '88'].map(
        a => `${a}.0`,
      ),
    );
    // List, by team, by system: the second pager is the team rollup's.
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Next page' })[1],
    );
    expect(averages()).toEqual(['89.0', '90.0']);
  });

  it('filters by team in the backend and keeps the filter in the URL', async () => {
    serveEstate();
    await renderPage();
    await screen.findByRole('heading', { name: 'ML services (3)' });

    await userEvent.click(screen.getByLabelText('Team'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'risk-ml' }),
    );

    await waitFor(() =>
      expect(
        screen.getByRole('heading', { name: 'ML services (1)' }),
      ).toBeInTheDocument(),
    );
    expect(rows()).toEqual(['Fraud detection model']);
    expect(listRequests.at(-1)?.get('owner')).toBe('group:default/risk-ml');
    expect(screen.getByTestId('location')).toHaveTextContent(
      'owner=group%3Adefault%2Frisk-ml',
    );
  });

  it('searches by text after the user stops typing', async () => {
    serveEstate();
    await renderPage();
    await screen.findByRole('heading', { name: 'ML services (3)' });

    await userEvent.type(screen.getByLabelText('Search services'), 'churn');

    await waitFor(() => expect(rows()).toEqual(['Churn model']));
    expect(listRequests.filter(p => p.has('q')).map(p => p.get('q'))).toEqual([
      'churn',
    ]);
  });

  it('sorts in the backend: a second click on a column reverses the order', async () => {
    serveEstate();
    await renderPage();
    await screen.findByRole('heading', { name: 'ML services (3)' });

    await userEvent.click(screen.getByRole('button', { name: 'Score' }));

    await waitFor(() =>
      expect(rows()).toEqual([
        'Churn model',
        'Search ranking',
        'Fraud detection model',
      ]),
    );
    expect(listRequests.at(-1)?.get('order')).toBe('desc');
    expect(screen.getByTestId('location')).toHaveTextContent('?order=desc');

    await userEvent.click(screen.getByRole('button', { name: 'Service' }));
    await waitFor(() =>
      expect(rows()).toEqual([
        'Churn model',
        'Fraud detection model',
        'Search ranking',
      ]),
    );
    expect(listRequests.at(-1)?.get('sort')).toBe('name');
  });

  it('pages in the backend', async () => {
    const estate = Array.from({ length: 30 }, (_, i) =>
      summary(`svc-${String(i).padStart(2, '0')}`, { score: i }),
    );
    serveEstate(estate);
    await renderPage();
    await screen.findByRole('heading', { name: 'ML services (30)' });
    expect(screen.getAllByTestId('scorecard-row')).toHaveLength(25);

    // The list's pagination comes first; the rollups have their own.
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Next page' })[0],
    );

    await waitFor(() =>
      expect(rows()).toEqual([
        'svc-25',
        'svc-26',
        'svc-27',
        'svc-28',
        'svc-29',
      ]),
    );
    expect(listRequests.at(-1)?.get('offset')).toBe('25');
    expect(screen.getByTestId('location')).toHaveTextContent('?page=1');
  });

  it('opens a shared view from the URL', async () => {
    serveEstate();
    await renderPage(
      '/ml-debt?owner=group%3Adefault%2Fgrowth-ml&sort=name&order=desc&grade=Z',
    );

    await waitFor(() =>
      expect(rows()).toEqual(['Search ranking', 'Churn model']),
    );
    const params = listRequests[0];
    expect(params.get('owner')).toBe('group:default/growth-ml');
    expect(params.get('sort')).toBe('name');
    expect(params.get('order')).toBe('desc');
    // A malformed grade is ignored, not sent.
    expect(params.has('grade')).toBe(false);
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeVisible();
  });

  it('says so when no service matches the filters', async () => {
    serveEstate();
    await renderPage('/ml-debt?q=nothing-like-this');

    expect(
      await screen.findByText('No service matches these filters.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Clear filters' })[0],
    );
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it('exports the filtered list as CSV through the authenticated client', async () => {
    serveEstate();
    let exportQuery: URLSearchParams | undefined;
    server.use(
      http.get(`${BASE}/export`, ({ request }) => {
        exportQuery = new URL(request.url).searchParams;
        return new HttpResponse('entityRef,title\ncomponent:default/x,X\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition':
              'attachment; filename="ml-debt-scorecards-2026-11-27.csv"',
          },
        });
      }),
    );
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:ml-debt-export';
    });
    URL.revokeObjectURL = jest.fn();
    const downloads: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });

    await renderPage('/ml-debt?owner=group%3Adefault%2Frisk-ml&order=desc');
    await screen.findByRole('heading', { name: 'ML services (1)' });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(downloads).toEqual(['ml-debt-scorecards-2026-11-27.csv']),
    );
    expect(exportQuery?.get('owner')).toBe('group:default/risk-ml');
    expect(exportQuery?.get('order')).toBe('desc');
    expect(exportQuery?.get('format')).toBe('csv');
    expect(await created[0].text()).toContain('component:default/x,X');
    click.mockRestore();
  });

  it('reports a failed export without leaving the page', async () => {
    serveEstate();
    server.use(
      http.get(`${BASE}/export`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'export exploded' } },
          { status: 500 },
        ),
      ),
    );
    await renderPage();
    await screen.findByRole('heading', { name: 'ML services (3)' });

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(await screen.findByText(/Export failed/)).toBeInTheDocument();
    expect(rows()).toHaveLength(3);
  });

  it('shows progress while the scorecards load', async () => {
    serveEstate();
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/scorecards`, async () => {
        await gate;
        return HttpResponse.json({
          items: [],
          totalCount: 0,
          limit: 25,
          offset: 0,
        });
      }),
    );
    await renderPage();

    expect(await screen.findAllByTestId('progress')).not.toHaveLength(0);
    expect(screen.queryByTestId('scorecard-table')).not.toBeInTheDocument();
    await act(async () => release());
  });

  it('explains how to mark services as ML when the catalog has none', async () => {
    serveEstate([]);
    server.use(
      http.get(`${BASE}/services`, () => HttpResponse.json({ items: [] })),
    );
    await renderPage();

    expect(
      await screen.findByText('No ML services in the catalog'),
    ).toBeInTheDocument();
    expect(screen.getByText(/ml-debt.io\/enabled: "true"/)).toBeInTheDocument();
  });

  it('explains the scan schedule when ML services were never scanned', async () => {
    serveEstate([]);
    server.use(
      http.get(`${BASE}/services`, () =>
        HttpResponse.json({
          items: [
            {
              entityRef: 'component:default/fraud-detection',
              title: 'Fraud detection',
              type: 'ml-model',
            },
            {
              entityRef: 'component:default/churn-model',
              title: 'Churn',
              type: 'ml-model',
            },
          ],
        }),
      ),
    );
    await renderPage();

    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'ML services (2)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Fraud detection' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-detection/ml-debt',
    );
    expect(
      screen.getByText(
        /2 ML services are in the catalog .* Scans run on a schedule/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend error and loads again on retry', async () => {
    serveEstate();
    let failures = 1;
    server.use(
      http.get(`${BASE}/scorecards`, () => {
        if (failures-- > 0) {
          return HttpResponse.json(
            { error: { name: 'Error', message: 'database unavailable' } },
            { status: 503 },
          );
        }
        return HttpResponse.json({
          items: ESTATE,
          totalCount: 3,
          limit: 25,
          offset: 0,
        });
      }),
    );
    await renderPage();

    expect(await screen.findByText(/database unavailable/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('heading', { name: 'ML services (3)' }),
    ).toBeInTheDocument();
  });

  it('explains a denied permission instead of showing an error', async () => {
    serveEstate();
    const forbidden = () =>
      HttpResponse.json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'You are not allowed to read ML debt scorecards',
          },
        },
        { status: 403 },
      );
    server.use(
      http.get(`${BASE}/scorecards`, forbidden),
      http.get(`${BASE}/overview`, forbidden),
      http.get(`${BASE}/rollups`, forbidden),
    );
    await renderPage();

    expect(
      await screen.findByText('You cannot see ML debt scorecards'),
    ).toBeInTheDocument();
    expect(screen.getByText('ml-debt.scorecard.read')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('filters by a failing check from the chart-independent select, with labelled controls', async () => {
    serveEstate();
    await renderPage();
    await screen.findByRole('heading', { name: 'ML services (3)' });

    for (const label of [
      'Search services',
      'Team',
      'System',
      'Lifecycle',
      'Grade',
      'Failing check',
    ]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    fireEvent.mouseDown(screen.getByLabelText('Failing check'));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'REP-02 Dependencies are pinned by a lock file',
      }),
    );
    await waitFor(() =>
      expect(listRequests.at(-1)?.get('failingCheck')).toBe('REP-02'),
    );
  });
});

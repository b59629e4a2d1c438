import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { EntityMlDebtContent } from './EntityMlDebtContent';
import {
  BASE,
  history,
  makeScorecard,
  paymentsGateway,
  SERVICE_URL,
  waiverOf,
} from './__testUtils__/testFixtures';
import {
  errorBody,
  installNoLayoutResizeObserver,
  renderForEntity,
} from './__testUtils__/testUtils';

function render(
  options: {
    entity?: Entity;
    authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  return renderForEntity(<EntityMlDebtContent />, options);
}

describe('EntityMlDebtContent', () => {
  const server = setupServer();
  beforeAll(installNoLayoutResizeObserver);
  registerMswTestHooks(server);

  function serveScorecard(scorecard = makeScorecard()) {
    server.use(
      http.get(SERVICE_URL, () => HttpResponse.json(scorecard)),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: history }),
      ),
    );
  }

  it('shows the health score, ML Test Score, categories, trend and last scan', async () => {
    const scorecard = makeScorecard();
    serveScorecard(scorecard);
    await render();

    expect(
      await screen.findByRole('heading', {
        name: 'ML debt of Fraud detection model',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: `Health score ${scorecard.score} out of 100, grade ${scorecard.grade}`,
      }),
    ).toBeInTheDocument();
    const mts = scorecard.scorecard.mlTestScore;
    expect(screen.getByText(mts.band)).toBeInTheDocument();
    const sections = screen.getByRole('list', {
      name: 'ML Test Score sections',
    });
    expect(
      within(sections).getByText('Features and data (weakest)'),
    ).toBeInTheDocument();
    for (const [section, title] of [
      ['data', 'Features and data'],
      ['model', 'Model development'],
      ['infrastructure', 'ML infrastructure'],
      ['monitoring', 'Monitoring'],
    ] as const) {
      expect(
        within(sections).getByRole('progressbar', {
          name: `${title}: ${mts.sections[section]} of 7`,
        }),
      ).toBeInTheDocument();
    }
    const categories = screen.getByRole('list', { name: 'Category scores' });
    expect(
      within(categories).getByText('Reproducibility and dependencies'),
    ).toBeInTheDocument();
    expect(
      within(categories).getAllByText('not scored').length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('img', {
        name: /Health score trend over 2 scans: from 44.5 .* to 40 /,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Last scan/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Rescan this service now' }),
    ).toBeEnabled();
  });

  it('names the ML Test Score tests the team attested', async () => {
    serveScorecard(
      makeScorecard({
        attestations: [
          {
            id: 'monitor.4',
            status: 'manual',
            evidence: 'docs/runbook.md',
            evidenceAutomated: false,
            points: 0.5,
          },
        ],
      }),
    );
    await render();

    expect(
      await screen.findByText('Attested by the team: Monitor 4 (0.5)'),
    ).toBeInTheDocument();
  });

  it('lists failing and warning checks first by priority, grouped by category, with evidence linked to the repository', async () => {
    serveScorecard();
    await render();

    const toFix = await screen.findByRole('heading', { name: 'To fix (3)' });
    expect(toFix).toBeInTheDocument();
    const titles = screen
      .getAllByRole('heading', { level: 4 })
      .map(h => h.textContent);
    // Priorities: REP-02 3 (critical, fail), DOC-01 1 (minor, fail), MON-01
    // 0.75 (major, warn at half the gap, medium confidence).
    expect(titles.indexOf('Reproducibility and dependencies')).toBeLessThan(
      titles.indexOf('Documentation and governance'),
    );
    expect(titles.indexOf('Documentation and governance')).toBeLessThan(
      titles.indexOf('Monitoring'),
    );
    expect(
      titles.indexOf('Unpinned dependencies and no lock file'),
    ).toBeLessThan(titles.indexOf('No model card'));
    expect(titles.indexOf('No model card')).toBeLessThan(
      titles.indexOf('No model monitoring'),
    );

    expect(
      screen.getByText(
        'Unpinned dependencies make training and serving irreproducible (Sculley et al. 2015).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Sources: Sculley et al. 2015, §Reproducibility debt/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Pin every dependency in requirements.txt.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^requirements.txt:2/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme-ml/fraud-detection/tree/main/requirements.txt#L2',
    );
    // Passing checks are folded away.
    const passing = screen.getByRole('button', {
      name: /Passing checks \(1\)/,
    });
    expect(passing).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(passing);
    expect(passing).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('pytest suite found')).toBeVisible();
  });

  it('waives a check with a reason and an expiry, then shows it as waived', async () => {
    let waivers: ReturnType<typeof waiverOf>[] = [];
    let posted: any;
    server.use(
      http.get(SERVICE_URL, () =>
        HttpResponse.json(makeScorecard({ waivers })),
      ),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: history }),
      ),
      http.post(`${SERVICE_URL}/waivers`, async ({ request }) => {
        posted = await request.json();
        const waiver = waiverOf(posted.target, {
          reason: posted.reason,
          expiresAt: posted.expiresAt,
        });
        waivers = [waiver];
        return HttpResponse.json(waiver, { status: 201 });
      }),
    );
    await render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive REP-02' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Waive REP-02: Unpinned dependencies and no lock file',
    });
    await waitFor(() =>
      expect(
        within(dialog).getByRole('textbox', { name: /Reason/ }),
      ).toHaveFocus(),
    );
    const save = within(dialog).getByRole('button', { name: 'Waive check' });
    expect(save).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Lock file lands in FRAUD-123',
    );
    const expiry = within(dialog).getByLabelText(/Expires on/);
    await userEvent.clear(expiry);
    await userEvent.type(expiry, '2099-06-30');
    await userEvent.click(save);

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(posted).toEqual({
      kind: 'waiver',
      target: 'REP-02',
      reason: 'Lock file lands in FRAUD-123',
      expiresAt: '2099-06-30T23:59:59.000Z',
    });
    expect(
      await screen.findByRole('heading', { name: 'To fix (2)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Waived and attested (1)' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Waived (from next scan)')).toBeInTheDocument();
    expect(
      screen.getByText(/Lock file lands in FRAUD-123/),
    ).toBeInTheDocument();
  });

  it('shows a waiver the scan applied, and revokes it', async () => {
    const waiver = waiverOf('DOC-01');
    let revoked = false;
    let revokeBody: any;
    server.use(
      http.get(SERVICE_URL, () =>
        HttpResponse.json(
          revoked
            ? makeScorecard()
            : makeScorecard({ waivers: [waiver], waivedChecks: ['DOC-01'] }),
        ),
      ),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: history }),
      ),
      http.post(`${BASE}/waivers/${waiver.id}/revoke`, async ({ request }) => {
        revokeBody = await request.json();
        revoked = true;
        return HttpResponse.json({ ...waiver, state: 'revoked' });
      }),
    );
    await render();

    expect(
      await screen.findByRole('heading', { name: 'To fix (2)' }),
    ).toBeInTheDocument();
    const waived = screen.getByRole('region', { name: 'Waived and attested' });
    await userEvent.click(
      within(waived).getByRole('button', { name: /^Waived No model card/ }),
    );
    await userEvent.click(
      within(waived).getByRole('button', {
        name: 'Revoke the waiver of DOC-01',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke the waiver of DOC-01',
    });
    await waitFor(() =>
      expect(within(dialog).getByRole('textbox')).toHaveFocus(),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox'),
      'Model card written',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke waiver' }),
    );

    expect(
      await screen.findByRole('heading', { name: 'To fix (3)' }),
    ).toBeInTheDocument();
    expect(revokeBody).toEqual({ reason: 'Model card written' });
    expect(
      screen.queryByRole('region', { name: 'Waived and attested' }),
    ).not.toBeInTheDocument();
  });

  it('attests an ML Test Score test of a check', async () => {
    let posted: any;
    let waivers: ReturnType<typeof waiverOf>[] = [];
    server.use(
      http.get(SERVICE_URL, () =>
        HttpResponse.json(makeScorecard({ waivers })),
      ),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: history }),
      ),
      http.post(`${SERVICE_URL}/waivers`, async ({ request }) => {
        posted = await request.json();
        const attestation = waiverOf(posted.target, {
          id: '0b7e3f4c-2a51-4a6b-8f1e-9d7a3c2b1e00',
          kind: 'attestation',
          status: posted.status,
          reason: posted.reason,
          evidence: posted.evidence,
          expiresAt: null,
        });
        waivers = [attestation];
        return HttpResponse.json(attestation, { status: 201 });
      }),
    );
    await render();

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Attest an ML Test Score test of MON-01',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Attest an ML Test Score test',
    });
    // Focus lands on the first field once the dialog has opened.
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: /Test/ }),
      ).toHaveFocus(),
    );
    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Automatically' }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Evidence' }),
      'https://grafana.acme/d/fraud',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Grafana alerts on drift',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Attest' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(posted).toEqual({
      kind: 'attestation',
      target: 'monitor.4',
      status: 'automated',
      reason: 'Grafana alerts on drift',
      evidence: 'https://grafana.acme/d/fraud',
    });
    const attestations = await screen.findByRole('list', {
      name: 'Attestations',
    });
    expect(within(attestations).getByText(/Monitor 4/)).toBeInTheDocument();
    expect(
      within(attestations).getByRole('button', {
        name: 'Revoke the attestation of monitor.4',
      }),
    ).toBeInTheDocument();
  });

  it('explains a 403 when waiving, and keeps the dialog open', async () => {
    serveScorecard();
    server.use(
      http.post(`${SERVICE_URL}/waivers`, () =>
        errorBody(403, 'NotAllowedError', 'Unauthorized'),
      ),
    );
    await render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive DOC-01' }),
    );
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(
        within(dialog).getByRole('textbox', { name: /Reason/ }),
      ).toHaveFocus(),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Later',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Waive check' }),
    );

    expect(
      await within(dialog).findByText(
        /You do not have permission to waive checks on this service/,
      ),
    ).toBeInTheDocument();
  });

  it('rescans: shows progress while the scan runs, then reloads the scorecard', async () => {
    let scans = 0;
    let polls = 0;
    const before = makeScorecard();
    const after = {
      ...makeScorecard(),
      scannedAt: new Date().toISOString(),
      change: 2,
    };
    server.use(
      http.get(SERVICE_URL, () => HttpResponse.json(scans ? after : before)),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: history }),
      ),
      http.post(`${SERVICE_URL}/scan`, () => {
        scans += 1;
        return HttpResponse.json(
          { scanId: 'r1', status: 'running' },
          { status: 202 },
        );
      }),
      http.get(`${SERVICE_URL}/scan`, () => {
        polls += 1;
        return HttpResponse.json(
          polls < 2
            ? {
                id: 'r1',
                status: 'running',
                trigger: 'manual',
                startedAt: new Date().toISOString(),
              }
            : {
                id: 'scan-3',
                status: 'succeeded',
                trigger: 'manual',
                startedAt: new Date().toISOString(),
                finishedAt: new Date().toISOString(),
              },
        );
      }),
    );
    await render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan this service now' }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Scan in progress' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Rescan in progress' }),
    ).toBeDisabled();
    expect(
      await screen.findByText(
        'Rescan complete: the scorecard below is up to date.',
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(scans).toBe(1);
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(screen.getByText(/Last scan/).textContent).toMatch(/now|second/);
  });

  it('explains a 403 on rescan', async () => {
    serveScorecard();
    server.use(
      http.post(`${SERVICE_URL}/scan`, () =>
        errorBody(403, 'NotAllowedError', 'Unauthorized'),
      ),
    );
    await render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan this service now' }),
    );
    expect(
      await screen.findByText(
        /You do not have permission to rescan this service/,
      ),
    ).toBeInTheDocument();
  });

  it('offers a rescan when the service was never scanned (404)', async () => {
    server.use(
      http.get(SERVICE_URL, () =>
        errorBody(404, 'NotFoundError', 'No scorecard'),
      ),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(`${SERVICE_URL}/scan`, () =>
        errorBody(404, 'NotFoundError', 'never scanned'),
      ),
    );
    await render();

    expect(await screen.findByText('Not scanned yet')).toBeInTheDocument();
    expect(
      screen.getByText(/scans every ML service on a schedule/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Rescan this service now' }),
    ).toBeEnabled();
  });

  it('says why when the only scan failed', async () => {
    server.use(
      http.get(SERVICE_URL, () =>
        errorBody(404, 'NotFoundError', 'No scorecard'),
      ),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(`${SERVICE_URL}/scan`, () =>
        HttpResponse.json({
          id: 's',
          status: 'failed',
          error: 'source location dir:. is not readable',
        }),
      ),
    );
    await render();

    expect(
      await screen.findByText('The last scan of this service failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/source location dir:. is not readable/),
    ).toBeInTheDocument();
  });

  it('shows a server error with a retry', async () => {
    let calls = 0;
    server.use(
      http.get(SERVICE_URL, () => {
        calls += 1;
        return calls === 1
          ? errorBody(500, 'Error', 'database is down')
          : HttpResponse.json(makeScorecard());
      }),
      http.get(`${SERVICE_URL}/history`, () =>
        HttpResponse.json({ items: history }),
      ),
    );
    await render();

    expect(await screen.findByText(/database is down/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('heading', {
        name: 'ML debt of Fraud detection model',
      }),
    ).toBeInTheDocument();
  });

  it('says so when the reader may not see the scorecard (403)', async () => {
    server.use(
      http.get(SERVICE_URL, () =>
        errorBody(403, 'NotAllowedError', 'Unauthorized'),
      ),
      http.get(`${SERVICE_URL}/history`, () =>
        errorBody(403, 'NotAllowedError', 'Unauthorized'),
      ),
    );
    await render();

    expect(
      await screen.findByText(
        /You do not have permission to see this scorecard/,
      ),
    ).toBeInTheDocument();
  });

  it('explains that other entities are not ML services', async () => {
    await render({ entity: paymentsGateway });
    expect(await screen.findByText('Not an ML service')).toBeInTheDocument();
  });
});

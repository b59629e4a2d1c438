import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs';

/**
 * The org-wide ML Debt page against the real app and backend on the demo
 * estate: a guest filters by team, sorts by score, exports CSV and opens a
 * service's ML Debt tab. The demo backend keeps its data in memory and runs
 * its first scan cycle about a minute after it starts, so the test waits for
 * scorecards instead of assuming them.
 */

const SCREENSHOTS = 'e2e-test-results/screenshots';
const EXPORT_HEADER =
  'entityRef,title,kind,type,owner,system,lifecycle,score,uncappedScore,grade,mlTestScore,change,failingChecks,scannedAt,scanStatus';

test.setTimeout(300_000);

async function openOrgPage(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'ML Debt', exact: true })
    .click();
  await expect(page).toHaveURL(/\/ml-debt$/);
}

/** Until the first scan cycle has scored services, the page says so; ask again. */
async function waitForScorecards(page: Page) {
  await expect(async () => {
    // A backend still starting (or restarting) answers with an error: retry.
    for (const name of ['Check again', 'Retry']) {
      const button = page.getByRole('button', { name, exact: true });
      if (await button.isVisible()) await button.click();
    }
    await expect(page.getByTestId('scorecard-row').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 240_000, intervals: [2_000, 5_000, 10_000] });
}

const rows = (page: Page) => page.getByTestId('scorecard-row');

/** The text of one column over the visible rows. */
async function column(page: Page, index: number): Promise<string[]> {
  return rows(page).evaluateAll(
    (trs, i) => trs.map(tr => tr.querySelectorAll('td')[i]?.textContent ?? ''),
    index,
  );
}

async function listedCount(page: Page): Promise<number> {
  const heading = page.getByRole('heading', { name: /^ML services \(\d+\)$/ });
  await expect(heading).toBeVisible();
  return Number(/\((\d+)\)/.exec((await heading.textContent()) ?? '')![1]);
}

test('the org page filters by team, sorts by score, exports CSV and opens a service', async ({
  page,
}) => {
  await openOrgPage(page);
  await waitForScorecards(page);

  // Charts and rollups next to the list.
  await expect(
    page.getByTestId('grade-distribution-chart').locator('svg').first(),
  ).toBeVisible();
  await expect(page.getByTestId('top-checks-chart')).toBeVisible();
  await expect(page.getByRole('table', { name: 'By team' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'By system' })).toBeVisible();
  const total = await listedCount(page);
  expect(total).toBeGreaterThan(1);
  await page.mouse.move(0, 0); // no chart tooltip in the screenshot
  await page.screenshot({
    path: `${SCREENSHOTS}/org-page.png`,
    fullPage: true,
  });

  // Filter by team: the backend answers with growth-ml's services only.
  await page.getByRole('button', { name: 'Team', exact: true }).click();
  await page.getByRole('option', { name: 'growth-ml', exact: true }).click();
  await expect(page).toHaveURL(/owner=group%3Agrowth-ml/);
  await expect(async () => {
    const owners = await column(page, 1);
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every(owner => owner.includes('growth-ml'))).toBe(true);
  }).toPass({ timeout: 15_000 });
  const teamCount = await listedCount(page);
  expect(teamCount).toBeLessThan(total);
  await expect(rows(page)).toHaveCount(teamCount);

  // Sort by score: the default lists most debt first; one click reverses it.
  const ascending = (await column(page, 4)).map(Number);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.getByRole('button', { name: 'Score', exact: true }).click();
  await expect(page).toHaveURL(/order=desc/);
  await expect(async () => {
    const scores = (await column(page, 4)).map(Number);
    expect(scores).toEqual([...ascending].sort((a, b) => b - a));
  }).toPass({ timeout: 15_000 });

  // Export: the file holds the header and exactly the filtered services.
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(
    /^ml-debt-scorecards-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csvPath = 'e2e-test-results/org-page-export.csv';
  await download.saveAs(csvPath);
  const lines = fs.readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe(EXPORT_HEADER);
  expect(lines).toHaveLength(teamCount + 1);
  expect(lines.slice(1).every(line => line.includes('group:growth-ml'))).toBe(
    true,
  );
  // Same order as the list: highest score first.
  const exportedScores = lines.slice(1).map(line => Number(line.split(',')[7]));
  expect(exportedScores).toEqual([...exportedScores].sort((a, b) => b - a));

  // A row opens the service's ML Debt tab.
  const first = rows(page).first().getByRole('link').first();
  const title = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/[^/]+\/ml-debt$/,
  );
  // The entity page opens on its ML Debt tab, showing this service's scorecard.
  await expect(
    page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'ML Debt' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: `ML debt of ${title}` }),
  ).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/org-page-row-opened.png` });
});

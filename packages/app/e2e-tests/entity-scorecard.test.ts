import { expect, Page, test } from '@playwright/test';

/**
 * The ML Debt tab and overview card of an ML service, against the real app
 * and backend on the demo estate. Re-runnable against a reused server: it
 * waives whichever check is first on the list, and copes with a service that
 * the backend has not scanned yet (the first scheduled cycle starts about a
 * minute after the backend).
 */
const SERVICE = '/catalog/default/component/fraud-detection';
const SCAN_TIMEOUT = 180_000;

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** The entity page's tabs: links in its content navigation. */
function entityTab(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });
}

/** Opens the ML Debt tab, rescanning first if the service has no scorecard yet. */
async function openScorecard(page: Page) {
  await page.goto(`${SERVICE}/ml-debt`);
  const heading = page.getByRole('heading', {
    name: 'ML debt of Fraud detection model',
  });
  const notScanned = page.getByText('Not scanned yet');
  await expect(heading.or(notScanned)).toBeVisible();
  if (await notScanned.isVisible()) {
    await page.getByRole('button', { name: 'Rescan this service now' }).click();
    await expect(heading).toBeVisible({ timeout: SCAN_TIMEOUT });
  }
}

test('an ML service shows its scorecard: waive a check, rescan, see the card', async ({
  page,
}) => {
  test.setTimeout(6 * 60_000);
  await signIn(page);

  // The tab is there on an ML service, and opens the scorecard.
  await page.goto(SERVICE);
  await entityTab(page, 'ML Debt').click();
  await expect(page).toHaveURL(new RegExp(`${SERVICE}/ml-debt$`));
  await openScorecard(page);

  await expect(page.getByText('Grade', { exact: false }).first()).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'ML Test Score sections' }),
  ).toBeVisible();
  const toFix = page.getByRole('heading', { name: /^To fix \(\d+\)$/ });
  await expect(toFix).toBeVisible();
  const before = Number(/\((\d+)\)/.exec((await toFix.textContent())!)![1]);
  expect(before).toBeGreaterThan(0);

  // Waive the most urgent check that can be waived.
  const waive = page
    .getByRole('button', { name: /^Waive [A-Z]+-\d+$/ })
    .first();
  const label = (await waive.getAttribute('aria-label'))!;
  const checkId = label.replace('Waive ', '');
  await waive.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /Reason/ })).toBeFocused();
  await dialog
    .getByRole('textbox', { name: /Reason/ })
    .fill(
      `Browser test ${new Date().toISOString()}: accepted until the fix ships`,
    );
  await dialog.getByRole('button', { name: 'Waive check' }).click();
  await expect(dialog).toBeHidden();

  const waived = page.getByRole('region', { name: 'Waived and attested' });
  await expect(waived.getByText(checkId, { exact: true })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: `To fix (${before - 1})` }),
  ).toBeVisible();

  // Rescan: progress while it runs, then the refreshed scorecard in which the
  // scan applied the waiver.
  await page.getByRole('button', { name: 'Rescan this service now' }).click();
  await expect(
    page.getByRole('progressbar', { name: 'Scan in progress' }),
  ).toBeVisible();
  await expect(
    page.getByText('Rescan complete: the scorecard below is up to date.'),
  ).toBeVisible({ timeout: SCAN_TIMEOUT });
  // Applied by the scan: no longer "Waived (from next scan)".
  await expect(
    waived.getByRole('button', {
      name: new RegExp(`^Waived (?!\\(from next scan\\)).*${checkId}`),
    }),
  ).toBeVisible();

  await page.screenshot({
    path: 'e2e-test-results/screenshots/entity-tab.png',
    fullPage: true,
  });

  // The overview tab has the card, with its top items and a link back.
  await entityTab(page, 'Overview').click();
  const topItems = page.getByRole('list', { name: 'Top items to fix' });
  await expect(topItems).toBeVisible();
  await expect(topItems.getByRole('listitem')).not.toHaveCount(0);
  await expect(
    page.getByRole('link', { name: /View the ML debt scorecard/ }),
  ).toHaveAttribute('href', new RegExp(`${SERVICE}/ml-debt$`));
  await page.screenshot({
    path: 'e2e-test-results/screenshots/entity-card.png',
    fullPage: true,
  });
});

test('a component that is not an ML service has no ML Debt tab', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/payments-gateway');
  await expect(entityTab(page, 'Overview')).toBeVisible();
  await expect(entityTab(page, 'ML Debt')).toHaveCount(0);
});

import { APIRequestContext, expect, test } from '@playwright/test';

/**
 * The catalog index page's ML debt grade filter, against the real app and
 * backend on the demo estate: after the first scheduled scan cycle (about a
 * minute after the backend starts) the catalog module labels every scanned
 * ML service with ml-debt.io/grade; the filter offers the grades and lists
 * exactly the services the ml-debt API gives that grade.
 */
const BACKEND = process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';
const SCAN_TIMEOUT = 240_000;

interface Summary {
  entityRef: string;
  title?: string;
  grade: string;
}

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(
    `${BACKEND}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

test('the catalog offers a grade filter that lists exactly the services of that grade', async ({
  page,
  request,
}) => {
  test.setTimeout(SCAN_TIMEOUT + 60_000);
  const headers = { Authorization: `Bearer ${await guestToken(request)}` };

  // Wait for the scan cycle and for the catalog to carry every grade label.
  let scorecards: Summary[] = [];
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${BACKEND}/api/ml-debt/scorecards?limit=100`,
          { headers },
        );
        scorecards = res.ok() ? (await res.json()).items : [];
        const labelled = await request.get(
          `${BACKEND}/api/catalog/entities/by-query?filter=metadata.labels.ml-debt.io/grade&limit=100`,
          { headers },
        );
        const items = labelled.ok() ? (await labelled.json()).items : [];
        return scorecards.length > 0 && items.length === scorecards.length;
      },
      { timeout: SCAN_TIMEOUT, intervals: [5_000] },
    )
    .toBe(true);

  const grade = scorecards[0].grade;
  const expected = scorecards.filter(s => s.grade === grade);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // The guest owns some services; list all of them, then filter by grade.
  await page.getByTestId('user-picker-all').click();
  const input = page.getByLabel('ML debt grade');
  await expect(input).toBeVisible();
  await input.click();
  await page
    .getByRole('option', {
      name: new RegExp(`^${grade} \\(${expected.length}\\)`),
    })
    .click();
  await page.keyboard.press('Escape');

  await expect(page).toHaveURL(/filters%5BmlDebtGrade%5D=/);
  for (const service of expected) {
    await expect(
      page.getByRole('link', { name: service.title ?? service.entityRef }),
    ).toBeVisible();
  }
  await expect(
    page.getByText(new RegExp(`\\(${expected.length}\\)$`)).first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-results/screenshots/catalog-grade-filter.png',
    fullPage: true,
  });
});

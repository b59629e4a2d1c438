import { test, expect } from '@playwright/test';

test('a guest signs in and sees the demo ML estate in the catalog', async ({
  page,
}) => {
  await page.goto('/');

  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'ML Debt', exact: true }),
  ).toBeVisible();

  // The catalog index lists components; the demo estate's ML services are there.
  await expect(
    page.getByRole('link', { name: 'Fraud detection model' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Credit risk scoring' }),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-results/screenshots/catalog.png',
    fullPage: true,
  });
});

test('the ML Debt page lists the ML services and not the others', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'ML Debt', exact: true })
    .click();

  await expect(page.getByText(/ML services \(\d+\)/)).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Fraud detection model' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Payments gateway' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: 'e2e-test-results/screenshots/ml-debt-page.png',
    fullPage: true,
  });
});

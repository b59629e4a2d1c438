import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the real portal (frontend on :3000, backend on :7007,
 * embedded SQLite, the demo estate), in Debian's Chromium: these machines cannot
 * download Playwright's own browser builds.
 */
const chromium = process.env.ML_DEBT_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: [
    'packages/*/e2e-tests/**/*.test.ts',
    'plugins/*/e2e-tests/**/*.test.ts',
  ],
  timeout: 60_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
    ['json', { outputFile: 'e2e-test-results/results.json' }],
  ],
  // The same servers `./run start` starts. An already running portal is reused.
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command: 'yarn start app',
          url: 'http://localhost:3000',
          reuseExistingServer: true,
          timeout: 300_000,
        },
        {
          command: 'yarn start backend',
          url: 'http://localhost:7007/.backstage/health/v1/readiness',
          reuseExistingServer: true,
          timeout: 300_000,
        },
      ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: 'e2e-test-results',
  projects: [{ name: 'chromium' }],
});

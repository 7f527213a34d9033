import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './e2e/chromium';

const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8080);
const appPort = Number(process.env.APP_PORT ?? 5173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // Orthanc (behind a CORS proxy) for the DICOM specs; its returned teardown stops it.
  globalSetup: './e2e/dicom/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.cache/playwright-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${sandboxPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'npx tsx e2e/start.ts',
    url: `http://127.0.0.1:${sandboxPort}/fhir/metadata`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
    // As Ctrl-C would: e2e/start.ts then stops the PACS it started and removes its files (SIGKILL, Playwright's
    // default, left Orthanc's storage folder behind after every run).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: { SANDBOX_PORT: String(sandboxPort), APP_PORT: String(appPort) },
  },
});

/**
 * Shared Playwright fixtures and helpers: SMART launches through the sandbox EHR, axe scans, and a guard that
 * fails any test in which a page throws an uncaught error, breaks the Content Security Policy, logs an error to the
 * console, or prints a seeded patient's name or MRN to the console.
 */
import { test as base, expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SEED_PATIENTS, type SeedPatient } from './sandbox/seed';

export { expect };

export const APP_ORIGIN = `http://127.0.0.1:${process.env.APP_PORT ?? 5173}`;
export const SANDBOX_URL = `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 8080}`;

/** Text that must never reach the console: the seeded patients' names and MRNs. */
export const PATIENT_DATA_MARKERS: readonly string[] = SEED_PATIENTS.flatMap((p) => [p.name, p.family, p.mrn]);

/** What the guard saw in one test. */
export interface GuardLog {
  pageErrors: string[];
  cspViolations: string[];
  consoleErrors: string[];
  /** Every console message of every page and frame, as `type: text`. */
  console: string[];
}

interface GuardOptions {
  /** Set (with `test.use`) only in a test that provokes a CSP violation on purpose and checks it itself. */
  allowCspViolations: boolean;
  /** Set only where an error in the console is the expected behaviour; say why next to it. */
  allowConsoleErrors: boolean;
}

// The browser reports a failed HTTP request as a console error; the app handles those, so they are not bugs.
const NETWORK_ERROR = /^Failed to load resource: /;
const CSP_MESSAGE = /Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/i;

function describeViolation(v: { directive: string; blocked: string; source: string; sample: string }): string {
  return `${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source}${v.sample ? ` "${v.sample}"` : ''}`;
}

/** Puts another browser context (one a test opens itself) under the test's guard. */
export async function watchContext(context: BrowserContext, log: GuardLog): Promise<void> {
  // Chromium fires securitypolicyviolation in the page; a binding hands it to the test, whatever the page's CSP.
  await context.exposeBinding(
    '__reportCspViolation',
    ({ frame }, violation: Parameters<typeof describeViolation>[0]) => {
      log.cspViolations.push(`${frame.url()}: ${describeViolation(violation)}`);
    },
  );
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (v: unknown) => void }).__reportCspViolation;
      report?.({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
        sample: e.sample,
      });
    });
  });
  const onConsole = (p: Page) => (message: ConsoleMessage) => {
    const text = message.text();
    log.console.push(`${message.type()}: ${text}`);
    if (CSP_MESSAGE.test(text)) log.cspViolations.push(`${p.url()}: console: ${text}`);
    else if (message.type() === 'error' && !NETWORK_ERROR.test(text)) log.consoleErrors.push(`${p.url()}: ${text}`);
  };
  const watch = (p: Page) => {
    p.on('pageerror', (err) => log.pageErrors.push(`${p.url()}: ${err.message}`));
    p.on('console', onConsole(p));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

export const test = base.extend<{ guard: GuardLog } & GuardOptions>({
  allowCspViolations: [false, { option: true }],
  allowConsoleErrors: [false, { option: true }],
  guard: [
    async ({ context, allowCspViolations, allowConsoleErrors }, use) => {
      const log: GuardLog = { pageErrors: [], cspViolations: [], consoleErrors: [], console: [] };
      await watchContext(context, log);
      await use(log);
      expect(log.pageErrors, 'uncaught errors in the page').toEqual([]);
      if (!allowCspViolations) expect(log.cspViolations, 'Content Security Policy violations').toEqual([]);
      if (!allowConsoleErrors) expect(log.consoleErrors, 'errors in the console').toEqual([]);
      const leaks = log.console.filter((line) => PATIENT_DATA_MARKERS.some((marker) => line.includes(marker)));
      expect(leaks, 'patient names or MRNs in the console').toEqual([]);
    },
    { auto: true },
  ],
});

/** Runs axe on the page (including same-origin frames) and expects no violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const violations = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

export interface EhrLaunchOptions {
  /** Where the EHR opens the app: a new tab (default) or an iframe in the EHR page. */
  mode?: 'tab' | 'iframe';
  consent?: boolean;
  /** The sandbox EHR page to launch from (default: the main sandbox). */
  ehrUrl?: string;
}

/** Launches the app for a patient from the sandbox EHR page and returns the page the app runs in. */
export async function ehrLaunch(page: Page, patient: SeedPatient, options: EhrLaunchOptions = {}): Promise<Page> {
  await page.goto(options.ehrUrl ?? `${SANDBOX_URL}/`);
  if (options.mode === 'iframe') await page.getByLabel('Embedded iframe').check();
  if (options.consent) await page.getByLabel('Ask for consent').check();
  const launch = page.getByRole('button', { name: `Launch ${patient.name}` });
  if (options.mode === 'iframe') {
    await launch.click();
    return page;
  }
  const [app] = await Promise.all([page.context().waitForEvent('page'), launch.click()]);
  return app;
}

/** Standalone launch: the app asks the authorization server for a patient, the user picks one and decides. */
export async function standaloneLaunch(
  page: Page,
  patient: SeedPatient,
  decision: 'Allow' | 'Deny' = 'Allow',
): Promise<Page> {
  await page.goto(`${SANDBOX_URL}/`);
  await page.getByRole('link', { name: 'Standalone launch' }).click();
  await page.getByRole('button', { name: `Select ${patient.name}` }).click();
  await page.getByRole('button', { name: decision }).click();
  return page;
}

/** The access token fhirclient keeps in the tab's sessionStorage. */
export async function accessTokenOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string | null;
    const state = key
      ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { tokenResponse?: { access_token?: string } })
      : {};
    const token = state.tokenResponse?.access_token;
    if (!token) throw new Error('no access token in sessionStorage');
    return token;
  });
}

/** Expects the app's own patient banner to show this patient. */
export async function expectBanner(app: Page, patient: SeedPatient): Promise<void> {
  const banner = app.getByRole('region', { name: 'Patient' });
  await expect(banner).toContainText(patient.name);
  await expect(banner).toContainText(patient.mrn);
  await expect(banner).toContainText(patient.birthDate);
}

export type { BrowserContext };

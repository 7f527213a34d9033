/**
 * Shared Playwright fixtures and helpers: SMART launches through the sandbox EHR, axe scans, and a guard that
 * fails any test in which a page throws an uncaught error.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { SeedPatient } from './sandbox/seed';

export { expect };

export const APP_ORIGIN = `http://127.0.0.1:${process.env.APP_PORT ?? 5173}`;
export const SANDBOX_URL = `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 8080}`;

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (p: Page) => p.on('pageerror', (err) => errors.push(`${p.url()}: ${err.message}`));
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
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

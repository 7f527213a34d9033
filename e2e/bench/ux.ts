/**
 * The `ux` section of `npm run bench` (issue 18): how many clicks and keys a technologist needs to create a CT study
 * with one series of two instances, with and without an order. A script drives the production build in Chromium like
 * a keyboard user, from the study list to the saved study: every key press (Tab included) and every typed character
 * is counted by the script's own helpers; reading the page to know where the focus is costs nothing. It then checks
 * the study the server stored. Ports: BENCH_APP_PORT / BENCH_SANDBOX_PORT (default 5673 / 8580), as the browser
 * section.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import type { ImagingStudy } from 'fhir/r4';
import { SEED_PATIENTS } from '../sandbox/seed';
import { ehrLaunchId } from '../sandbox/testing/smart-client';
import { imrValidator } from '../../src/validation';
import { accessToken, launchChromium } from './browser/harness';
import { startBenchServers, type BenchServers } from './browser/servers';
import { markdownTable, type BenchSection } from './report';

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 5673);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 8580);
const WAIT_MS = 60_000;
const CT_IMAGE_STORAGE = 'urn:oid:1.2.840.10008.5.1.4.1.1.2';

const [ADA, , GRACE] = SEED_PATIENTS.map((p) => p.id) as [string, string, string];

/** A keyboard user: every press and typed character is counted. */
class Technologist {
  actions = 0;
  constructor(readonly page: Page) {}

  async press(key: string): Promise<void> {
    this.actions++;
    await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    this.actions += text.length;
    await this.page.keyboard.type(text);
  }

  /** Tab (or Shift+Tab) until the focus is on or in `target`, as a user does, each press counted. */
  async focus(target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 60): Promise<void> {
    await target.first().waitFor({ timeout: WAIT_MS });
    for (let i = 0; i < max; i++) {
      if (await hasFocus(target)) return;
      await this.press(key);
    }
    throw new Error(`The focus did not reach ${target.toString()} within ${max} presses of ${key}`);
  }

  /** In a focused autocomplete: types the query, then ArrowDown + Enter on the first option, which must match. */
  async pick(query: string, option: RegExp): Promise<void> {
    await this.type(query);
    const first = this.page.getByRole('listbox').getByRole('option').first();
    await first.waitFor({ timeout: WAIT_MS });
    await until(async () => option.test((await first.textContent()) ?? ''), `an option matching ${option.source}`);
    await this.press('ArrowDown');
    await this.press('Enter');
  }

  /** In a focused code picker: types an exact code and presses Enter, which selects it (no arrow keys needed). */
  async choose(code: string, selected: () => Promise<boolean>): Promise<void> {
    await this.type(code);
    await this.press('Enter');
    await until(selected, `${code} selected`);
  }
}

async function hasFocus(target: Locator): Promise<boolean> {
  if ((await target.count()) !== 1) return false;
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/** Waits for a condition the script reads from the page (no sleeps: polled each animation frame's worth). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const field = (scope: Page | Locator, name: string): Locator =>
  scope.getByRole('textbox', { name, exact: true }).or(scope.getByRole('combobox', { name, exact: true }));

async function launch(browser: Browser, servers: BenchServers, patientId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const launchId = await ehrLaunchId(servers.sandbox, { patientId });
  const query = new URLSearchParams({ iss: servers.sandbox.fhirBase, launch: launchId });
  await page.goto(`${servers.appOrigin}/launch.html?${query.toString()}`);
  await page.getByRole('heading', { name: 'Imaging studies' }).waitFor({ timeout: WAIT_MS });
  return page;
}

/** Picks the first CT order with the keyboard (its review applied with Enter); other orders' reviews are cancelled. */
async function pickCtOrder(user: Technologist, order: Locator): Promise<void> {
  const { page } = user;
  await user.focus(order);
  const review = page.getByRole('dialog', { name: 'Fill in from the order?' });
  for (let i = 0; i < 10; i++) {
    await user.press('ArrowDown');
    await review.waitFor({ timeout: WAIT_MS });
    if (/\bCT\b/.test((await review.textContent()) ?? '')) {
      await user.focus(review.getByRole('button', { name: 'Apply' }));
      await user.press('Enter');
      await review.waitFor({ state: 'hidden', timeout: WAIT_MS });
      return;
    }
    await user.press('Escape');
    await review.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await user.focus(order, 'Shift+Tab');
  }
  throw new Error('No CT order to pick');
}

/** The scripted flow; returns the count of actions and the saved study's id. */
async function createCtStudy(page: Page, withOrder: boolean): Promise<{ actions: number; id: string }> {
  const user = new Technologist(page);
  await user.focus(page.getByRole('link', { name: 'New study' }));
  await user.press('Enter');
  await page.getByRole('heading', { name: 'New imaging study' }).waitFor({ timeout: WAIT_MS });
  // The order picker is out of the Tab order (disabled) while the orders load, which takes a moment a person does not
  // notice; counting Tabs before it has loaded made this count differ from run to run.
  const order = page.getByRole('combobox', { name: 'Order', exact: true });
  await until(() => order.isEnabled(), 'the order picker');
  if (withOrder) await pickCtOrder(user, order);

  await user.focus(page.getByRole('button', { name: 'Generate', exact: true }));
  await user.press('Space');
  // What the order filled in is not typed again.
  const modality = field(page, 'Modality').locator('xpath=ancestor::*[contains(@class, "MuiAutocomplete-root")][1]');
  if (!/\bCT\b/.test((await modality.textContent()) ?? '')) {
    await user.focus(field(page, 'Modality'));
    await user.choose('CT', async () => /\bCT\b/.test((await modality.textContent()) ?? ''));
  }
  // One field that takes the whole date and time as typed, in the browser's zone.
  await user.focus(field(page, 'Started'));
  await user.type('2026-05-07 08:15');
  await user.focus(field(page, 'Endpoint'));
  await user.pick('Main', /Main PACS/);

  await user.focus(page.getByRole('button', { name: 'Add series' }));
  await user.press('Enter');
  const series = page.getByRole('group', { name: 'Series 1', exact: true });
  await user.focus(series.getByRole('button', { name: 'Generate Series Instance UID' }));
  await user.press('Enter');
  await user.focus(field(series, 'Series modality'));
  await user.choose('CT', async () => /^CT\b/.test(await field(series, 'Series modality').inputValue()));
  for (const n of [1, 2]) {
    await user.focus(series.getByRole('button', { name: 'Add instance to series 1' }));
    await user.press('Enter');
    const instance = series.getByRole('group', { name: `Instance ${n}`, exact: true });
    await user.focus(instance.getByRole('button', { name: 'Generate SOP Instance UID' }));
    await user.press('Enter');
    // A new instance takes the SOP class of the one before it: only the first is picked.
    if (n === 1) {
      await user.focus(field(instance, 'SOP class'));
      await user.pick('CT Image', /^CT Image Storage/);
    }
  }

  await user.focus(page.getByRole('button', { name: 'Save' }));
  await user.press('Enter');
  await page.getByRole('status').filter({ hasText: 'The imaging study was saved.' }).waitFor({ timeout: WAIT_MS });
  await until(async () => /#\/study\/[^/]+$/.test(page.url()), 'the saved study’s address');
  return { actions: user.actions, id: new URL(page.url()).hash.replace('#/study/', '') };
}

/** Reads the stored study and checks it is the CT study the script made (and linked to the order when asked). */
async function checkSaved(page: Page, servers: BenchServers, id: string, withOrder: boolean): Promise<void> {
  const response = await fetch(`${servers.sandbox.fhirBase}/ImagingStudy/${id}`, {
    headers: { authorization: `Bearer ${await accessToken(page)}`, accept: 'application/fhir+json' },
  });
  const study = (await response.json()) as ImagingStudy;
  const errors = imrValidator()
    .validate(study)
    .issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const problems = [
    ...errors.map((e) => `invalid: ${e.details?.text ?? e.code}`),
    ...(study.modality?.some((m) => m.code === 'CT') ? [] : ['no CT modality']),
    ...(study.series?.length === 1 ? [] : [`${study.series?.length ?? 0} series`]),
    ...(study.series?.[0]?.instance?.length === 2 ? [] : ['not two instances']),
    ...(study.series?.[0]?.instance?.every((i) => i.sopClass.code === CT_IMAGE_STORAGE) ? [] : ['not CT images']),
    ...(withOrder === (study.basedOn?.some((r) => r.reference?.startsWith('ServiceRequest/')) ?? false)
      ? []
      : [withOrder ? 'not linked to the order' : 'linked to an order']),
  ];
  if (problems.length > 0) throw new Error(`The saved study ${id} is not as scripted: ${problems.join('; ')}`);
}

export async function uxBench(): Promise<BenchSection> {
  process.stderr.write('bench: ux: building the app and starting the servers\n');
  const servers = await startBenchServers(APP_PORT, SANDBOX_PORT);
  const browser = await launchChromium();
  try {
    const counts: Record<string, number> = {};
    for (const [key, patient, withOrder] of [
      ['ux.new_study.actions.no_order', GRACE, false],
      ['ux.new_study.actions.with_order', ADA, true],
    ] as const) {
      process.stderr.write(`bench: ux: ${key}\n`);
      const page = await launch(browser, servers, patient);
      const { actions, id } = await createCtStudy(page, withOrder);
      await checkSaved(page, servers, id, withOrder);
      counts[key] = actions;
      await page.context().close();
    }
    return {
      title: 'UX: clicks and keys to create a CT study (1 series, 2 instances)',
      markdown: markdownTable(
        ['flow', 'clicks + keys'],
        [
          ['without an order', String(counts['ux.new_study.actions.no_order'])],
          ['with an order', String(counts['ux.new_study.actions.with_order'])],
        ],
      ),
      results: counts,
    };
  } finally {
    await browser.close();
    await servers.close();
  }
}

/**
 * Issue 4: the whole flow with the keyboard alone. After the launch (done in the EHR, by mouse), every action in
 * the app is a key press through page.keyboard; the test only reads the page to know where focus is.
 */
import type { Locator, Page } from '@playwright/test';
import type { ImagingStudy } from 'fhir/r4';
import { SEED_PATIENTS } from './sandbox/seed';
import { expect, test } from './fixtures';
import { fhirGet, field, launchApp, validationErrors } from './editor-helpers';

const alan = SEED_PATIENTS[1] as (typeof SEED_PATIENTS)[0];

async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/** Presses `key` (Tab or Shift+Tab) until focus is on or inside `target`; fails after `max` presses. */
async function moveFocusTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await target.count()) === 1 && (await hasFocus(target))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`focus did not reach ${target.toString()} within ${max} presses of ${key}`);
}

/** In a focused autocomplete: types the query, waits for the matching option, then ArrowDown + Enter picks it. */
async function pickWithKeys(page: Page, query: string, option: RegExp): Promise<void> {
  await page.keyboard.type(query);
  const listbox = page.getByRole('listbox');
  await expect(listbox.getByRole('option').first()).toHaveAccessibleName(option);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(listbox).toHaveCount(0);
}

test('a study is created from the study list to the saved study with the keyboard alone', async ({ page }) => {
  // A long flow, on a test machine that may be busy: triple the timeout.
  test.slow();
  const app = await launchApp(page, alan);
  const keys = app.keyboard;

  await moveFocusTo(app, app.getByRole('link', { name: 'New study' }));
  await keys.press('Enter');
  await expect(app.getByRole('heading', { name: 'New imaging study' })).toBeVisible();

  // The order: a native select, where ArrowDown moves to the newest order; its review is applied with Enter.
  const order = app.getByRole('combobox', { name: 'Order', exact: true });
  await expect(order).toBeEnabled();
  await moveFocusTo(app, order);
  await keys.press('ArrowDown');
  const review = app.getByRole('dialog', { name: 'Fill in from the order?' });
  await expect(review).toBeVisible();
  await moveFocusTo(app, review.getByRole('button', { name: 'Apply' }));
  await keys.press('Enter');
  await expect(review).toBeHidden();
  await expect(app.getByText('Linked to order: ACC2403160002')).toBeVisible();

  await moveFocusTo(app, app.getByRole('button', { name: 'Generate', exact: true }));
  await keys.press('Space');
  await expect(field(app, 'Study Instance UID')).toHaveValue(/^2\.25\.\d+$/);

  // Status keeps its default; Modality: search by meaning, then by code.
  await moveFocusTo(app, field(app, 'Modality'));
  await pickWithKeys(app, 'magnetic resonance', /^MR\b/);
  await pickWithKeys(app, 'US', /^US\b/);
  // Back to Status: the images are not all in yet, so the study is only registered.
  await moveFocusTo(app, field(app, 'Status'), 'Shift+Tab');
  await keys.press('ArrowUp');
  await expect(field(app, 'Status')).toHaveValue('registered');

  // One field takes the whole date-time; an offset typed after it is kept (else the browser's zone is used).
  await moveFocusTo(app, field(app, 'Started'));
  await keys.type('2026-05-07 08:15:00-12:00');

  await moveFocusTo(app, field(app, 'Endpoint'));
  await pickWithKeys(app, 'Research', /Research PACS/);

  await moveFocusTo(app, app.getByRole('button', { name: 'More details' }));
  await keys.press('Enter');
  await moveFocusTo(app, field(app, 'Description'));
  await keys.type('MR knee, typed without a mouse');

  await moveFocusTo(app, app.getByRole('button', { name: 'Add series' }));
  await keys.press('Enter');
  const series = app.getByRole('group', { name: 'Series 1', exact: true });
  // Focus moves into the new series, to its first field.
  await expect(field(series, 'Series Instance UID')).toBeFocused();
  await moveFocusTo(app, series.getByRole('button', { name: 'Generate Series Instance UID' }));
  await keys.press('Enter');
  await moveFocusTo(app, field(series, 'Series modality'));
  await pickWithKeys(app, 'MR', /^MR\b/);
  await moveFocusTo(app, series.getByRole('button', { name: 'Add instance to series 1' }));
  await keys.press('Enter');
  const instance = series.getByRole('group', { name: 'Instance 1', exact: true });
  await expect(field(instance, 'SOP Instance UID')).toBeFocused();
  await moveFocusTo(app, instance.getByRole('button', { name: 'Generate SOP Instance UID' }));
  await keys.press('Enter');
  await moveFocusTo(app, field(instance, 'SOP class'));
  await pickWithKeys(app, 'MR Image', /^MR Image Storage/);

  await expect(app.getByRole('heading', { name: 'No issues' })).toBeVisible();
  await moveFocusTo(app, app.getByRole('button', { name: 'Save' }));
  await keys.press('Enter');
  await expect(app.getByRole('status').filter({ hasText: 'The imaging study was saved.' })).toBeVisible();
  await expect(app).toHaveURL(/#\/study\/[^/]+$/);

  const saved = await fhirGet<ImagingStudy>(app, `ImagingStudy/${new URL(app.url()).hash.replace('#/study/', '')}`);
  expect(validationErrors(saved)).toEqual([]);
  expect(saved.status).toBe('registered');
  expect(saved.basedOn?.map((r) => r.reference)).toEqual(['ServiceRequest/order-alan-mr-brain']);
  expect(saved.modality?.map((m) => m.code)).toEqual(['MR', 'US']);
  expect(saved.started).toBe('2026-05-07T08:15:00-12:00');
  expect(saved.endpoint?.[0]?.reference).toBe('Endpoint/endpoint-research-pacs');
  expect(saved.description).toBe('MR knee, typed without a mouse');
  expect(saved.series?.[0]?.instance?.[0]?.sopClass?.code).toBe('urn:oid:1.2.840.10008.5.1.4.1.1.4');
});

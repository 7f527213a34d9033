/**
 * Issue 4, live validation in the browser: each mandatory field's error appears while the user edits and clears
 * when it is fixed; hostile text is stored as typed and rendered as text; a pasted `urn:oid:` UID is accepted.
 */
import type { Page } from '@playwright/test';
import { SEED_PATIENTS } from './sandbox/seed';
import { expect, test } from './fixtures';
import {
  expectFieldError,
  expectFieldValid,
  fhirGet,
  field,
  helperTextOf,
  openNewStudy,
  pickCodes,
  readFhirJson,
  typeDateTime,
} from './editor-helpers';
import type { ImagingStudy } from 'fhir/r4';

const grace = SEED_PATIENTS[2] as (typeof SEED_PATIENTS)[0];

/** Fails the test if the page opens any dialog (alert/confirm/prompt), e.g. from injected script. */
function forbidDialogs(app: Page): string[] {
  const dialogs: string[] = [];
  app.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

test.describe('Study Instance UID', () => {
  const cases: [problem: string, typed: string, message: string | RegExp][] = [
    ['a leading-zero component', '1.2.03', 'has a number with a leading zero ("03")'],
    ['a letter', '1.2.3a', 'may contain only digits and dots, but has "a"'],
    ['a trailing dot', '1.2.3.', 'must not end with a dot'],
    ['more than 64 characters', `1.${'2'.repeat(63)}`, 'is 65 characters long; the maximum is 64'],
  ];
  for (const [problem, typed, message] of cases) {
    test(`${problem} is reported while typing and cleared when fixed`, async ({ page }) => {
      const app = await openNewStudy(page, grace);
      const uid = field(app, 'Study Instance UID');
      await uid.click();
      // Typed key by key: the error must show at the field without leaving it.
      await uid.pressSequentially(typed.slice(0, -1));
      await expectFieldValid(uid);
      await uid.press(typed.slice(-1));
      await expectFieldError(uid, message);
      await expect(uid).toBeFocused();
      // The other required fields are still to fill: counted, never hidden behind "No issues".
      await expect(app.getByRole('heading', { name: 'Issues: 3 fields still to fill, 1 error' })).toBeVisible();

      await uid.press('Backspace');
      await expectFieldValid(uid);
      await expect(uid).toHaveValue(typed.slice(0, -1));
      await expect(app.getByRole('heading', { name: 'Issues: 3 fields still to fill' })).toBeVisible();
    });
  }

  test('pasting urn:oid:1.2.3 stores urn:oid:1.2.3', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const app = await openNewStudy(page, grace);
    await app.evaluate(() => navigator.clipboard.writeText('urn:oid:1.2.3'));
    const uid = field(app, 'Study Instance UID');
    await uid.focus();
    await app.keyboard.press('ControlOrMeta+V');
    await expect(uid).toHaveValue('1.2.3');
    await expectFieldValid(uid);
    expect((await readFhirJson(app)).identifier).toEqual([{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' }]);
  });

  test('clearing it reports that it is required, and what was typed elsewhere survives a failed save', async ({
    page,
  }) => {
    const app = await openNewStudy(page, grace);
    const uid = field(app, 'Study Instance UID');
    await uid.fill('1.2.3');
    await uid.press('ControlOrMeta+A');
    await uid.press('Backspace');
    await expectFieldError(uid, /required|missing/i);

    await app.getByRole('button', { name: 'More details' }).click();
    await field(app, 'Description').fill('Kept after a failed save');
    await app.getByRole('button', { name: 'Save' }).click();
    await expect(app.getByRole('heading', { name: 'Issues: 4 fields still to fill' })).toBeFocused();
    await expect(field(app, 'Description')).toHaveValue('Kept after a failed save');
    // The summary's link for the UID issue brings the user back to the field.
    await app
      .getByRole('region', { name: /^Issues/ })
      .getByRole('button', { name: 'Study Instance UID' })
      .click();
    await expect(uid).toBeFocused();
  });
});

test('Status: choosing no status is an error, choosing one clears it', async ({ page }) => {
  const app = await openNewStudy(page, grace);
  const status = field(app, 'Status');
  await expect(status).toHaveValue('available');
  await status.selectOption('');
  await expectFieldError(status, /required|missing/i);
  await status.selectOption('registered');
  await expectFieldValid(status);
});

test('Modality: removing the last modality is an error, picking one clears it', async ({ page }) => {
  const app = await openNewStudy(page, grace);
  const modality = field(app, 'Modality');
  await pickCodes(app, 'Modality', ['CT']);
  await expectFieldValid(modality);
  await modality.focus();
  await modality.press('Backspace');
  await expect(app.getByRole('button', { name: /^CT\b/ })).toHaveCount(0);
  await expectFieldError(modality, /required|missing|at least/i);
  await pickCodes(app, 'Modality', ['MR']);
  await expectFieldValid(modality);
});

test('Started: clearing the date is an error, typing one clears it', async ({ page }) => {
  const app = await openNewStudy(page, grace);
  const started = field(app, 'Started');
  await typeDateTime(app, '2026-03-04 10:20:30');
  const json = await readFhirJson(app);
  expect(json.started).toMatch(/^2026-03-04T10:20:30[+-]\d\d:\d\d$/);

  // Clear it: the value goes, and the required error shows at the field once it is left.
  await started.click();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.press('Backspace');
  await app.keyboard.press('Tab');
  await expectFieldError(started, /Started is required/);
  await typeDateTime(app, '2025-01-02 03:04:05');
  // Valid again: the field's hint (format and time zone) replaces the error.
  await expect(started).toHaveAttribute('aria-invalid', 'false');
  await expect(await helperTextOf(started)).toContainText('A date and time (2024-05-01 14:30:00) or a date alone');
  expect((await readFhirJson(app)).started).toMatch(/^2025-01-02T03:04:05[+-]\d\d:\d\d$/);
});

test('Endpoint: removing the last endpoint is an error, choosing one clears it', async ({ page }) => {
  const app = await openNewStudy(page, grace);
  const endpoint = field(app, 'Endpoint');
  await endpoint.click();
  await app.getByRole('option', { name: /Main PACS/ }).click();
  await expectFieldValid(endpoint);
  await endpoint.focus();
  await endpoint.press('Backspace');
  await expectFieldError(endpoint, /required|missing|at least/i);
  await endpoint.click();
  await endpoint.fill('Research');
  await app.getByRole('option', { name: /Research PACS/ }).click();
  await expectFieldValid(endpoint);
  expect((await readFhirJson(app)).endpoint).toEqual([
    expect.objectContaining({ reference: 'Endpoint/endpoint-research-pacs' }),
  ]);
});

test.describe('hostile text', () => {
  const hostile = [
    '<script>window.__injected = "script"</script>',
    '<img src=x onerror="window.__injected = \'img\'; alert(1)">',
    '\u202Egnp.exe',
    'zero\u200Bwidth\u200Cnon\u200Djoiner',
    // Not whitespace for FHIR (XML Schema's \s is only space, tab, CR and LF), so a string with them is valid.
    'no\u00A0break\uFEFFbom',
  ].join(' ');

  test('is stored as typed, rendered as text, and saved unchanged', async ({ page }) => {
    // A long flow, on a test machine that may be busy: triple the timeout.
    test.slow();
    const app = await openNewStudy(page, grace);
    const dialogs = forbidDialogs(app);
    await app.getByRole('button', { name: 'Generate', exact: true }).click();
    await pickCodes(app, 'Modality', ['CT']);
    await typeDateTime(app, '2026-03-04 10:20:30');
    await field(app, 'Endpoint').click();
    await app.getByRole('option', { name: /Main PACS/ }).click();
    await app.getByRole('button', { name: 'More details' }).click();
    await field(app, 'Description').fill(hostile);
    await app.getByRole('button', { name: 'Add series' }).click();
    const series = app.getByRole('group', { name: 'Series 1', exact: true });
    await series.getByRole('button', { name: 'Generate Series Instance UID' }).click();
    await pickCodes(series, 'Series modality', ['CT']);
    await field(series, 'Series description').fill(hostile);
    // The series header echoes nothing of the description, but the form and JSON must show it as text.
    await expect(field(app, 'Description')).toHaveValue(hostile);

    const json = await readFhirJson(app);
    expect(json.description).toBe(hostile);
    expect(json.series?.[0]?.description).toBe(hostile);
    await app.getByRole('tab', { name: 'FHIR JSON' }).click();
    await expect(app.getByLabel('ImagingStudy JSON')).toContainText('<script>window.__injected');
    await app.getByRole('tab', { name: 'Form' }).click();

    await app.getByRole('button', { name: 'Save' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'The imaging study was saved.' })).toBeVisible();
    const id = new URL(app.url()).hash.replace('#/study/', '');
    const saved = await fhirGet<ImagingStudy>(app, `ImagingStudy/${id}`);
    expect(saved.description).toBe(hostile);
    // Reopened from the server, the text is shown as typed again.
    await app.reload();
    await app.getByRole('button', { name: 'More details' }).click();
    await expect(field(app, 'Description')).toHaveValue(hostile);

    expect(await app.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
    await expect(app.locator('img[src="x"], main script')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test('1 MB of text is kept whole', async ({ page }) => {
    const app = await openNewStudy(page, grace);
    const dialogs = forbidDialogs(app);
    const big = '<b>bold</b>\u202E\u200B ab'.repeat((1024 * 1024) / 16);
    expect(big.length).toBe(1024 * 1024);
    await app.getByRole('button', { name: 'More details' }).click();
    const description = field(app, 'Description');
    await description.fill(big);
    await expect(description).toHaveValue(big);
    expect((await readFhirJson(app)).description).toBe(big);
    await expect(app.locator('main b')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});

/**
 * Hostile strings typed into the editor: every text input of the form (study, More details, a series, the inline
 * endpoint form) takes every hostile string; the short ones are also typed into the description (key by key where
 * per-key behaviour matters); the description is saved with
 * each of them and read back. Nothing may run, values stay text, and the app keeps working.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  expectNothingExecuted,
  HOSTILE_STRINGS,
  isTypeable,
  label,
  watchDialogs,
  type HostileString,
} from './hostile-strings';
import { fhir } from './sandbox/testing/smart-client';
import {
  countCases,
  expectSafeLinks,
  launchPatient,
  openDetails,
  startOwnSandbox,
  type OwnSandbox,
} from './security-helpers';
import { SEED_STUDY } from './sandbox/seed';

test.describe.configure({ mode: 'parallel' });

let own: OwnSandbox;

test.beforeAll(async () => {
  own = await startOwnSandbox();
});
test.afterAll(async () => {
  await own?.close();
});

/** The editable text inputs and text areas of the editor, as the accessibility tree has them (hidden ones left out). */
async function textInputs(app: Page): Promise<Locator[]> {
  const form = app.getByRole('form', { name: 'ImagingStudy editor' });
  const candidates = await form.getByRole('textbox').or(form.getByRole('combobox')).all();
  const editable: Locator[] = [];
  for (const candidate of candidates) {
    const isText = await candidate.evaluate(
      (el) => (el instanceof HTMLInputElement && el.type === 'text') || el instanceof HTMLTextAreaElement,
    );
    if (isText && (await candidate.isEditable())) editable.push(candidate);
  }
  return editable;
}

/** Whether a FHIR server must refuse the string: control characters other than tab, CR and LF (a null, say). */
function hasControlCharacters(value: string): boolean {
  return [...value].some((c) => c.charCodeAt(0) < 32 && !'\t\r\n'.includes(c));
}

async function describeInput(input: Locator): Promise<string> {
  return input.evaluate((el) => {
    const id = el.getAttribute('id');
    const text = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : undefined;
    return text ?? el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.tagName;
  });
}

/** Launches the app and opens a new study with every input shown: More details, one series, a new endpoint. */
async function openFullEditor(page: Page): Promise<Page> {
  const app = await launchPatient(page, own.sandbox, 'ada-lovelace');
  await app.getByRole('link', { name: 'New study' }).click();
  await expect(app.getByRole('heading', { name: 'New imaging study' })).toBeVisible();
  await openDetails(app);
  await app.getByRole('button', { name: 'Add series' }).click();
  await app.getByRole('button', { name: 'New endpoint' }).click();
  return app;
}

// The inputs are split over two tests that run side by side: each takes every other input.
for (const part of [0, 1]) {
  test(`every text input of the editor takes every hostile string as plain text (part ${part + 1} of 2)`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const app = await openFullEditor(page);
    const dialogs = watchDialogs(app);
    const all = await textInputs(app);
    expect(all.length, 'text inputs found').toBeGreaterThanOrEqual(12);
    const mine = all.filter((_, i) => i % 2 === part);
    const names: string[] = [];
    for (const input of mine) {
      const name = await describeInput(input);
      names.push(name);
      const { isTextArea, isCombobox } = await input.evaluate((el) => ({
        isTextArea: el.tagName === 'TEXTAREA',
        isCombobox: el.getAttribute('role') === 'combobox',
      }));
      for (const hostile of HOSTILE_STRINGS) {
        await input.fill(hostile.value);
        // Entered text keeps its line breaks in a text area (as LF); a single-line input turns each into a space.
        const expected = hostile.value.replace(/\r\n|\r|\n/g, isTextArea ? '\n' : ' ');
        // The endpoint picker empties its search text whenever its options change (reported to the form's owner);
        // its text must still never be anything but the typed string.
        const allowed = isCombobox && name.startsWith('Endpoint') ? [expected, ''] : [expected];
        expect(allowed, `${name}: ${label(hostile)}`).toContain(await input.inputValue());
        if (isCombobox) await app.keyboard.press('Escape'); // closes the list of options
      }
      // A payload that ran leaves its marks (and a CSP report, which the guard fails on) until the end.
      await expectNothingExecuted(app, dialogs);
      await input.fill('');
    }
    await expectSafeLinks(app);
    await expect(app.getByRole('button', { name: 'Save' })).toBeEnabled();
    test.info().annotations.push(countCases(`${mine.length} text inputs`, HOSTILE_STRINGS.length, names.join(', ')));
  });
}

/**
 * Where per-key behaviour is the point: a string whose prefixes are themselves different markup, entities,
 * templates or code-point sequences (half a tag, half a surrogate pair) goes through the live validator and the
 * JSON view once per key. The rest are filled: typing them key by key checks nothing more and only takes time.
 */
const KEY_BY_KEY = new Set([
  'script tag',
  'img onerror',
  'HTML entities of a script tag',
  'template expression',
  'template literal',
  'right-to-left override',
  'combining characters (zalgo)',
  'astral-plane emoji and surrogates',
]);

test('hostile strings typed into the description stay text, also in the FHIR JSON view', async ({ page }) => {
  const app = await openFullEditor(page);
  const dialogs = watchDialogs(app);
  // Where a keyboard can type them: a tab would move the focus, a megabyte would take hours.
  const description = app.getByRole('textbox', { name: 'Description', exact: true });
  const typeable = HOSTILE_STRINGS.filter(
    (s) => isTypeable(s) && !/[\t\r\n]/.test(s.value) && !s.value.includes('\u0000'),
  );
  const keyed = typeable.filter((s) => KEY_BY_KEY.has(s.name));
  expect(keyed.map((s) => s.name).sort()).toEqual([...KEY_BY_KEY].sort());
  for (const hostile of typeable) {
    await description.fill('');
    if (KEY_BY_KEY.has(hostile.name)) await description.pressSequentially(hostile.value);
    else await description.fill(hostile.value);
    await expect(description, label(hostile)).toHaveValue(hostile.value);
  }
  await expectNothingExecuted(app, dialogs);

  // The FHIR JSON view holds the last value as text, and the editor still works.
  await app.getByRole('tab', { name: 'FHIR JSON' }).click();
  const json = JSON.parse((await app.getByLabel('ImagingStudy JSON').textContent()) ?? '') as { description?: string };
  expect(json.description).toBe(typeable[typeable.length - 1]?.value);
  await app.getByRole('tab', { name: 'Form' }).click();
  await expect(description).toHaveValue(typeable[typeable.length - 1]?.value ?? '');
  await expectNothingExecuted(app, dialogs);
  test.info().annotations.push(countCases('typed into Description', typeable.length));
  test.info().annotations.push(countCases('of them key by key', keyed.length));
});

test('a description with each hostile string is saved, read back and shown as text', async ({ page }) => {
  test.setTimeout(240_000);
  const app = await launchPatient(page, own.sandbox, 'ada-lovelace');
  const dialogs = watchDialogs(app);
  await app.evaluate((id) => (window.location.hash = `#/study/${id}`), SEED_STUDY.id);
  await openDetails(app);
  const description = app.getByRole('textbox', { name: 'Description', exact: true });
  await expect(description).toHaveValue('CT chest without contrast');

  let saved = 0;
  const refused: string[] = [];
  const storedDescription = async (): Promise<unknown> =>
    (await fhir(own.sandbox, own.adminToken, `ImagingStudy/${SEED_STUDY.id}`)).body.description;
  for (const hostile of HOSTILE_STRINGS) {
    // What the text area holds (line breaks as LF) is what is saved.
    const typed = hostile.value.replace(/\r\n?/g, '\n');
    await openDetails(app); // a saved study's editor starts afresh, with the section closed
    await description.fill(hostile.value);
    await app.getByRole('button', { name: 'Save' }).click();
    if (hasControlCharacters(hostile.value)) {
      // Not a valid FHIR string: the app's validator or the server says so, nothing is stored, the typing stays.
      refused.push(hostile.name);
      await expect(app.getByRole('heading', { name: /^Issues: [1-9]/ }), label(hostile)).toBeVisible();
      await expect(app.getByRole('form', { name: 'ImagingStudy editor' })).toContainText(
        /must be text|Invalid string format/,
      );
      expect(await description.inputValue()).toBe(typed);
      expect(await storedDescription()).not.toBe(hostile.value);
    } else {
      await expect.poll(storedDescription, { message: label(hostile), timeout: 15_000 }).toBe(typed);
      await expect(app.getByText('The imaging study was saved.')).toBeVisible();
      saved++;
    }
    await expectNothingExecuted(app, dialogs);
  }
  // The last one read back from the server after a reload comes back as the field's value.
  const last = [...HOSTILE_STRINGS].reverse().find((h) => !hasControlCharacters(h.value)) as HostileString;
  await app.reload();
  await openDetails(app);
  await expect.poll(() => description.inputValue()).toBe(last.value.replace(/\r\n?/g, '\n'));
  await expectNothingExecuted(app, dialogs);
  expect(saved + refused.length).toBe(HOSTILE_STRINGS.length);
  expect(refused, 'the strings with control characters, and only those, refused').toEqual(
    HOSTILE_STRINGS.filter((h) => hasControlCharacters(h.value)).map((h) => h.name),
  );
  test
    .info()
    .annotations.push(
      countCases(
        'save of Description (stored value checked)',
        HOSTILE_STRINGS.length,
        `${saved} saved, ${refused.length} refused as invalid FHIR strings`,
      ),
    );
});

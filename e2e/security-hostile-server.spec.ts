/**
 * Hostile strings from the server: patient names and MRNs (banner), study descriptions (list and editor), endpoint
 * names and addresses (picker), and OperationOutcome messages. Each is stored through the FHIR API of a sandbox of
 * this file's own; what the sandbox refuses to store (null bytes) is put into its answers on the way to the app.
 * Nothing may run, everything must show as text, and the app must keep working.
 */
import type { Page } from '@playwright/test';
import { expect, test, watchContext } from './fixtures';
import { expectNothingExecuted, HOSTILE_STRINGS, label, watchDialogs, type HostileString } from './hostile-strings';
import {
  countCases,
  expectSafeLinks,
  launchPatient,
  launchPatientDirectly,
  openDetails,
  startOwnSandbox,
  substituteInResponses,
  type OwnSandbox,
} from './security-helpers';
import { IMAGING_STUDY_ENDPOINT_PROFILE, SEED_ENDPOINTS, SEED_STUDY } from './sandbox/seed';

const MRN_TYPE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

let own: OwnSandbox;

test.beforeAll(async () => {
  own = await startOwnSandbox();
});
test.afterAll(async () => {
  await own?.close();
});

/** Stores resources made from each hostile string; a refused string is stored as a placeholder and substituted. */
async function storeEach(
  make: (value: string, index: number) => Record<string, unknown>,
  placeholder: (index: number) => string,
): Promise<{ ids: string[]; replacements: Map<string, string>; refused: number }> {
  const ids: string[] = [];
  const replacements = new Map<string, string>();
  for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
    let created = await own.create(make(hostile.value, index));
    if (!created.id) {
      replacements.set(placeholder(index), hostile.value);
      created = await own.create(make(placeholder(index), index));
    }
    if (!created.id) throw new Error(`could not store a resource for ${label(hostile)}: ${created.refusal ?? ''}`);
    ids.push(created.id);
  }
  return { ids, replacements, refused: replacements.size };
}

/** The exact text content of an element, as the browser holds it (no whitespace folding). */
function textOf(app: Page, selector: string): Promise<string> {
  return app
    .locator(selector)
    .first()
    .evaluate((el) => el.textContent ?? '');
}

test('hostile patient names and MRNs launch from the EHR and show as text in the banner', async ({
  page,
  browser,
  guard,
}) => {
  test.setTimeout(240_000);
  const { ids, replacements, refused } = await storeEach(
    (value) => ({
      resourceType: 'Patient',
      name: [{ use: 'official', text: value }],
      identifier: [{ type: MRN_TYPE, value }],
      birthDate: '1970-01-01',
    }),
    (i) => `hostile-patient-placeholder-${i}`,
  );
  await substituteInResponses(page.context(), own.sandbox.fhirBase, replacements);

  // The EHR page lists them all (as text: it escapes them) before any launch.
  await page.goto(`${own.sandbox.url}/`);
  await expect(page.locator('button[name="patient"]')).toHaveCount(3 + HOSTILE_STRINGS.length);
  await expectNothingExecuted(page);

  const checkBanner = async (app: Page, hostile: HostileString): Promise<void> => {
    const dialogs = watchDialogs(app);
    const banner = app.getByRole('region', { name: 'Patient' });
    await expect(banner, label(hostile)).toBeVisible();
    expect(await textOf(app, '[data-testid="patient-name"]'), label(hostile)).toBe(hostile.value.trim());
    expect(await banner.evaluate((el) => el.textContent ?? ''), label(hostile)).toContain(`MRN: ${hostile.value}`);
    await expectNothingExecuted(app, dialogs);
    await app.close();
  };
  // The EHR page's own button for the first patient and the megabyte.
  const viaPage = (i: number): boolean => i === 0 || (HOSTILE_STRINGS[i]?.value.length ?? 0) > 100_000;
  const indexes = HOSTILE_STRINGS.map((_, i) => i);
  for (const index of indexes.filter(viaPage)) {
    await checkBanner(await launchPatient(page, own.sandbox, ids[index] as string), HOSTILE_STRINGS[index]!);
  }
  // The others the same way without drawing the page, a few browsers (contexts: one sign-in each) at a time.
  const rest = indexes.filter((i) => !viaPage(i));
  for (let start = 0; start < rest.length; start += 4) {
    await Promise.all(
      rest.slice(start, start + 4).map(async (index) => {
        const context = await browser.newContext();
        try {
          await watchContext(context, guard);
          await substituteInResponses(context, own.sandbox.fhirBase, replacements);
          await checkBanner(
            await launchPatientDirectly(context, own.sandbox, ids[index] as string),
            HOSTILE_STRINGS[index]!,
          );
        } finally {
          await context.close();
        }
      }),
    );
  }
  test
    .info()
    .annotations.push(
      countCases(
        '2 banner fields (name, MRN)',
        HOSTILE_STRINGS.length,
        `${refused} refused by the server, substituted`,
      ),
    );
});

test('hostile study descriptions show as text in the study list and in the editor', async ({ page }) => {
  test.setTimeout(180_000);
  const patientId = 'grace-hopper';
  const { ids, replacements, refused } = await storeEach(
    (value, i) => ({
      resourceType: 'ImagingStudy',
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:2.25.${9_000_000 + i}` }],
      status: 'available',
      modality: [{ system: DCM, code: 'CT' }],
      subject: { reference: `Patient/${patientId}` },
      started: `2024-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`,
      endpoint: [{ reference: `Endpoint/${SEED_ENDPOINTS[0].id}` }],
      description: value,
    }),
    (i) => `hostile-description-placeholder-${i}`,
  );
  await substituteInResponses(page.context(), own.sandbox.fhirBase, replacements);
  const app = await launchPatient(page, own.sandbox, patientId);
  const dialogs = watchDialogs(app);
  const list = app.getByRole('region', { name: 'Imaging studies' });
  await expect(list.getByRole('row')).toHaveCount(1 + HOSTILE_STRINGS.length);

  const shown = await list.locator('tbody tr td:nth-child(3)').evaluateAll((cells) => cells.map((c) => c.textContent));
  for (const hostile of HOSTILE_STRINGS) expect(shown, label(hostile)).toContain(hostile.value);
  await expectSafeLinks(app);
  await expectNothingExecuted(app, dialogs);

  // Each opens in the editor with its description as the field's value.
  for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
    await app.evaluate((id) => (window.location.hash = `#/study/${id}`), ids[index] as string);
    await expect(app.getByRole('textbox', { name: 'Study Instance UID' })).toHaveValue(`2.25.${9_000_000 + index}`);
    await openDetails(app);
    const description = app.getByRole('textbox', { name: 'Description', exact: true });
    // A text area's value has its line breaks normalized to LF.
    const expected = hostile.value.replace(/\r\n?/g, '\n');
    await expect.poll(() => description.inputValue(), { message: label(hostile) }).toBe(expected);
  }
  await expectNothingExecuted(app, dialogs);
  await expect(app.getByRole('button', { name: 'Save' })).toBeEnabled();
  test
    .info()
    .annotations.push(countCases('2 places (study list, editor)', HOSTILE_STRINGS.length, `${refused} substituted`));
});

test('hostile endpoint names and addresses show as text in the endpoint picker, never as links', async ({ page }) => {
  test.setTimeout(120_000);
  let hostileAddresses = 0;
  const replacements = new Map<string, string>();
  for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
    const endpoint = (name: string, address: string) => ({
      resourceType: 'Endpoint',
      meta: { profile: [IMAGING_STUDY_ENDPOINT_PROFILE] },
      status: 'active',
      connectionType: {
        system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
        code: 'dicom-wado-rs',
      },
      payloadType: [{ coding: [{ system: DCM, code: '113014' }] }],
      name,
      address,
    });
    const placeholder = `hostile-endpoint-placeholder-${index}`;
    // The address is hostile too wherever the server takes it as a URL (javascript:, data:, markup without spaces).
    const attempts: [string, string][] = [
      [hostile.value, hostile.value],
      [hostile.value, `https://pacs.example.org/dicom-web/${index}`],
      [placeholder, `https://pacs.example.org/dicom-web/${index}`],
    ];
    for (const [attempt, [name, address]] of attempts.entries()) {
      if (!(await own.create(endpoint(name, address))).id) continue;
      if (attempt === 0) hostileAddresses++;
      if (attempt === 2) replacements.set(placeholder, hostile.value);
      break;
    }
  }
  await substituteInResponses(page.context(), own.sandbox.fhirBase, replacements);

  const app = await launchPatient(page, own.sandbox, 'ada-lovelace');
  const dialogs = watchDialogs(app);
  await app.getByRole('link', { name: 'New study' }).click();
  await app.getByRole('combobox', { name: 'Endpoint', exact: true }).click();
  const listbox = app.getByRole('listbox');
  await expect(listbox.getByRole('option')).toHaveCount(SEED_ENDPOINTS.length + HOSTILE_STRINGS.length);
  const options = await listbox.getByRole('option').evaluateAll((items) => items.map((i) => i.textContent ?? ''));
  for (const hostile of HOSTILE_STRINGS) {
    expect(
      options.some((o) => o.includes(hostile.value)),
      label(hostile),
    ).toBe(true);
  }
  expect(await listbox.locator('a').count(), 'links in the endpoint picker').toBe(0);
  await expectSafeLinks(app);
  await expectNothingExecuted(app, dialogs);

  // Picking the one whose name and address are a javascript: URL keeps it as a chip of text.
  await listbox.getByRole('option', { name: 'javascript:window.__pwned=6' }).first().click();
  await expect(app.getByRole('button', { name: 'javascript:window.__pwned=6', exact: true })).toBeVisible();
  await expectSafeLinks(app);
  await expectNothingExecuted(app, dialogs);
  test
    .info()
    .annotations.push(
      countCases(
        'endpoint picker (name and address)',
        HOSTILE_STRINGS.length,
        `${hostileAddresses} with a hostile address too, ${replacements.size} substituted`,
      ),
    );
});

test('hostile OperationOutcome messages from the server show as text at the form and at the field', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const fieldIssues = HOSTILE_STRINGS.slice(0, 5);
  own.rejectStudiesWith(
    HOSTILE_STRINGS.map((hostile, i) => ({
      severity: 'error',
      code: 'processing',
      details: { text: hostile.value },
      ...(i < fieldIssues.length ? { expression: ['ImagingStudy.description'] } : {}),
    })),
  );
  try {
    const app = await launchPatient(page, own.sandbox, 'ada-lovelace');
    const dialogs = watchDialogs(app);
    await app.evaluate((id) => (window.location.hash = `#/study/${id}`), SEED_STUDY.id);
    await openDetails(app);
    const description = app.getByRole('textbox', { name: 'Description', exact: true });
    await expect(description).toHaveValue('CT chest without contrast');
    await app.getByRole('button', { name: 'Save' }).click();

    const form = app.getByRole('form', { name: 'ImagingStudy editor' });
    await expect(form.getByRole('heading', { name: /^Issues: / })).toBeVisible();
    const text = await form.evaluate((el) => el.textContent ?? '');
    for (const hostile of HOSTILE_STRINGS) expect(text.includes(hostile.value), label(hostile)).toBe(true);
    await expect(description).toHaveAttribute('aria-invalid', 'true');
    await expectNothingExecuted(app, dialogs);

    // The server is fine again: the same editor saves, the user's study untouched by the messages.
    own.rejectStudiesWith(undefined);
    await description.fill('CT chest without contrast, reviewed');
    await app.getByRole('button', { name: 'Save' }).click();
    await expect(app.getByText('The imaging study was saved.')).toBeVisible();
    await expectNothingExecuted(app, dialogs);
  } finally {
    own.rejectStudiesWith(undefined);
  }
  test
    .info()
    .annotations.push(
      countCases('server OperationOutcome (issue summary; 5 also at the Description field)', HOSTILE_STRINGS.length),
    );
});

test("hostile order text (accession number, procedure, requester's name) shows as text in the order picker", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const patientId = 'grace-hopper'; // the seeded patient without orders
  const placeholder = (i: number) => `hostile-order-placeholder-${i}`;
  const { ids: people, replacements: names } = await storeEach(
    (value) => ({ resourceType: 'Practitioner', name: [{ text: value }] }),
    (i) => `hostile-practitioner-placeholder-${i}`,
  );
  const { replacements, refused } = await storeEach(
    (value, i) => ({
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      category: [{ coding: [{ system: 'http://snomed.info/sct', code: '363679005' }] }],
      subject: { reference: `Patient/${patientId}` },
      authoredOn: `2024-02-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`,
      identifier: [
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] },
          system: 'http://hospital.example.org/identifiers/accession',
          value,
        },
      ],
      code: { text: value },
      requester: { reference: `Practitioner/${people[i] ?? ''}`, display: value },
    }),
    placeholder,
  );
  for (const [key, value] of names) replacements.set(key, value);
  await substituteInResponses(page.context(), own.sandbox.fhirBase, replacements);
  const app = await launchPatient(page, own.sandbox, patientId);
  const dialogs = watchDialogs(app);
  await app.getByRole('link', { name: 'New study' }).click();
  const picker = app.getByRole('combobox', { name: 'Order', exact: true });
  await expect(picker).toBeEnabled({ timeout: 30_000 });
  const options = await picker.locator('option').evaluateAll((all) => all.map((o) => o.textContent ?? ''));
  expect(options).toHaveLength(HOSTILE_STRINGS.length + 2);
  for (const hostile of HOSTILE_STRINGS) {
    // Accession number, procedure and requester are all the hostile string, as text.
    expect(
      options.some((o) => o.split(hostile.value).length >= 3),
      label(hostile),
    ).toBe(true);
  }
  // One is picked (the newest): its review and the linked order show the text as it is.
  await picker.selectOption({ index: 1 });
  const review = app.getByRole('dialog', { name: 'Fill in from the order?' });
  await expect(review).toBeVisible();
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(app.getByText(/^Linked to order: /)).toBeVisible();
  await expectSafeLinks(app);
  await expectNothingExecuted(app, dialogs);
  await expect(app.getByRole('button', { name: 'Save' })).toBeEnabled();
  test
    .info()
    .annotations.push(
      countCases(
        '3 places of an order (accession, procedure, requester)',
        HOSTILE_STRINGS.length,
        `${refused} substituted`,
      ),
    );
});

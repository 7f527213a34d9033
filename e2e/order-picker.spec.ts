/**
 * Issue 15, the order: the editor lists the patient's imaging orders; picking one links the study to it (basedOn)
 * and fills the accession number, procedure, referrer and reason after a review; unlinking keeps the values; "No
 * order" saves an unscheduled study; without the order scope the picker is off, saying why.
 */
import type { ImagingStudy } from 'fhir/r4';
import type { Page } from '@playwright/test';
import { expectAccessible } from './fixtures';
import { ACCESSION_SYSTEM, SEED_ORDERS, SEED_REFERRERS } from './sandbox/seed';
import {
  ada,
  expect,
  expectSaved,
  field,
  fillNewStudy,
  freshUid,
  launch,
  openNewStudy,
  saveButton,
  SLOW,
  test,
} from './save-helpers';

test.describe.configure({ timeout: 120_000 });

const [ctContrast, , mrKneeRevoked] = SEED_ORDERS;
const ORDER = ctContrast as (typeof SEED_ORDERS)[number];
const REVOKED = mrKneeRevoked as (typeof SEED_ORDERS)[number];
const requester = SEED_REFERRERS.find((r) => r.id === ORDER.requesterId);

const orderSelect = (app: Page) => app.getByRole('combobox', { name: /^(Order|Link another order)$/ });

async function pickOrder(app: Page, id: string): Promise<void> {
  await expect(orderSelect(app)).toBeEnabled({ timeout: SLOW });
  await orderSelect(app).selectOption(`ServiceRequest/${id}`);
  const review = app.getByRole('dialog', { name: 'Fill in from the order?' });
  await expect(review).toBeVisible();
  await expectAccessible(app);
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review).toBeHidden();
}

test('picking an order links the study and fills it; saved and reopened, the order shows as linked', async ({
  page,
  sandbox,
  admin,
}) => {
  const app = await launch(page, sandbox);
  await openNewStudy(app);
  // A revoked order is listed but cannot be picked.
  const revoked = orderSelect(app).locator('option', { hasText: REVOKED.accession });
  await expect(revoked).toBeDisabled({ timeout: SLOW });
  await expect(revoked).toContainText('revoked');

  await pickOrder(app, ORDER.id);
  await expect(field(app, 'Accession number')).toHaveValue(ORDER.accession);
  await expect(app.getByText(`Linked to order: ${ORDER.accession}`)).toBeVisible();
  const uid = freshUid();
  await fillNewStudy(app, uid);

  await app.getByRole('tab', { name: 'FHIR JSON' }).click();
  const json = JSON.parse((await app.getByLabel('ImagingStudy JSON').textContent()) ?? '') as ImagingStudy;
  expect(json.basedOn?.[0]?.reference).toBe(`ServiceRequest/${ORDER.id}`);
  expect(json.identifier?.[1]).toMatchObject({ system: ACCESSION_SYSTEM, value: ORDER.accession });
  expect(json.procedureCode?.[0]?.coding?.[0]?.system).toBe('http://www.radlex.org');
  expect(json.referrer?.reference).toBe(`Practitioner/${ORDER.requesterId}`);
  expect(json.reasonCode?.[0]?.coding?.[0]?.code).toBe(ORDER.reason.code);
  expect(json.encounter?.reference).toBe(`Encounter/${ada.encounterId}`);
  await app.getByRole('tab', { name: 'Form' }).click();

  await saveButton(app).click();
  const id = await expectSaved(app);
  const stored = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
  expect(stored.basedOn?.map((r) => r.reference)).toEqual([`ServiceRequest/${ORDER.id}`]);
  expect(stored.identifier?.find((i) => i.system === ACCESSION_SYSTEM)?.value).toBe(ORDER.accession);
  expect(stored.referrer?.reference).toBe(`Practitioner/${ORDER.requesterId}`);
  expect(stored.encounter?.reference).toBe(`Encounter/${ada.encounterId}`);

  await app.reload();
  await expect(app.getByText(`Linked to order: ${ORDER.accession}`)).toBeVisible({ timeout: SLOW });
  await expect(
    app.getByText(requester ? `${requester.given} ${requester.family}` : 'no requester').first(),
  ).toBeVisible();
});

test('unlinking keeps the values; "No order" saves an unscheduled study', async ({ page, sandbox, admin }) => {
  const app = await launch(page, sandbox);
  await openNewStudy(app);
  await pickOrder(app, ORDER.id);
  await app.getByRole('button', { name: /^Unlink order/ }).click();
  await expect(app.getByText('Linked to order:')).toHaveCount(0);
  await expect(field(app, 'Accession number')).toHaveValue(ORDER.accession);

  await orderSelect(app).selectOption({ label: 'No order (unscheduled)' });
  await expect(app.getByText('No order: an unscheduled study.')).toBeVisible();
  await field(app, 'Accession number').fill('');
  const uid = freshUid();
  await fillNewStudy(app, uid);
  await saveButton(app).click();
  const id = await expectSaved(app);
  const stored = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
  expect(stored.basedOn).toBeUndefined();
});

test('without the order scope the picker is off and names it; the study still saves', async ({ page, sandbox }) => {
  const app = await launch(page, sandbox, { withhold: ['patient/ServiceRequest.rs'] });
  await openNewStudy(app);
  await expect(orderSelect(app)).toBeDisabled();
  await expect(orderSelect(app)).toHaveAccessibleDescription(/patient\/ServiceRequest\.s/);
  await fillNewStudy(app, freshUid());
  await saveButton(app).click();
  await expectSaved(app);
});

test("a new study is in the launch's encounter, shown with its class and period, and can leave it", async ({
  page,
  sandbox,
  admin,
}) => {
  const app = await launch(page, sandbox);
  await openNewStudy(app);
  const encounter = field(app, 'Encounter');
  await expect(encounter).toHaveValue(new RegExp(`^Encounter/${ada.encounterId} · .*\\d{4}-\\d{2}-\\d{2}`), {
    timeout: SLOW,
  });
  await app.getByRole('button', { name: 'Remove the encounter' }).click();
  await expect(encounter).toHaveCount(0);
  await fillNewStudy(app, freshUid());
  await saveButton(app).click();
  const id = await expectSaved(app);
  expect((await admin.read<ImagingStudy>(`ImagingStudy/${id}`)).encounter).toBeUndefined();
});

test('nothing below the order picker moves while its code and the orders arrive', async ({ page, sandbox }) => {
  // Hold the picker's chunk and the order search until the editor has painted without them.
  const held: (() => void)[] = [];
  const hold = (route: Parameters<Parameters<Page['route']>[1]>[0]): Promise<void> =>
    new Promise<void>((release) => held.push(() => release())).then(() => route.continue());
  await page.context().route(/\/assets\/OrderPicker-[\w-]+\.js$/, hold);
  await page.context().route(/\/fhir\/ServiceRequest\?/, hold);
  const app = await launch(page, sandbox);
  await openNewStudy(app);
  const lookup = app.getByRole('button', { name: 'Look up in PACS' });
  await expect(app.getByText('Loading the orders…')).toBeVisible();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  const before = await lookup.boundingBox();

  // Release whatever is held, including what the picker asks for once its code is there.
  await expect
    .poll(() => {
      for (const release of held.splice(0)) release();
      return orderSelect(app).isEnabled();
    })
    .toBe(true);
  await expect(app.getByText(/\d+ orders for this patient, newest first\./)).toBeVisible();
  expect(await lookup.boundingBox()).toEqual(before);
});

/**
 * Issue 18, coded fields become pickers: a series' body site from DICOM CID 4031 and laterality from CID 244, the
 * study type and reason from the codes the patient's orders carry, and the referrer from a search of the server's
 * Practitioners. (Without the Practitioner scope the referrer picker says why: security-scopes.spec.ts.)
 */
import { expect, expectAccessible, test } from './fixtures';
import { openNewStudy, readFhirJson } from './editor-helpers';
import { SEED_ORDERS, SEED_PATIENTS, SEED_REFERRERS } from './sandbox/seed';

const ada = SEED_PATIENTS[0]!;
const order = SEED_ORDERS.find((o) => o.patientId === ada.id && o.status === 'active')!;
const referrer = SEED_REFERRERS.find((r) => r.id === 'practitioner-fenwick')!;
const SNOMED = 'http://snomed.info/sct';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('body site "chest" picks the SNOMED-coded Chest; study type and reason come from the orders; the referrer search finds a seeded Practitioner', async ({
  page,
}) => {
  const app = await openNewStudy(page, ada);
  await app.getByRole('button', { name: 'Add series' }).click();
  const series = app.getByRole('group', { name: 'Series 1' });
  await series.getByRole('combobox', { name: 'Body site', exact: true }).fill('chest');
  await app.getByRole('option', { name: /^Chest\s*816094009$/ }).click();
  await series.getByRole('combobox', { name: 'Laterality', exact: true }).click();
  await app.getByRole('option', { name: /^Bilateral\s*51440002$/ }).click();
  // No system / code / meaning boxes unless asked for.
  await expect(series.getByRole('textbox', { name: /Body site code/ })).toHaveCount(0);

  await app.getByRole('button', { name: /More details/ }).click();
  await app.getByRole('combobox', { name: 'Study type', exact: true }).click();
  await app.getByRole('option', { name: new RegExp(`^${escape(order.procedure.text)}`) }).click();
  await app.getByRole('combobox', { name: 'Reason', exact: true }).click();
  await app.getByRole('option', { name: new RegExp(`^${escape(order.reason.display ?? '')}`) }).click();
  await app.keyboard.press('Escape');

  await app.getByRole('combobox', { name: 'Referrer', exact: true }).fill(referrer.family.slice(0, 4).toLowerCase());
  await app
    .getByRole('option', { name: new RegExp(`${referrer.given} ${referrer.family}\\s*${referrer.staffNumber}`) })
    .click();
  await expectAccessible(app);

  const json = await readFhirJson(app);
  expect(json.series?.[0]?.bodySite).toEqual({ system: SNOMED, code: '816094009', display: 'Chest' });
  expect(json.series?.[0]?.laterality).toEqual({ system: SNOMED, code: '51440002', display: 'Bilateral' });
  // The order's RadLex Playbook coding first, then its other codings and text as they are.
  expect(json.procedureCode).toEqual([
    { coding: [order.procedure.radlex, order.procedure.loinc], text: order.procedure.text },
  ]);
  expect(json.reasonCode).toEqual([{ coding: [order.reason], text: order.reason.display }]);
  expect(json.referrer).toEqual({
    reference: `Practitioner/${referrer.id}`,
    display: `Dr. ${referrer.given} ${referrer.family}`,
  });
});

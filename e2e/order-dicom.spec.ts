/**
 * Issue 15, DICOM and the PACS: an import whose AccessionNumber is one of the patient's orders offers to link it, and
 * the PACS lookup starts from the linked order's accession number and finds the study the PACS holds for it (the
 * PACS that `npm start`'s code seeds: e2e/dicom/seed-pacs.ts, here through Playwright's start-up of the same code).
 */
import fs from 'node:fs';
import { ehrLaunch, expect, expectAccessible, test } from './fixtures';
import { dropFiles, openNewStudy, previewRow, requirePacs } from './dicom/helpers';
import { kneeStudy, tempDir, writeStudy } from './dicom/generate';
import { PACS_SEED_STUDIES } from './dicom/seed-pacs';
import { SEED_ORDERS, SEED_PATIENTS, type SeedPatient } from './sandbox/seed';

const ada = SEED_PATIENTS[0] as SeedPatient;
const ORDER = SEED_ORDERS.find((o) => o.id === 'order-ada-ct-chest-contrast') as (typeof SEED_ORDERS)[number];
const IN_PACS = PACS_SEED_STUDIES.find((s) => s.orderId === ORDER.id);

let dir: string;
test.beforeEach(() => {
  dir = tempDir();
});
test.afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test("an import whose accession number is one of the patient's orders offers to link that order", async ({ page }) => {
  const study = writeStudy(dir, kneeStudy(ada, ORDER.accession));
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await dropFiles(app, study.files);
  const review = app.getByRole('dialog', { name: 'Review the import from DICOM' });
  const link = review.getByRole('checkbox', { name: /^Link the order with this accession number: / });
  await expect(link).toBeChecked();
  await expect(link).toHaveAccessibleName(new RegExp(ORDER.accession));
  await expect(previewRow(app, 'Based on')).toContainText(ORDER.accession);
  await expectAccessible(app);
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(app.getByText(`Linked to order: ${ORDER.accession}`)).toBeVisible();
});

test("the PACS lookup starts from the linked order's accession number and finds the study the PACS holds", async ({
  page,
}) => {
  await requirePacs();
  expect(IN_PACS, 'the PACS is seeded with a study for the order').toBeDefined();
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  const order = app.getByRole('combobox', { name: 'Order' });
  await expect(order).toBeEnabled();
  await order.selectOption(`ServiceRequest/${ORDER.id}`);
  await app.getByRole('dialog', { name: 'Fill in from the order?' }).getByRole('button', { name: 'Apply' }).click();

  await app.getByRole('button', { name: 'Look up in PACS' }).click();
  const lookup = app.getByRole('dialog', { name: 'Look up the study in the PACS' });
  await expect(lookup.getByRole('textbox', { name: 'Accession number' })).toHaveValue(ORDER.accession);
  await lookup.getByRole('button', { name: 'Search' }).click();
  await expect(lookup.getByRole('table', { name: 'Studies found' }).getByRole('row')).toHaveCount(2);
  await expect(lookup.getByRole('button', { name: new RegExp(`accession ${ORDER.accession}`) })).toBeVisible();
});

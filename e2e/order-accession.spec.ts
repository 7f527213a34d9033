/**
 * Issue 15, the accession number: a field of the study beside the Study Instance UID, checked while typing as DICOM
 * VR SH, stored as an ACSN identifier in the site's namespace, and looked up for other studies that carry it.
 */
import type { ImagingStudy } from 'fhir/r4';
import { expectAccessible } from './fixtures';
import { ACCESSION_SYSTEM, SEED_STUDY } from './sandbox/seed';
import { expect, expectSaved, field, saveButton, SLOW, startFilledNewStudy, test } from './save-helpers';

test.describe.configure({ timeout: 120_000 });

const ACSN = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] };

test('a 17-character accession number is flagged while typing, and cleared at 16', async ({ page, sandbox }) => {
  const { app } = await startFilledNewStudy(page, sandbox);
  const accession = field(app, 'Accession number');
  await accession.fill('ACC-2026-0000001');
  await expect(accession).toHaveAttribute('aria-invalid', 'false');
  await accession.press('7');
  await expect(accession).toHaveAttribute('aria-invalid', 'true');
  await expect(accession).toHaveAccessibleDescription(
    'Accession number is 17 characters long; DICOM allows at most 16',
  );
  await accession.press('Backspace');
  await expect(accession).toHaveAttribute('aria-invalid', 'false');
  await expect(accession).not.toHaveAccessibleDescription(/17 characters/);
});

test('an accession number another study has gets a warning that names that study and opens it', async ({
  page,
  sandbox,
}) => {
  const { app } = await startFilledNewStudy(page, sandbox);
  await field(app, 'Accession number').fill(SEED_STUDY.accession);
  const warning = app.getByRole('alert').filter({ hasText: `the accession number ${SEED_STUDY.accession}` });
  await expect(warning).toBeVisible({ timeout: SLOW });
  await expect(warning).toContainText('Another study has');
  await expectAccessible(app);
  // A warning, not an error: the study can still be saved.
  await expect(saveButton(app)).toBeEnabled();
  await warning.getByRole('link', { name: /^Open the study/ }).click();
  // What was typed is an unsaved change: leaving it is confirmed (it stays in the tab as a draft).
  await app.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave' }).click();
  await expect(app).toHaveURL(new RegExp(`#/study/${SEED_STUDY.id}$`));
  await expect(field(app, 'Accession number')).toHaveValue(SEED_STUDY.accession);
});

test('the accession number is saved trimmed, as an ACSN identifier in the site namespace', async ({
  page,
  sandbox,
  admin,
}) => {
  const { app, uid } = await startFilledNewStudy(page, sandbox);
  const value = `A${Date.now().toString().slice(-9)}`;
  await field(app, 'Accession number').fill(`  ${value} `);
  await saveButton(app).click();
  const id = await expectSaved(app);
  const study = await admin.read<ImagingStudy>(`ImagingStudy/${id}`);
  expect(study.identifier).toEqual([
    { system: 'urn:dicom:uid', value: `urn:oid:${uid}` },
    { type: ACSN, system: ACCESSION_SYSTEM, value },
  ]);
  // Reopened, the number is back in its field.
  await expect(field(app, 'Accession number')).toHaveValue(value);
});

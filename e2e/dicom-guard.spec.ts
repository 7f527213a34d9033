import fs from 'node:fs';
import { ehrLaunch, expect, expectAccessible, test } from './fixtures';
import { tempDir, threeSeriesStudy, writeStudy } from './dicom/generate';
import { dropFiles, openNewStudy, pickEndpoint, saveAndReadBack } from './dicom/helpers';
import { SEED_PATIENTS, type SeedPatient } from './sandbox/seed';

const alan = SEED_PATIENTS[1] as SeedPatient;

let dir: string;
test.beforeEach(() => {
  dir = tempDir();
});
test.afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a DICOM PatientID that differs from the launch patient triggers the guard, and after confirmation the note is in the saved study', async ({
  page,
}) => {
  const study = writeStudy(
    dir,
    threeSeriesStudy(alan, { withOffset: true, accession: 'ACC-GUARD', patientId: 'MRN-999999' }),
  );
  const app = await ehrLaunch(page, alan);
  await openNewStudy(app);
  await dropFiles(app, study.files);

  const review = app.getByRole('dialog', { name: 'Review the import from DICOM' });
  const guard = review.getByRole('alert').filter({ hasText: 'These images may belong to another patient' });
  await expect(guard).toBeVisible();
  const row = guard.getByRole('table', { name: 'Patient mismatch' }).getByRole('row', { name: /Patient ID \/ MRN/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText('MRN-999999');
  await expect(row.getByRole('cell').nth(1)).toHaveText(alan.mrn);
  // Name and birth date match: only the ID is listed.
  await expect(guard.getByRole('table', { name: 'Patient mismatch' }).getByRole('row')).toHaveCount(2);
  await expectAccessible(app);

  const apply = review.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeDisabled();
  await guard.getByRole('checkbox', { name: /I have checked/ }).check();
  await expect(apply).toBeEnabled();
  await apply.click();

  await pickEndpoint(app, 'Main PACS (DICOMweb)');
  const saved = await saveAndReadBack(app);
  expect(saved.note).toHaveLength(1);
  const note = saved.note?.[0];
  expect(note?.text).toContain('did not match the launch patient; the user confirmed the import');
  expect(note?.text).toContain(`Patient ID / MRN: DICOM "MRN-999999", launch patient "${alan.mrn}"`);
  expect(Date.parse(note?.time ?? '')).not.toBeNaN();
});

test('cancelling the guarded import leaves the form as it was', async ({ page }) => {
  const study = writeStudy(
    dir,
    threeSeriesStudy(alan, { withOffset: true, accession: 'ACC-GUARD-2', patientId: 'OTHER-1' }),
  );
  const app = await ehrLaunch(page, alan);
  await openNewStudy(app);
  await app.getByLabel('Study Instance UID').fill('2.25.1234');
  await dropFiles(app, study.files);
  const review = app.getByRole('dialog', { name: 'Review the import from DICOM' });
  await expect(review.getByRole('row', { name: /^Study Instance UID replaces/ })).toContainText('2.25.1234');
  await review.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    app.getByRole('status').filter({ hasText: 'Import cancelled; the form was not changed.' }),
  ).toBeVisible();
  await expect(app.getByLabel('Study Instance UID')).toHaveValue('2.25.1234');
});

/**
 * Hostile DICOM headers on import: a study whose descriptions, referrer, accession number and file names are hostile
 * strings (one series per string) is dropped on the editor. The review dialog and the filled form show them as text,
 * nothing runs (the headers are read in a worker, under the same CSP), and the editor keeps working.
 */
import { buildStudy, CT_IMAGE, notDicomFile } from '../src/import/testing/build';
import { pnOf } from './dicom/generate';
import { dropFileContents as drop } from './dicom/helpers';
import { ehrLaunch, expect, test } from './fixtures';
import { expectNothingExecuted, HOSTILE_STRINGS, label, watchDialogs } from './hostile-strings';
import { countCases, expectSafeLinks } from './security-helpers';
import { SEED_PATIENTS } from './sandbox/seed';

const ada = SEED_PATIENTS[0]!;
/** A DICOM long string has a 16-bit length: the megabyte is cut to what one element can hold. */
const DICOM_MAX = 60_000;

test('hostile DICOM header values and file names are shown as text on import', async ({ page }) => {
  test.setTimeout(120_000);
  const values = HOSTILE_STRINGS.map((h) => h.value.slice(0, DICOM_MAX));
  const study = buildStudy({
    patientId: ada.mrn,
    patientName: pnOf(ada),
    birthDate: ada.birthDate.replaceAll('-', ''),
    accession: '"><svg onload=1>',
    description: '<img src=x onerror="window.__pwned=101" data-pwned>',
    referringPhysician: '<script>window.__pwned=102</script>',
    date: '20240314',
    time: '092653',
    timezoneOffset: '+0100',
    series: values.map((description) => ({
      modality: 'CT',
      sopClassUid: CT_IMAGE,
      description,
      instances: 1,
      matrix: 2,
    })),
  });
  const hostileNames = HOSTILE_STRINGS.filter(
    (h) => h.value.length < 100 && !/[\r\n/]/.test(h.value) && !h.value.includes('\u0000'),
  );
  const files = [
    ...study.instances.map((instance, i) => ({
      name: `${hostileNames[i % hostileNames.length]?.value}.dcm`,
      bytes: instance.bytes,
    })),
    { name: '<img src=x onerror="window.__pwned=103" data-pwned>.txt', bytes: notDicomFile() },
  ];

  const app = await ehrLaunch(page, ada);
  const dialogs = watchDialogs(app);
  await app.getByRole('link', { name: 'New study' }).click();
  await expect(app.getByRole('region', { name: 'Fill from DICOM' })).toBeVisible();
  await drop(app, files);

  const review = app.getByRole('dialog', { name: 'Review the import from DICOM' });
  await expect(review).toBeVisible({ timeout: 30_000 });
  const changes = review.getByRole('table', { name: 'Changes to the form' });
  await expect(changes).toContainText('<img src=x onerror="window.__pwned=101" data-pwned>');
  await expect(changes).toContainText(`${HOSTILE_STRINGS.length} series`);
  await expect(review.getByRole('list', { name: 'Skipped files' })).toContainText(
    '<img src=x onerror="window.__pwned=103" data-pwned>.txt',
  );
  await expectNothingExecuted(app, dialogs);
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review).toBeHidden();

  // The form holds the header values as text: the study's description and each series' description.
  await app.getByRole('tab', { name: 'FHIR JSON' }).click();
  const json = JSON.parse((await app.getByLabel('ImagingStudy JSON').textContent()) ?? '') as {
    description?: string;
    series?: { description?: string }[];
  };
  expect(json.description).toBe('<img src=x onerror="window.__pwned=101" data-pwned>');
  const imported = (json.series ?? []).map((s) => s.description);
  expect(imported).toHaveLength(HOSTILE_STRINGS.length);
  // Series by series, in order, exactly as the headers hold them (null characters and all), as JSON text.
  for (const [i, hostile] of HOSTILE_STRINGS.entries()) expect(imported[i], label(hostile)).toBe(values[i]);
  await app.getByRole('tab', { name: 'Form' }).click();
  await expectSafeLinks(app);
  await expectNothingExecuted(app, dialogs);
  await expect(app.getByRole('button', { name: 'Save' })).toBeEnabled();
  test
    .info()
    .annotations.push(
      countCases(
        'DICOM series descriptions on import',
        HOSTILE_STRINGS.length,
        'plus study description, referrer, accession and file names',
      ),
    );
});

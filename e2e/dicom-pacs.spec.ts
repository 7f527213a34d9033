import { ehrLaunch, expect, expectAccessible, test } from './fixtures';
import { buildStudy } from '../src/import/testing/build';
import { threeSeriesStudy } from './dicom/generate';
import { addNewEndpoint, openNewStudy, previewRow, requirePacs, saveAndReadBack } from './dicom/helpers';
import { PACS_URL, storeInPacs } from './dicom/orthanc';
import { SEED_PATIENTS, type SeedPatient } from './sandbox/seed';

const grace = SEED_PATIENTS[2] as SeedPatient;

test.beforeAll(requirePacs);

/** A study of grace-hopper's in the PACS, with a run-unique accession number. */
async function storeStudy(accession: string, date: string) {
  const study = buildStudy(threeSeriesStudy(grace, { withOffset: true, accession, date }));
  await storeInPacs(study.instances.map((i) => i.bytes));
  return study;
}

test('QIDO-RS lookup against the real Orthanc fills the form', async ({ page }) => {
  // A run-unique accession number within DICOM's 16 characters (VR SH), with room for "-OLD".
  const accession = `P${Date.now().toString().slice(-9)}`;
  await storeStudy(`${accession}-OLD`, '20230105');
  const study = await storeStudy(accession, '20250105');
  const app = await ehrLaunch(page, grace);
  await openNewStudy(app);
  await app.getByRole('button', { name: 'Look up in PACS' }).click();

  const lookup = app.getByRole('dialog', { name: 'Look up the study in the PACS' });
  await expect(lookup.getByLabel('PACS endpoint')).toHaveValue('Endpoint/endpoint-main-pacs');
  await expect(lookup.getByLabel('Patient ID (MRN)')).toHaveValue(grace.mrn);
  await lookup.getByRole('button', { name: 'Search' }).click();

  const results = lookup.getByRole('table', { name: 'Studies found' });
  const row = results.getByRole('row').filter({ hasText: accession }).filter({ hasNotText: 'OLD' });
  await expect(row).toContainText('2025-01-05');
  await expect(row).toContainText('PET-CT whole body');
  await expect(row).toContainText('CT, PT, SR');
  await expect(row.getByRole('cell').nth(3)).toHaveText('3');
  await expect(row.getByRole('cell').nth(4)).toHaveText('6');
  await expect(results.getByRole('row').filter({ hasText: `${accession}-OLD` })).toContainText('2023-01-05');
  await expectAccessible(app);

  // The same study is found by its accession number, or by a date range that leaves the older one out.
  await lookup.getByLabel('Patient ID (MRN)').fill('');
  await lookup.getByLabel('Study date from').fill('2025-01-01');
  await lookup.getByLabel('Study date to').fill('2025-01-31');
  await lookup.getByRole('button', { name: 'Search' }).click();
  await expect(results.getByRole('row').filter({ hasText: accession })).toHaveCount(1);
  await expect(results.getByRole('row').filter({ hasText: `${accession}-OLD` })).toHaveCount(0);

  await row.getByRole('button', { name: /^Use the study of 2025-01-05/ }).click();
  const review = app.getByRole('dialog', { name: 'Review the import from DICOM' });
  await expect(review).toBeVisible();
  await expect(previewRow(app, 'Study Instance UID')).toContainText(study.studyUid);
  await expect(previewRow(app, 'Started')).toContainText('2025-01-05T09:26:53+01:00');
  await expect(previewRow(app, 'Study type')).toContainText('PET-CT Whole body');
  await expect(previewRow(app, 'Endpoint')).toContainText('Main PACS (DICOMweb)');
  await review.getByRole('button', { name: 'Apply' }).click();

  const saved = await saveAndReadBack(app);
  expect(saved.identifier?.[0]?.value).toBe(`urn:oid:${study.studyUid}`);
  expect(saved.identifier?.[1]?.value).toBe(accession);
  expect(saved.endpoint).toEqual([{ reference: 'Endpoint/endpoint-main-pacs', display: 'Main PACS (DICOMweb)' }]);
  expect(saved.series?.map((s) => [s.uid, s.modality.code, s.instance?.length])).toEqual([
    [study.seriesUids[0], 'CT', 3],
    [study.seriesUids[1], 'PT', 2],
    [study.seriesUids[2], 'SR', 1],
  ]);
  expect(saved.series?.[0]?.instance?.map((i) => i.uid)).toEqual(
    study.instances.slice(0, 3).map((i) => i.sopInstanceUid),
  );
  expect(saved.procedureCode?.[0]?.coding?.[0]?.code).toBe('44136-0');
  expect(saved.referrer).toEqual({ display: 'Dr Marie Curie' });
});

test.describe('lookup errors', () => {
  // Chrome itself logs a CORS refusal to the console as an error; the app shows it as a message instead.
  test.use({ allowConsoleErrors: true });

  test('lookup errors are readable: closed port, CORS refused, login required, not DICOMweb, no match', async ({
    page,
  }) => {
    const app = await ehrLaunch(page, grace);
    await openNewStudy(app);
    await addNewEndpoint(app, 'PACS without CORS', `${PACS_URL}/no-cors/dicom-web`);
    await addNewEndpoint(app, 'PACS with login', `${PACS_URL}/login/dicom-web`);
    await addNewEndpoint(app, 'Intranet page', `${PACS_URL}/not-dicomweb/dicom-web`);
    await app.getByRole('button', { name: 'Look up in PACS' }).click();
    const lookup = app.getByRole('dialog', { name: 'Look up the study in the PACS' });
    const endpoint = lookup.getByLabel('PACS endpoint');
    const search = lookup.getByRole('button', { name: 'Search' });
    const alert = lookup.getByRole('alert');
    // Search by accession number: the browser prints a refused URL in its console, and it must carry no MRN.
    await lookup.getByLabel('Patient ID (MRN)').fill('');
    await lookup.getByLabel('Accession number').fill('NO-SUCH-ACCESSION');

    const cases: [string, RegExp][] = [
      ['Research PACS (DICOMweb)', /No answer from http:\/\/127\.0\.0\.1:8043: the server could not be reached/],
      ['PACS without CORS', /answered, but the browser blocked the answer: .*\(CORS\)/],
      ['PACS with login', /asks for a login \(HTTP 401\)/],
      ['Intranet page', /not with DICOM JSON: it does not look like a DICOMweb \(QIDO-RS\) service/],
    ];
    for (const [name, message] of cases) {
      await endpoint.selectOption({ label: name });
      await search.click();
      await expect(alert).toHaveText(message);
    }

    await endpoint.selectOption({ label: 'Main PACS (DICOMweb)' });
    await search.click();
    await expect(lookup.getByRole('status').filter({ hasText: 'No study in this PACS matches.' })).toBeVisible();
  });
});

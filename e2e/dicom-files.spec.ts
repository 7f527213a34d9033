import fs from 'node:fs';
import { ehrLaunch, expect, expectAccessible, test } from './fixtures';
import { dropFiles, openNewStudy, pickEndpoint, previewRow, saveAndReadBack } from './dicom/helpers';
import { MR_IMAGE } from '../src/import/testing/build';
import { kneeStudy, tempDir, threeSeriesStudy, writeBadFiles, writeStudy } from './dicom/generate';
import { ACCESSION_SYSTEM, SEED_PATIENTS, type SeedPatient } from './sandbox/seed';

const ada = SEED_PATIENTS[0] as SeedPatient;
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

let dir: string;
test.beforeEach(() => {
  dir = tempDir();
});
test.afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test("dropping a generated study's files fills every mapped field, and the validator then reports no errors", async ({
  page,
}) => {
  const study = writeStudy(dir, threeSeriesStudy(ada, { withOffset: true, accession: 'ACC-DROP-1' }));
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await dropFiles(app, study.files);

  const review = app.getByRole('dialog', { name: 'Review the import from DICOM' });
  await expect(review).toBeVisible();
  await expect(previewRow(app, 'Study Instance UID')).toContainText(study.studyUid);
  await expect(previewRow(app, 'Accession number')).toContainText('ACC-DROP-1');
  await expect(previewRow(app, 'Started')).toContainText('2024-03-14T09:26:53+01:00');
  await expect(previewRow(app, 'Modality')).toContainText('CT, PT');
  await expect(previewRow(app, 'Description')).toContainText('PET-CT whole body');
  await expect(previewRow(app, 'Study type')).toContainText('PET-CT Whole body');
  await expect(previewRow(app, 'Referrer')).toContainText('Dr Marie Curie');
  await expect(previewRow(app, 'Series')).toContainText(
    '3 series: 1 CT (3 instances), 2 PT (2 instances), 3 SR (1 instance)',
  );
  await expect(review.getByText(/not added to the study's modalities.*: SR/)).toBeVisible();
  // No offset question: the files carry TimezoneOffsetFromUTC.
  await expect(review.getByLabel('Time zone of the study')).toHaveCount(0);
  await expectAccessible(app);
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review).toBeHidden();
  await expect(app.getByRole('status').filter({ hasText: 'Filled from DICOM: 3 series, 6 instances' })).toBeVisible();

  await expect(app.getByLabel('Study Instance UID')).toHaveValue(study.studyUid);
  await pickEndpoint(app, 'Main PACS (DICOMweb)');
  // Save runs the full IMR validation first and only writes when it reports no errors.
  const saved = await saveAndReadBack(app);
  expect(saved.identifier).toEqual([
    { system: 'urn:dicom:uid', value: `urn:oid:${study.studyUid}` },
    {
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] },
      // DICOM names no issuer: the accession number is the site's (its namespace from smart-config.json).
      system: ACCESSION_SYSTEM,
      value: 'ACC-DROP-1',
    },
  ]);
  expect(saved.started).toBe('2024-03-14T09:26:53+01:00');
  expect(saved.modality?.map((m) => [m.system, m.code])).toEqual([
    [DCM, 'CT'],
    [DCM, 'PT'],
  ]);
  expect(saved.description).toBe('PET-CT whole body');
  expect(saved.procedureCode?.[0]?.coding?.[0]).toEqual({
    system: 'http://loinc.org',
    code: '44136-0',
    display: 'PET-CT Whole body',
  });
  expect(saved.referrer).toEqual({ display: 'Dr Marie Curie' });
  expect(saved.numberOfSeries).toBe(3);
  expect(saved.numberOfInstances).toBe(6);
  const [ct, pt, sr] = saved.series ?? [];
  expect(ct).toMatchObject({
    uid: study.seriesUids[0],
    number: 1,
    modality: { system: DCM, code: 'CT' },
    description: 'CT low dose',
    bodySite: { system: 'http://snomed.info/sct', code: '816094009' },
    numberOfInstances: 3,
  });
  expect(ct?.instance?.map((i) => [i.number, i.sopClass.code])).toEqual([
    [1, 'urn:oid:1.2.840.10008.5.1.4.1.1.2'],
    [2, 'urn:oid:1.2.840.10008.5.1.4.1.1.2'],
    [3, 'urn:oid:1.2.840.10008.5.1.4.1.1.2'],
  ]);
  expect(ct?.instance?.map((i) => i.uid)).toEqual(study.instances.slice(0, 3).map((i) => i.sopInstanceUid));
  expect(pt).toMatchObject({ uid: study.seriesUids[1], modality: { code: 'PT' }, numberOfInstances: 2 });
  expect(sr).toMatchObject({ uid: study.seriesUids[2], modality: { code: 'SR' }, numberOfInstances: 1 });
  expect(saved.note).toBeUndefined();
});

test('after an import, Save scrolled into view stays there: the new series below the window have their size', async ({
  page,
}) => {
  const study = writeStudy(dir, threeSeriesStudy(ada, { withOffset: true, accession: 'ACC-DROP-2' }));
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await dropFiles(app, study.files);
  await app
    .getByRole('dialog', { name: 'Review the import from DICOM' })
    .getByRole('button', { name: 'Apply' })
    .click();
  await expect(app.getByRole('group', { name: /^Series \d$/ })).toHaveCount(3);

  // The imported series open below the window. Scrolled to Save, as End or the scroll bar would: a series that comes
  // into view must not grow then, or Save moves away from under the pointer (it jumped 445 px, out of the window).
  const save = app.getByRole('button', { name: 'Save', exact: true });
  await save.scrollIntoViewIfNeeded();
  const heights = await app.evaluate(async () => {
    const seen: string[] = [];
    for (let frame = 0; frame < 10; frame += 1) {
      const boxes = [...document.querySelectorAll('[role="group"][aria-label^="Series "]')];
      seen.push(boxes.map((box) => Math.round(box.getBoundingClientRect().height)).join('/'));
      await new Promise((next) => requestAnimationFrame(next));
    }
    return seen;
  });
  expect(new Set(heights).size, `the series' heights over ten frames: ${heights.join(', ')}`).toBe(1);
  await expect(save).toBeInViewport();
});

test.describe('a study without a time-zone offset', () => {
  test.use({ timezoneId: 'Europe/Paris' });

  test("asks for the zone, defaulting to the browser's, and applies its offset at the study's date", async ({
    page,
  }) => {
    const study = writeStudy(dir, threeSeriesStudy(ada, { withOffset: false, accession: 'ACC-TZ-1' }));
    const app = await ehrLaunch(page, ada);
    await openNewStudy(app);
    await dropFiles(app, study.files);
    const zone = app.getByLabel('Time zone of the study');
    await expect(zone).toHaveValue('Europe/Paris');
    await expect(previewRow(app, 'Started')).toContainText('2024-03-14T09:26:53+01:00');
    // New York had already moved to daylight saving time on 14 March 2024.
    await zone.selectOption('America/New_York');
    await expect(previewRow(app, 'Started')).toContainText('2024-03-14T09:26:53-04:00');
    await app.getByRole('button', { name: 'Apply' }).click();
    // Not the browser's offset (Paris is at +01:00 then), so the field shows it.
    await expect(app.getByRole('textbox', { name: 'Started', exact: true })).toHaveValue('2024-03-14 09:26:53-04:00');
  });
});

test('a drop of mixed studies asks which one', async ({ page }) => {
  const petCt = writeStudy(dir, threeSeriesStudy(ada, { withOffset: true, accession: 'ACC-MIX-1' }));
  const knee = writeStudy(dir, kneeStudy(ada, 'ACC-MIX-2'));
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await dropFiles(app, [...petCt.files, ...knee.files]);

  const chooser = app.getByRole('dialog', { name: 'The files hold 2 studies: which one?' });
  await expect(chooser).toBeVisible();
  await expect(chooser.getByRole('radio')).toHaveCount(2);
  const use = chooser.getByRole('button', { name: 'Use this study' });
  await expect(use).toBeDisabled();
  await chooser.getByRole('radio', { name: /MR knee left · MR · 1 series, 2 instances · accession ACC-MIX-2/ }).check();
  await use.click();

  await expect(previewRow(app, 'Study Instance UID')).toContainText(knee.studyUid);
  await expect(previewRow(app, 'Series')).toContainText('1 series: 1 MR (2 instances)');
  await app.getByRole('button', { name: 'Apply' }).click();
  await expect(app.getByLabel('Study Instance UID')).toHaveValue(knee.studyUid);
});

test('corrupt and non-DICOM files are skipped with a reason', async ({ page }) => {
  const study = writeStudy(dir, threeSeriesStudy(ada, { withOffset: true, accession: 'ACC-BAD-1' }));
  const bad = writeBadFiles(dir, study.instances[0]?.bytes ?? new Uint8Array());
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await dropFiles(app, [bad.notDicom, ...study.files, bad.truncated]);

  const review = app.getByRole('dialog', { name: 'Review the import from DICOM' });
  await expect(review.getByRole('heading', { name: '2 files skipped' })).toBeVisible();
  const skipped = review.getByRole('list', { name: 'Skipped files' });
  await expect(skipped.getByRole('listitem').filter({ hasText: 'notes.txt' })).toContainText('not a DICOM file');
  await expect(skipped.getByRole('listitem').filter({ hasText: 'broken.dcm' })).toContainText(
    'damaged or cut short: the DICOM header ends unexpectedly',
  );
  // The good files still make the study.
  await expect(previewRow(app, 'Series')).toContainText('3 series');
});

test('only non-DICOM files: nothing is imported and the reasons are shown', async ({ page }) => {
  const study = writeStudy(dir, kneeStudy(ada, 'ACC-NONE'));
  const bad = writeBadFiles(dir, study.instances[0]?.bytes ?? new Uint8Array());
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await dropFiles(app, [bad.notDicom, bad.truncated]);
  const dialog = app.getByRole('dialog', { name: 'No DICOM study found' });
  await expect(dialog.getByRole('list', { name: 'Skipped files' }).getByRole('listitem')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(app.getByLabel('Study Instance UID')).toHaveValue('');
});

test('a folder chosen with the folder picker is read, sub-folders included', async ({ page }) => {
  const nested = `${dir}/disc/SERIES1`;
  fs.mkdirSync(nested, { recursive: true });
  const study = writeStudy(nested, kneeStudy(ada, 'ACC-FOLDER'));
  writeBadFiles(`${dir}/disc`, study.instances[0]?.bytes ?? new Uint8Array());
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await app.getByLabel('DICOM folder').setInputFiles(`${dir}/disc`);
  await expect(previewRow(app, 'Series')).toContainText('1 series: 1 MR (2 instances)');
  const skipped = app.getByRole('list', { name: 'Skipped files' });
  await expect(skipped.getByRole('listitem').filter({ hasText: 'disc/notes.txt' })).toContainText('not a DICOM file');
});

test('a large import shows its progress and can be cancelled, leaving the form unchanged', async ({ page }) => {
  const study = writeStudy(dir, {
    ...kneeStudy(ada, 'ACC-LARGE'),
    series: [{ modality: 'MR', sopClassUid: MR_IMAGE, instances: 1500 }],
  });
  // Hold back the header reader's script, so that the read is certainly still running when Cancel is clicked.
  let releaseWorker: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (releaseWorker = resolve));
  await page.context().route(/\/assets\/worker-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await app.getByLabel('DICOM files').setInputFiles(study.files);
  const progress = app.getByRole('dialog', { name: 'Reading DICOM headers' });
  await expect(progress.getByRole('progressbar', { name: 'Files read' })).toHaveAttribute(
    'aria-valuetext',
    '0 of 1500 files',
  );
  await expect(progress.getByRole('status')).toHaveText('0 of 1500 files read');
  await progress.getByRole('button', { name: 'Cancel import' }).click();
  releaseWorker();
  await expect(progress).toBeHidden();
  await expect(
    app.getByRole('status').filter({ hasText: 'Import cancelled; the form was not changed.' }),
  ).toBeVisible();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByLabel('Study Instance UID')).toHaveValue('');

  // The next import starts fresh workers and completes.
  await app.getByLabel('DICOM files').setInputFiles(study.files.slice(0, 3));
  await expect(previewRow(app, 'Series')).toContainText('1 series: 1 MR (3 instances)');
});

import { ehrLaunch, expect, test } from './fixtures';
import { buildStudy } from '../src/import/testing/build';
import { kneeStudy } from './dicom/generate';
import { addNewEndpoint, openNewStudy, pickEndpoint, requirePacs } from './dicom/helpers';
import { PACS_URL, storeInPacs } from './dicom/orthanc';
import { SEED_PATIENTS, type SeedPatient } from './sandbox/seed';

const ada = SEED_PATIENTS[0] as SeedPatient;

test.beforeAll(requirePacs);

test('the endpoint Check reports success against Orthanc for a stored study, and a readable failure for a closed port', async ({
  page,
}) => {
  const study = buildStudy(kneeStudy(ada, `CHECK-${Date.now()}`));
  await storeInPacs(study.instances.map((i) => i.bytes));
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await pickEndpoint(app, 'Main PACS (DICOMweb)');
  await pickEndpoint(app, 'Research PACS (DICOMweb)');

  const main = app.getByRole('status', { name: 'Check of Main PACS (DICOMweb)' });
  const research = app.getByRole('status', { name: 'Check of Research PACS (DICOMweb)' });

  // Without a study UID the check asks for any study.
  await app.getByRole('button', { name: 'Check Main PACS (DICOMweb)' }).click();
  await expect(main).toHaveText('Answers as DICOMweb (QIDO-RS).');

  await app.getByLabel('Study Instance UID').fill(study.studyUid);
  await app.getByRole('button', { name: 'Check Main PACS (DICOMweb)' }).click();
  await expect(main).toHaveText('Answers as DICOMweb and has this study.');

  await app.getByLabel('Study Instance UID').fill('2.25.42');
  await app.getByRole('button', { name: 'Check Main PACS (DICOMweb)' }).click();
  await expect(main).toContainText('Answers as DICOMweb, but does not know this study');
  await expect(main).toContainText('only a warning');

  await app.getByRole('button', { name: 'Check Research PACS (DICOMweb)' }).click();
  await expect(research).toContainText(
    /^Check failed: No answer from http:\/\/127\.0\.0\.1:8043: the server could not be reached/,
  );
  // A failed check is a warning, not an error: the PACS may only be reachable from the reading room.
  await expect(research).toContainText('This is only a warning: the study can still be saved with this endpoint.');
});

test.describe('checks that fail', () => {
  // Chrome itself logs a CORS refusal to the console as an error; the app shows it as a message instead.
  test.use({ allowConsoleErrors: true });

  test('the Check of new endpoints names CORS refusal, a login wall and a non-DICOMweb address', async ({ page }) => {
    const app = await ehrLaunch(page, ada);
    await openNewStudy(app);
    await addNewEndpoint(app, 'PACS without CORS', `${PACS_URL}/no-cors/dicom-web`);
    await addNewEndpoint(app, 'PACS with login', `${PACS_URL}/login/dicom-web`);
    await addNewEndpoint(app, 'Intranet page', `${PACS_URL}/not-dicomweb/dicom-web`);
    const cases: [string, RegExp][] = [
      ['PACS without CORS', /browser blocked the answer: .*\(CORS\)/],
      ['PACS with login', /asks for a login \(HTTP 401\)/],
      ['Intranet page', /does not look like a DICOMweb \(QIDO-RS\) service/],
    ];
    for (const [name, message] of cases) {
      await app.getByRole('button', { name: `Check ${name}` }).click();
      await expect(app.getByRole('status', { name: `Check of ${name}` })).toContainText(message);
    }
  });
});

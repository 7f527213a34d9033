import type { Locator } from '@playwright/test';
import type { Bundle, ImagingStudy } from 'fhir/r4';
import { startSandbox } from './sandbox/server';
import { SEED_PATIENTS, SEED_STUDY } from './sandbox/seed';
import {
  accessTokenOf,
  APP_ORIGIN,
  ehrLaunch,
  expect,
  expectAccessible,
  expectBanner,
  SANDBOX_URL,
  standaloneLaunch,
  test,
} from './fixtures';

const [ada, alan, grace] = SEED_PATIENTS as [
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
];

function studyFor(patientId: string, uid: string, description: string): Bundle<ImagingStudy> {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        request: { method: 'POST', url: 'ImagingStudy' },
        resource: {
          resourceType: 'ImagingStudy',
          meta: { profile: ['https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy'] },
          identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }],
          status: 'available',
          modality: [
            { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR', display: 'Magnetic Resonance' },
          ],
          subject: { reference: `Patient/${patientId}` },
          started: '2026-11-02T09:15:00+01:00',
          endpoint: [{ reference: 'Endpoint/endpoint-main-pacs' }],
          description,
        },
      },
    ],
  };
}

/** The study list's link to the seeded study of patient 1 (the list shows no UIDs; its link names the study's id). */
const seededStudyLink = (studies: Locator): Locator => studies.locator(`a[href="#/study/${SEED_STUDY.id}"]`);

/** The list's row of the study with this Study Instance UID, found the way staff would: with the list's search. */
async function rowByUid(studies: Locator, uid: string): Promise<Locator> {
  await studies.getByLabel('Search studies').fill(uid);
  await expect(studies.getByRole('status')).toContainText(/^1 of \d+ stud(y|ies) matches/);
  return studies.getByRole('row').nth(1);
}

test('EHR launch of patient 2 shows patient 2 banner and study list', async ({ page }) => {
  const app = await ehrLaunch(page, alan);
  await expectBanner(app, alan);
  const studies = app.getByRole('region', { name: 'Imaging studies' });
  await expect(studies).toBeVisible();
  await expect(
    app.getByRole('button', { name: 'New study' }).or(app.getByRole('link', { name: 'New study' })),
  ).toBeVisible();
  await expectAccessible(app);

  // Seed a study for patient 2 through the FHIR API, then the list must show it, and not patient 1's study.
  const uid = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const response = await app.request.post(`${SANDBOX_URL}/fhir`, {
    headers: { authorization: `Bearer ${await accessTokenOf(app)}`, 'content-type': 'application/fhir+json' },
    data: studyFor(alan.id, uid, 'MR knee, left'),
  });
  expect(response.status()).toBe(200);
  await app.reload();
  await expectBanner(app, alan);
  // Found by its own UID: a repeated run (or another spec) may have stored another "MR knee, left" in this sandbox.
  await expect(await rowByUid(studies, uid)).toContainText('MR knee, left');
  await studies.getByLabel('Search studies').fill('');
  await expect(seededStudyLink(studies)).toHaveCount(0);
});

test('the study list shown again lists a study created since the launch', async ({ page }) => {
  const app = await ehrLaunch(page, alan);
  await expectBanner(app, alan);
  const studies = app.getByRole('region', { name: 'Imaging studies' });
  await expect(studies.getByRole('link', { name: 'New study' })).toBeVisible();
  await app.getByRole('link', { name: 'New study' }).click();
  await expect(app.getByRole('heading', { name: 'New imaging study' })).toBeVisible();

  const uid = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const response = await app.request.post(`${SANDBOX_URL}/fhir`, {
    headers: { authorization: `Bearer ${await accessTokenOf(app)}`, 'content-type': 'application/fhir+json' },
    data: studyFor(alan.id, uid, 'MR shoulder, right'),
  });
  expect(response.status()).toBe(200);
  await app.getByRole('link', { name: 'IMR Study Author' }).click();
  await expect(await rowByUid(studies, uid)).toContainText('MR shoulder, right');
});

test('standalone launch asks for a patient and opens the app for the chosen one', async ({ page }) => {
  const app = await standaloneLaunch(page, grace, 'Allow');
  await expect(app).toHaveURL(new RegExp(`^${APP_ORIGIN}/`));
  await expectBanner(app, grace);
  await expect(app.getByRole('region', { name: 'Imaging studies' })).toBeVisible();
});

test('the picker and consent pages of the sandbox are accessible', async ({ page }) => {
  await page.goto(`${SANDBOX_URL}/`);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Standalone launch' }).click();
  await expect(page.getByRole('button', { name: `Select ${grace.name}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: `Select ${grace.name}` }).click();
  await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
  await expectAccessible(page);
});

test('two launches in one browser keep their own patients', async ({ page }) => {
  const first = await ehrLaunch(page, ada);
  await expectBanner(first, ada);
  const second = await ehrLaunch(page, alan);
  await expectBanner(second, alan);

  // Each tab keeps its own launch in sessionStorage: reloading the first still shows the first patient.
  await first.reload();
  await expectBanner(first, ada);
  await expect(seededStudyLink(first.getByRole('region', { name: 'Imaging studies' }))).toHaveCount(1);
  await second.reload();
  await expectBanner(second, alan);
  const secondList = second.getByRole('region', { name: 'Imaging studies' });
  // Loaded (a table, or the words for none) before looking for what must not be there.
  await expect(secondList.getByRole('table').or(secondList.getByText(/has no imaging studies/))).toBeVisible();
  await expect(seededStudyLink(secondList)).toHaveCount(0);
});

test('an embedded launch hides the app banner because the EHR shows its own', async ({ page }) => {
  await ehrLaunch(page, ada, { mode: 'iframe' });
  const frame = page.frameLocator('iframe[title="SMART app"]');
  await expect(seededStudyLink(frame.getByRole('region', { name: 'Imaging studies' }))).toHaveCount(1);
  await expect(frame.getByRole('region', { name: 'Patient' })).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText(ada.name);
});

test('the app refreshes its token after the access token expires', async ({ page }) => {
  // A sandbox of our own with 2-second access tokens; the app's config trusts loopback sandboxes on any port.
  const sandbox = await startSandbox({ port: 0, appOrigin: APP_ORIGIN, accessTokenTtlSeconds: 2 });
  try {
    const app = await ehrLaunch(page, ada, { ehrUrl: `${sandbox.url}/` });
    await expectBanner(app, ada);
    const firstToken = await accessTokenOf(app);
    // Wait until the server itself refuses the first token.
    await expect
      .poll(
        async () =>
          (
            await app.request.get(`${sandbox.fhirBase}/Patient/${ada.id}`, {
              headers: { authorization: `Bearer ${firstToken}` },
            })
          ).status(),
        {
          timeout: 15_000,
        },
      )
      .toBe(401);

    const refresh = app.waitForRequest(
      (r) => r.method() === 'POST' && (r.postData() ?? '').includes('grant_type=refresh_token'),
    );
    await app.reload();
    await refresh;
    await expectBanner(app, ada);
    await expect(seededStudyLink(app.getByRole('region', { name: 'Imaging studies' }))).toHaveCount(1);
    expect(await accessTokenOf(app)).not.toBe(firstToken);
  } finally {
    await sandbox.close();
  }
});

test('denying consent gives a readable message', async ({ page }) => {
  const app = await standaloneLaunch(page, grace, 'Deny');
  await expect(app.getByRole('alert')).toContainText('Access was not granted');
  await expect(app.getByRole('alert')).toContainText('choose Allow');
  await expectAccessible(app);
});

test('a launch without a FHIR server address is refused in plain words', async ({ page }) => {
  await page.goto(`${APP_ORIGIN}/launch.html`);
  await expect(page.getByRole('alert')).toContainText('This launch was refused');
  await expect(page.getByRole('alert')).toContainText('must be opened from your EHR');
  await expectAccessible(page);
});

test('a FHIR server that is down gives a readable message', async ({ page }) => {
  await page.goto(`${APP_ORIGIN}/launch.html?iss=${encodeURIComponent('http://127.0.0.1:9/fhir')}&launch=x`);
  await expect(page.getByRole('alert')).toContainText('cannot be reached');
});

test('opening the app without a launch says the session has ended', async ({ page }) => {
  await page.goto(`${APP_ORIGIN}/`);
  await expect(page.getByRole('alert')).toContainText('Your session has ended');
  await expectAccessible(page);
});

/**
 * Least privilege: the app asks for the scopes it needs and no more, reads what was granted from the token response,
 * and disables what the grant does not allow, saying why. Grants are reduced on the sandbox's consent page, against a
 * SMART v2 server (the shared sandbox) and a server that speaks only v1 (a sandbox of this file's own).
 */
import type { Page } from '@playwright/test';
import { SEED_PATIENTS, SEED_STUDY } from './sandbox/seed';
import { ehrLaunch, expect, expectAccessible, expectBanner, test } from './fixtures';
import { startOwnSandbox, type OwnSandbox } from './security-helpers';

const ada = SEED_PATIENTS[0]!;

const V2_REQUESTED = [
  'launch',
  'openid',
  'fhirUser',
  'offline_access',
  'patient/Patient.r',
  'patient/ImagingStudy.rs',
  'patient/ImagingStudy.cu',
  'patient/Provenance.c',
  'user/Endpoint.rs',
  'user/Endpoint.c',
  'patient/ServiceRequest.rs',
  'patient/Encounter.r',
  'user/Practitioner.rs',
];
const V1_REQUESTED = [
  'launch',
  'openid',
  'fhirUser',
  'offline_access',
  'patient/Patient.read',
  'patient/ImagingStudy.read',
  'patient/ImagingStudy.write',
  'patient/Provenance.write',
  'user/Endpoint.read',
  'user/Endpoint.write',
  'patient/ServiceRequest.read',
  'patient/Encounter.read',
  'user/Practitioner.read',
];

/** On the consent page in `app`: expects the requested scopes, unchecks `withheld` and presses Allow. */
async function consent(app: Page, requested: string[], withheld: string[]): Promise<void> {
  const boxes = app.getByRole('checkbox');
  await expect(boxes.first()).toBeVisible();
  expect(await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(requested);
  for (const scope of withheld) await app.getByRole('checkbox', { name: scope, exact: true }).uncheck();
  await app.getByRole('button', { name: 'Allow' }).click();
}

/** The scopes in the token response fhirclient keeps for the tab. */
function grantedScopes(app: Page): Promise<string[]> {
  return app.evaluate(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string;
    const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { tokenResponse?: { scope?: string } };
    return (state.tokenResponse?.scope ?? '').split(' ');
  });
}

/** The list and the editor with a grant that allows reading but not writing studies. */
async function expectReadOnly(app: Page, missingCreate: string, missingUpdate: string): Promise<void> {
  await expectBanner(app, ada);
  const newStudy = app.getByRole('button', { name: 'New study' });
  await expect(newStudy).toBeDisabled();
  await expect(newStudy).toHaveAccessibleDescription(
    `You are not allowed to create imaging studies for this patient (the app needs the ${missingCreate} permission). Ask your administrator for access.`,
  );
  await expect(app.getByRole('link', { name: 'New study' })).toHaveCount(0);

  await app.getByRole('link', { name: 'CT chest without contrast' }).click();
  await expect(app.getByRole('heading', { name: 'Edit imaging study' })).toBeVisible();
  await expect(app.getByRole('main')).toContainText(
    `You are not allowed to change imaging studies of this patient (the app needs the ${missingUpdate} permission).`,
  );
  await expect(app.getByRole('textbox', { name: 'Study Instance UID' })).toHaveValue(SEED_STUDY.studyUid);
  await expect(app.getByRole('textbox', { name: 'Study Instance UID' })).not.toBeEditable();
  await expect(app.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'New endpoint' })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Add series' })).toHaveCount(0);
  await expectAccessible(app);
}

test('a v2 server: only patient/ImagingStudy.rs for studies opens the editor read-only, with the reason', async ({
  page,
}) => {
  const app = await ehrLaunch(page, ada, { consent: true });
  await consent(app, V2_REQUESTED, ['patient/ImagingStudy.cu']);
  await expectBanner(app, ada);
  const granted = await grantedScopes(app);
  expect(granted).toContain('patient/ImagingStudy.rs');
  expect(granted).not.toContain('patient/ImagingStudy.cu');
  await expectReadOnly(app, 'patient/ImagingStudy.c', 'patient/ImagingStudy.u');
});

test('a v2 grant without ImagingStudy read says the studies cannot be shown and does not ask the server', async ({
  page,
}) => {
  const app = await ehrLaunch(page, ada, { consent: true });
  const studyRequests: string[] = [];
  app.on('request', (r) => r.url().includes('/fhir/ImagingStudy') && studyRequests.push(r.url()));
  await consent(app, V2_REQUESTED, ['patient/ImagingStudy.rs']);
  await expectBanner(app, ada);
  await expect(app.getByRole('status')).toContainText(
    'The imaging studies cannot be shown. You are not allowed to list the imaging studies of this patient (the app needs the patient/ImagingStudy.s permission).',
  );
  expect(studyRequests).toEqual([]);
});

test('a v2 grant without the patient record explains that access was not granted', async ({ page }) => {
  const app = await ehrLaunch(page, ada, { consent: true });
  await consent(app, V2_REQUESTED, ['patient/Patient.r']);
  await expect(app.getByRole('alert')).toContainText('Access was not granted');
  await expect(app.getByRole('alert')).toContainText('the app needs the patient/Patient.r permission');
  await expect(app.getByRole('region', { name: 'Patient' })).toHaveCount(0);
});

test('a v2 grant without user/Endpoint.c keeps studies editable but offers only existing endpoints, saying why', async ({
  page,
}) => {
  const app = await ehrLaunch(page, ada, { consent: true });
  await consent(app, V2_REQUESTED, ['user/Endpoint.c']);
  await expectBanner(app, ada);
  await app.getByRole('link', { name: 'New study' }).click();
  await expect(app.getByRole('textbox', { name: 'Study Instance UID' })).toBeEditable();
  const newEndpoint = app.getByRole('button', { name: 'New endpoint' });
  await expect(newEndpoint).toBeDisabled();
  await expect(newEndpoint).toHaveAccessibleDescription(
    'You are not allowed to add new image locations (endpoints) (the app needs the user/Endpoint.c permission). Ask your administrator for access.',
  );
  await expect(app.getByRole('combobox', { name: /^Endpoint/ })).toBeEditable();
  await expect(app.getByRole('button', { name: 'Save' })).toBeEnabled();
  await expectAccessible(app);
});

test('a v2 grant without user/Practitioner.rs keeps the referrer picker off, saying why', async ({ page }) => {
  const app = await ehrLaunch(page, ada, { consent: true });
  await consent(app, V2_REQUESTED, ['user/Practitioner.rs']);
  await expectBanner(app, ada);
  await app.getByRole('link', { name: 'New study' }).click();
  await app.getByRole('button', { name: /More details/ }).click();
  const referrer = app.getByRole('combobox', { name: 'Referrer', exact: true });
  await expect(referrer).not.toBeEditable();
  await expect(referrer).toHaveAccessibleDescription(
    'You are not allowed to look up the names of referring physicians (the app needs the user/Practitioner.s permission). Ask your administrator for access.',
  );
  await expectAccessible(app);
});

test.describe('a server that speaks only SMART v1', () => {
  let v1: OwnSandbox;
  test.beforeAll(async () => {
    v1 = await startOwnSandbox({ scopeVersions: ['v1'] });
  });
  test.afterAll(async () => {
    await v1?.close();
  });

  test('is asked for v1 scopes; without ImagingStudy.write the editor is read-only, with the reason', async ({
    page,
  }) => {
    const app = await ehrLaunch(page, ada, { consent: true, ehrUrl: `${v1.sandbox.url}/` });
    await consent(app, V1_REQUESTED, ['patient/ImagingStudy.write']);
    await expectBanner(app, ada);
    const granted = await grantedScopes(app);
    expect(granted).toContain('patient/ImagingStudy.read');
    expect(granted).not.toContain('patient/ImagingStudy.write');
    await expectReadOnly(app, 'patient/ImagingStudy.write', 'patient/ImagingStudy.write');
  });

  test('with everything granted, studies can be created and edited', async ({ page }) => {
    const app = await ehrLaunch(page, ada, { consent: true, ehrUrl: `${v1.sandbox.url}/` });
    await consent(app, V1_REQUESTED, []);
    await expectBanner(app, ada);
    await expect(app.getByRole('link', { name: 'New study' })).toBeVisible();
    await app.getByRole('link', { name: 'CT chest without contrast' }).click();
    await expect(app.getByRole('textbox', { name: 'Study Instance UID' })).toBeEditable();
    await expect(app.getByRole('button', { name: 'Save' })).toBeEnabled();
    await expect(app.getByText('You are not allowed to')).toHaveCount(0);
  });
});

/**
 * Issue 5, what a save meets on the way: a failing server, an access token the server dropped, the server's own
 * validation, and missing permissions. Nothing the user typed is lost, and every message is in plain words.
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import {
  ada,
  draftsOf,
  expect,
  expectSaved,
  field,
  fillNewStudy,
  freshUid,
  launch,
  openNewStudy,
  saveButton,
  SLOW,
  setDescription,
  descriptionField,
  test,
  startFilledNewStudy,
} from './save-helpers';

// A save can wait out retries; opening the editor is slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

test('500 on save keeps the draft, and the restored draft saves once the server is back', async ({
  page,
  sandbox,
  admin,
}) => {
  const { app, uid } = await startFilledNewStudy(page, sandbox);
  await setDescription(app, 'CT abdomen, kept through a server failure');

  await admin.control('fail-requests', { count: 50, mode: 'status-500', method: 'POST' });
  await saveButton(app).click();
  await expect(app.getByRole('alert').filter({ hasText: 'Your changes are kept as a draft' })).toBeVisible({
    timeout: SLOW,
  });
  await expect(app.getByText(/FHIR server could not be reached or had a problem, 4 times/).first()).toBeVisible();
  expect(await admin.studiesWithUid(uid)).toHaveLength(0);
  expect(Object.values(await draftsOf(app)).join()).toContain('CT abdomen, kept through a server failure');

  // The tab is reloaded (as after a crash); the server works again.
  await admin.control('fail-requests', { count: 0 });
  await app.reload();
  await app.getByRole('button', { name: 'Restore my changes' }).click();
  await expect(field(app, 'Study Instance UID')).toHaveValue(uid);
  await expect(await descriptionField(app)).toHaveValue('CT abdomen, kept through a server failure');
  await saveButton(app).click();
  await expectSaved(app);
  expect(await admin.studiesWithUid(uid)).toHaveLength(1);
  expect(await draftsOf(app)).toEqual({});
});

test('token expiry mid-edit: the app refreshes its token and the save succeeds', async ({ page, sandbox, admin }) => {
  const { app, uid } = await startFilledNewStudy(page, sandbox);

  // The authorization server drops every access token, long before its expires_in.
  await admin.control('expire-tokens');
  const refresh = app.waitForRequest(
    (r) => r.method() === 'POST' && (r.postData() ?? '').includes('grant_type=refresh_token'),
  );
  await saveButton(app).click();
  await refresh;
  await expectSaved(app);
  expect(await admin.studiesWithUid(uid)).toHaveLength(1);
  // The refreshed session is stored: a reload still works without a new launch.
  await app.reload();
  await expect(app.getByRole('heading', { name: 'Edit imaging study' })).toBeVisible();
});

test.describe('with a server that checks its own rules', () => {
  // The hospital's server refuses studies that start in the future; the form has no such rule.
  test.use({
    sandboxOptions: {
      validate: (resource): OperationOutcomeIssue[] =>
        resource.resourceType === 'ImagingStudy' && Date.parse(resource.started ?? '') > Date.now()
          ? [
              {
                severity: 'error',
                code: 'business-rule',
                details: { text: 'A study cannot start in the future.' },
                expression: ['ImagingStudy.started'],
              },
            ]
          : [],
    },
  });

  test('a validation error from the server is shown at its field', async ({ page, sandbox, admin }) => {
    const app = await launch(page, sandbox);
    await openNewStudy(app);
    const uid = freshUid();
    await fillNewStudy(app, uid, '2099-03-04 10:20:30');

    await saveButton(app).click();
    const started = field(app, 'Started');
    // At the field: the Started input is described by the server's message.
    await expect(started).toHaveAccessibleDescription('A study cannot start in the future.', { timeout: SLOW });
    await expect(app.getByText('A study cannot start in the future.', { exact: true })).toBeVisible();
    expect(await admin.studiesWithUid(uid)).toHaveLength(0);
  });
});

test('403: a save the server refuses is explained in plain words, and what was typed stays', async ({
  page,
  sandbox,
  admin,
}) => {
  const app = await launch(page, sandbox);
  await openNewStudy(app);
  const uid = freshUid();
  await fillNewStudy(app, uid);
  // The grant allows the save; a server policy beyond the scopes refuses it (a missing scope disables Save instead).
  await admin.control('fail-requests', { count: 1, mode: 'status-403', method: 'POST' });

  await saveButton(app).click();
  await expect(
    app.getByText(
      /^The FHIR server did not allow this save \(the app needs the .+\)\. Ask your administrator for access\./,
    ),
  ).toBeVisible({
    timeout: SLOW,
  });
  await expect(app.getByRole('textbox', { name: 'Study Instance UID' })).toHaveValue(uid);
  expect(await admin.studiesWithUid(uid)).toHaveLength(0);
});

test('an ended session (refresh refused) offers a relaunch, and the draft is restored after it', async ({
  page,
  sandbox,
  admin,
}) => {
  const { app, uid } = await startFilledNewStudy(page, sandbox);

  // The server ends the session: access and refresh tokens are revoked.
  await admin.control('expire-tokens', { refreshTokens: true });
  await saveButton(app).click();
  const ended = app.getByRole('alert').filter({ hasText: 'Your session has ended' });
  await expect(ended).toBeVisible({ timeout: SLOW });
  await expect(field(app, 'Study Instance UID')).toHaveValue(uid);
  expect(Object.values(await draftsOf(app)).join()).toContain(uid);

  // Relaunch in the same tab: the authorization server asks for the patient, then the app opens again.
  await ended.getByRole('button', { name: 'Relaunch' }).click();
  await app.getByRole('button', { name: `Select ${ada.name}` }).click();
  await app.getByRole('button', { name: 'Allow' }).click();
  await expect(app.getByRole('heading', { name: 'Imaging studies' })).toBeVisible({ timeout: SLOW });
  await openNewStudy(app);
  await app.getByRole('button', { name: 'Restore my changes' }).click();
  await expect(field(app, 'Study Instance UID')).toHaveValue(uid);
  await saveButton(app).click();
  await expectSaved(app);
  expect(await admin.studiesWithUid(uid)).toHaveLength(1);
});

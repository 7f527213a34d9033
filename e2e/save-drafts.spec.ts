/**
 * Issue 5, drafts: the editor keeps unsaved work in the tab's sessionStorage, offers it back after a reload, and
 * asks before the user leaves unsaved changes (closing the tab, or a link within the app).
 */
import type { ImagingStudy } from 'fhir/r4';
import { APP_ORIGIN, expectAccessible } from './fixtures';
import { displayInstant } from '../src/kernel/date-display';
import {
  descriptionField,
  draftsOf,
  expect,
  expectSaved,
  freshUid,
  imrStudy,
  launch,
  openStudy,
  saveButton,
  setDescription,
  test,
} from './save-helpers';

// A save can wait out retries; opening the editor is slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

test('reload mid-edit offers the draft, saying when it was saved, and restores it', async ({
  page,
  sandbox,
  admin,
}) => {
  const created = await admin.create(imrStudy(freshUid(), { description: 'MR knee, left' }));
  const id = created.id ?? '';
  const app = await launch(page, sandbox);
  await openStudy(app, id);
  const typedAt = Date.now();
  await setDescription(app, 'MR knee, left, typed before the reload');

  // Straight away: the draft is written on every change, or at the latest when the page goes.
  await app.reload();
  const prompt = app.getByRole('region', { name: 'Unsaved changes found' });
  const savedAt = Date.parse((await prompt.locator('time').getAttribute('datetime')) ?? '');
  expect(savedAt).toBeGreaterThanOrEqual(typedAt - 1000);
  expect(savedAt).toBeLessThanOrEqual(Date.now());
  // The app's one date format, in the browser's time zone (the same as this process's: one machine).
  const shown = displayInstant(new Date(savedAt).toISOString());
  await expect(prompt).toContainText(`last written at ${shown}`);
  await expectAccessible(app);
  // Nothing was saved to the server.
  expect((await admin.read<ImagingStudy>(`ImagingStudy/${id}`)).description).toBe('MR knee, left');

  await prompt.getByRole('button', { name: 'Restore my changes' }).click();
  await expect(await descriptionField(app)).toHaveValue('MR knee, left, typed before the reload');
  await saveButton(app).click();
  await expectSaved(app);
  expect((await admin.read<ImagingStudy>(`ImagingStudy/${id}`)).description).toBe(
    'MR knee, left, typed before the reload',
  );

  // The draft went with the save: a reload opens the study without an offer.
  expect(await draftsOf(app)).toEqual({});
  await app.reload();
  await expect(await descriptionField(app)).toHaveValue('MR knee, left, typed before the reload');
  await expect(app.getByRole('region', { name: 'Unsaved changes found' })).toHaveCount(0);
});

test('closing the tab with unsaved changes asks first; without changes it does not', async ({
  page,
  sandbox,
  admin,
}) => {
  const created = await admin.create(imrStudy(freshUid()));
  const app = await launch(page, sandbox);
  await openStudy(app, created.id ?? '');
  await setDescription(app, 'MR knee, left, not saved yet');

  const asked = app.waitForEvent('dialog');
  await app.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(app.isClosed()).toBe(false);
  await expect(await descriptionField(app)).toHaveValue('MR knee, left, not saved yet');

  await saveButton(app).click();
  await expectSaved(app);
  let askedAgain = false;
  app.on('dialog', (d) => {
    askedAgain = true;
    void d.accept();
  });
  await app.close({ runBeforeUnload: true });
  await expect.poll(() => app.isClosed()).toBe(true);
  expect(askedAgain).toBe(false);
});

test('leaving the editor through the app asks first, and the changes stay as a draft', async ({
  page,
  sandbox,
  admin,
}) => {
  const created = await admin.create(imrStudy(freshUid(), { description: 'MR knee, left' }));
  const id = created.id ?? '';
  const app = await launch(page, sandbox);
  await openStudy(app, id);
  await setDescription(app, 'MR knee, left, edited');

  const home = app.getByRole('link', { name: 'IMR Study Author' });
  const leave = app.getByRole('dialog', { name: 'Leave without saving?' });
  await home.click();
  await expect(leave).toBeVisible();
  await expectAccessible(app);
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(leave).toBeHidden();
  await expect(app).toHaveURL(`${APP_ORIGIN}/#/study/${id}`);
  await expect(await descriptionField(app)).toHaveValue('MR knee, left, edited');

  await home.click();
  await leave.getByRole('button', { name: 'Leave' }).click();
  await expect(app.getByRole('heading', { name: 'Imaging studies' })).toBeVisible();

  // Back to the study: the changes are offered again; discarding them shows the server's version.
  await app.getByRole('link', { name: /MR knee, left/ }).click();
  const prompt = app.getByRole('region', { name: 'Unsaved changes found' });
  await prompt.getByRole('button', { name: 'Discard them' }).click();
  await expect(await descriptionField(app)).toHaveValue('MR knee, left');
  expect(await draftsOf(app)).toEqual({});

  // Without changes, the same link leaves at once.
  await home.click();
  await expect(app.getByRole('heading', { name: 'Imaging studies' })).toBeVisible();
  await expect(leave).toHaveCount(0);
});

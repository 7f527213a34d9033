/**
 * Issue 18, entry by keyboard and by habit: a saved study's UIDs stay fixed, a typed modality code selects on Enter,
 * and Started takes a whole typed date-time, flags what R4 cannot store and warns about a start in the future.
 */
import { SEED_PATIENTS, SEED_STUDY } from './sandbox/seed';
import { expect, expectAccessible, test } from './fixtures';
import { expectFieldError, field, helperTextOf, launchApp, openNewStudy, readFhirJson } from './editor-helpers';

const [ada, , grace] = SEED_PATIENTS as [
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
];

test("a saved study's UID cannot be regenerated, and a hand edit asks first, naming the PACS images", async ({
  page,
}) => {
  const app = await launchApp(page, ada);
  await app.getByRole('link', { name: 'CT chest without contrast' }).click();
  await expect(app.getByRole('heading', { name: 'Edit imaging study' })).toBeVisible();
  const uid = field(app, 'Study Instance UID');
  await expect(uid).toHaveValue(SEED_STUDY.studyUid);
  await expect(app.getByRole('button', { name: 'Generate', exact: true })).toHaveCount(0);

  await uid.press('End');
  await uid.press('9');
  const dialog = app.getByRole('dialog', { name: 'Change the saved Study Instance UID?' });
  await expect(dialog).toContainText(`The images in the PACS carry the old UID, ${SEED_STUDY.studyUid}.`);
  await expectAccessible(app);
  await dialog.getByRole('button', { name: 'Keep the UID' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(uid).toHaveValue(SEED_STUDY.studyUid);
});

test('"CT" + Enter selects CT; Started flags year 0000 and an incomplete time, and warns about a future start', async ({
  page,
}) => {
  const app = await openNewStudy(page, grace);
  const modality = app.getByRole('combobox', { name: 'Modality', exact: true });
  await modality.click();
  await modality.pressSequentially('CT');
  await modality.press('Enter');
  await expect(app.getByRole('button', { name: /^CT — Computed Tomography/ })).toBeVisible();

  const started = field(app, 'Started');
  await started.fill('0000-03-04 10:20:30');
  await started.press('Tab');
  await expectFieldError(started, /^Started must be a date/);
  await started.fill('2027-12-31 09:00:ss');
  await started.press('Tab');
  await expectFieldError(started, /^Started must be a date/);
  await expect(started).toHaveValue('2027-12-31 09:00:ss');

  await started.fill('2999-03-04 10:20:30');
  await started.press('Tab');
  await expect(await helperTextOf(started)).toContainText('Started is more than 5 minutes in the future');
  await expect(started).toHaveAttribute('aria-invalid', 'false');
  expect((await readFhirJson(app)).started).toMatch(/^2999-03-04T10:20:30[+-]\d\d:\d\d$/);
  await expectAccessible(app);
});

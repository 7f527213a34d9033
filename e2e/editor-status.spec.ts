/**
 * Issue 18, end to end: the status above Save is true from the first paint (fields still to fill, each a link that
 * moves the focus), and the save result is announced beside Save with the focus, sections staying as they were.
 */
import { SEED_PATIENTS } from './sandbox/seed';
import { expect, expectAccessible, test } from './fixtures';
import { field, openNewStudy, pickCodes, typeDateTime } from './editor-helpers';

const grace = SEED_PATIENTS[2] as (typeof SEED_PATIENTS)[0];

test('the status line on a blank form counts the fields still to fill, and the save result has focus', async ({
  page,
}) => {
  // A long flow, on a test machine that may be busy: triple the timeout.
  test.slow();
  const app = await openNewStudy(page, grace);
  const status = app.getByRole('region', { name: /^(Issues: |No issues)/ });

  // Counted from the start, without painting the untouched fields red.
  await expect(status.getByRole('heading')).toHaveText('Issues: 4 fields still to fill');
  await expect(field(app, 'Study Instance UID')).toHaveAttribute('aria-invalid', 'false');
  await expectAccessible(app);

  // Each link moves the focus to its field.
  await status.getByRole('button', { name: 'Study Instance UID' }).click();
  await expect(field(app, 'Study Instance UID')).toBeFocused();
  await status.getByRole('button', { name: 'Endpoint' }).click();
  await expect(field(app, 'Endpoint')).toBeFocused();

  await app.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(status.getByRole('heading')).toHaveText('Issues: 3 fields still to fill');
  await pickCodes(app, 'Modality', ['CT']);
  await typeDateTime(app, '2026-03-04 10:20:30');
  const save = app.getByRole('button', { name: 'Save' });
  const before = await status.boundingBox();
  await field(app, 'Endpoint').click();
  await app.getByRole('option', { name: /Main PACS/ }).click();
  await expect(status.getByRole('heading')).toHaveText('No issues');
  await expect(status).toContainText('All required fields are filled.');
  // Filling the last field does not change the status's height, so Save below it does not move under the pointer.
  expect((await status.boundingBox())?.height).toBe(before?.height);

  const details = app.getByRole('button', { name: 'More details' });
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await save.click();

  const saved = app.getByRole('status').filter({ hasText: 'The imaging study was saved.' });
  await expect(saved).toBeFocused();
  await expect(app).toHaveURL(/#\/study\/[A-Za-z0-9\-.]+$/);
  // The editor was not remounted: what was open stays open.
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(app);
});

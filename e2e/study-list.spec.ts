/** Issue 15, the study list: each row shows its accession number and order, and the search finds a study by them. */
import { expectAccessible } from './fixtures';
import { SEED_STUDY } from './sandbox/seed';
import { expect, launch, test } from './save-helpers';

test('the study list shows accession numbers and orders, and its search finds a study by accession number', async ({
  page,
  sandbox,
}) => {
  const app = await launch(page, sandbox);
  const table = app.getByRole('table', { name: 'Imaging studies' });
  await expect(table.getByRole('columnheader', { name: 'Accession number' })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: SEED_STUDY.accession });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`ServiceRequest/${SEED_STUDY.orderId}`);

  const search = app.getByRole('searchbox', { name: 'Search studies' });
  await search.fill(SEED_STUDY.accession.slice(-6));
  await expect(table.getByRole('row')).toHaveCount(2); // the header and the study
  await expectAccessible(app);
  await search.fill('no such accession');
  await expect(app.getByRole('status').filter({ hasText: 'No study matches' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(1);
});

import { ehrLaunch, expect, test } from './fixtures';
import { openNewStudy } from './dicom/helpers';
import { SEED_PATIENTS, type SeedPatient } from './sandbox/seed';

const ada = SEED_PATIENTS[0] as SeedPatient;

/** Chunks that hold the import code (dialogs, dcmjs worker, dicomweb-client). */
const IMPORT_CHUNK = /\/assets\/(ImportFlow|worker|dicomweb|check)-[\w-]+\.js$/;

test('the import code is loaded only when used', async ({ page }) => {
  const loaded: string[] = [];
  page.context().on('request', (request) => {
    if (IMPORT_CHUNK.test(new URL(request.url()).pathname)) loaded.push(new URL(request.url()).pathname);
  });
  const app = await ehrLaunch(page, ada);
  await openNewStudy(app);
  await app.waitForLoadState('networkidle');
  expect(loaded).toEqual([]);

  await app.getByRole('button', { name: 'Look up in PACS' }).click();
  await expect(app.getByRole('dialog', { name: 'Look up the study in the PACS' })).toBeVisible();
  expect(loaded.some((p) => p.includes('/ImportFlow-'))).toBe(true);
  // The header parser (dcmjs, in the worker) waits for files to read.
  expect(loaded.some((p) => p.includes('/worker-'))).toBe(false);
});

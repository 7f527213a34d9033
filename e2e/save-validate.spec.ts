/**
 * Issue 16: what the app writes passes the project's own command-line validator. The transaction Bundle the app
 * sends on a save (new Endpoint, study, Provenance) is captured from the wire and handed to `npm run validate`.
 */
import type { Bundle } from 'fhir/r4';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, expectSaved, saveButton, startFilledNewStudy, test } from './save-helpers';

test.describe.configure({ timeout: 120_000 });

test('the transaction Bundle the app sends passes npm run validate', async ({ page, sandbox }) => {
  const { app } = await startFilledNewStudy(page, sandbox);
  await app.getByRole('button', { name: 'New endpoint' }).click();
  const form = app.getByRole('group', { name: 'New endpoint' });
  await form.getByRole('textbox', { name: 'Endpoint name' }).fill('Reading room PACS');
  await form.getByRole('textbox', { name: 'Endpoint address' }).fill(`https://pacs-${Date.now()}.example.org/dicomweb`);
  await form.getByRole('button', { name: 'Add endpoint' }).click();

  const transaction = app.waitForRequest(
    (r) => r.method() === 'POST' && new URL(r.url()).pathname.replace(/\/$/, '') === '/fhir',
  );
  await saveButton(app).click();
  const bundle = (await transaction).postDataJSON() as Bundle;
  await expectSaved(app);
  expect(bundle.type).toBe('transaction');
  expect((bundle.entry ?? []).map((e) => e.resource?.resourceType)).toEqual(['Endpoint', 'ImagingStudy', 'Provenance']);

  const dir = mkdtempSync(join(tmpdir(), 'imr-sent-'));
  try {
    const file = join(dir, 'transaction.json');
    writeFileSync(file, JSON.stringify(bundle, null, 2));
    const run = spawnSync('npx', ['tsx', 'src/cli/validate.ts', file], { encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(run.stdout.trim()) as { resourceType?: string; valid: boolean; issues: unknown[] };
    expect(report.resourceType).toBe('Bundle');
    expect(report.issues.filter((i) => (i as { severity?: string }).severity === 'error')).toEqual([]);
    expect(report.valid).toBe(true);
    expect(run.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Save round trip: a new study with a new Endpoint saved by the app (Save to confirmation), against the same
 * transaction POSTed by the page itself with fetch.
 */
import type { Page } from '@playwright/test';
import { generateUid } from '../../../src/kernel/uid-syntax';
import { STUDY_UID_INPUT } from './harness';
import { actUntil, saveUntilConfirmed, timedPost } from './probes';

export interface SaveFigures {
  app: number[];
  direct: number[];
}

/** Fills the empty editor with the least a valid IMR study needs, creating a new Endpoint inline. */
async function fillNewStudy(page: Page, run: number): Promise<void> {
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const modality = page.getByRole('combobox', { name: 'Modality', exact: true });
  await modality.click();
  await modality.fill('CT');
  await page.getByRole('option', { name: /^CT\s/ }).click();
  await page.getByRole('textbox', { name: 'Started', exact: true }).fill('2026-03-04 10:20:30+01:00');
  await page.getByRole('button', { name: 'New endpoint' }).click();
  const form = page.getByRole('group', { name: 'New endpoint' });
  await form.getByRole('textbox', { name: 'Endpoint name' }).fill(`Bench PACS ${run}`);
  await form.getByRole('textbox', { name: 'Endpoint address' }).fill(`https://pacs-${run}.example.org/dicom-web`);
  await form.getByRole('button', { name: 'Add endpoint' }).click();
  await form.waitFor({ state: 'detached' });
}

/**
 * `runs` saves of a new study by the app, each followed by the transaction it sent, replayed by the page with a fresh
 * Study Instance UID (so that the conditional create creates again).
 */
export async function measureSave(page: Page, fhirBase: string, runs: number, warmUp = 1): Promise<SaveFigures> {
  const figures: SaveFigures = { app: [], direct: [] };
  const transactionUrl = fhirBase.replace(/\/+$/, '');
  for (let run = 0; run < warmUp + runs; run++) {
    await page.evaluate(actUntil, { hash: '#/', readySelector: 'a[href="#/new"]', readyCount: 1, timeoutMs: 60_000 });
    await page.evaluate(actUntil, {
      click: 'a[href="#/new"]',
      readySelector: STUDY_UID_INPUT,
      readyCount: 1,
      timeoutMs: 60_000,
    });
    await fillNewStudy(page, run);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().replace(/\/+$/, '') === transactionUrl);
    const appMs = await page.evaluate(saveUntilConfirmed, {
      confirmation: 'The imaging study was saved.',
      timeoutMs: 60_000,
    });
    const request = await sent;
    const body = request.postData() ?? '';
    const uid = /"value":\s*"urn:oid:([0-9.]+)"/.exec(body)?.[1];
    if (!uid) throw new Error('The transaction has no Study Instance UID');
    const headers = await request.allHeaders();
    const replay = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':')));
    const directMs = await page.evaluate(timedPost, {
      url: request.url(),
      body: body.split(uid).join(generateUid()),
      headers: replay,
    });
    if (run >= warmUp) {
      figures.app.push(appMs);
      figures.direct.push(directMs);
    }
  }
  return figures;
}

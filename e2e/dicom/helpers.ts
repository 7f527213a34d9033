/** Helpers for the DICOM import specs: drop files, open the editor, pick endpoints, read the saved study. */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ImagingStudy } from 'fhir/r4';
import { accessTokenOf, expect, SANDBOX_URL } from '../fixtures';
import { pacsAlreadyRunning, PACS_URL } from './orthanc';

/** Fails with a clear message when the global setup did not start the PACS. */
export async function requirePacs(): Promise<void> {
  if (!(await pacsAlreadyRunning())) {
    throw new Error(
      `No DICOMweb PACS at ${PACS_URL}: the Playwright global setup (e2e/dicom/global-setup.ts) starts it.`,
    );
  }
}

/** Opens "New study" from the app's study list and waits for the editor. */
export async function openNewStudy(app: Page): Promise<void> {
  await app
    .getByRole('link', { name: 'New study' })
    .or(app.getByRole('button', { name: 'New study' }))
    .click();
  await expect(app.getByRole('heading', { name: 'New imaging study' })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Fill from DICOM' })).toBeVisible();
}

/**
 * Drops files on the import drop zone the way a browser does: a `drop` event whose DataTransfer
 * holds the files (built in the page from the bytes on disk).
 */
export async function dropFiles(app: Page, files: readonly string[]): Promise<void> {
  await dropFileContents(
    app,
    files.map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f) })),
  );
}

/** Drops files given by name and bytes on the import drop zone, as a browser's drag and drop would. */
export async function dropFileContents(
  app: Page,
  files: readonly { name: string; bytes: Uint8Array }[],
): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
  const dataTransfer = await app.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { type: 'application/dicom' }));
    }
    return dt;
  }, payload);
  const zone = app.getByTestId('dicom-drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** Adds a server Endpoint to the study through the Endpoint picker. */
export async function pickEndpoint(app: Page, name: string): Promise<void> {
  await app.getByRole('combobox', { name: 'Endpoint' }).click();
  await app.getByRole('option', { name }).click();
  await app.keyboard.press('Escape');
  // A DICOMweb endpoint shows its Check button with its chip: the pick is complete when it is there.
  await expect(app.getByRole('button', { name: `Check ${name}` })).toBeVisible();
}

/** Creates a new Endpoint inline (name, address; connection type DICOM WADO-RS by default). */
export async function addNewEndpoint(app: Page, name: string, address: string): Promise<void> {
  await app.getByRole('button', { name: 'New endpoint' }).click();
  await app.getByLabel('Endpoint name').fill(name);
  await app.getByLabel('Endpoint address').fill(address);
  await app.getByRole('button', { name: 'Add endpoint' }).click();
}

/** The review dialog's row for a field: its "Now" and "From DICOM" cells. */
export function previewRow(app: Page, field: string) {
  return app.getByRole('table', { name: 'Changes to the form' }).getByRole('row', { name: new RegExp(`^${field}\\b`) });
}

/** Saves the study and returns it as the FHIR server has it (read back over the FHIR API). */
export async function saveAndReadBack(app: Page): Promise<ImagingStudy> {
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByText('The imaging study was saved.')).toBeVisible();
  await expect(app).toHaveURL(/#\/study\/[^/]+$/);
  const id = /#\/study\/([^/]+)$/.exec(app.url())?.[1] ?? '';
  const response = await app.request.get(`${SANDBOX_URL}/fhir/ImagingStudy/${id}`, {
    headers: { authorization: `Bearer ${await accessTokenOf(app)}`, accept: 'application/fhir+json' },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as ImagingStudy;
}

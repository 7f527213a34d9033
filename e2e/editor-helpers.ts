/**
 * Helpers for the editor specs: open the editor after an EHR launch, drive its composite inputs (pickers,
 * autocompletes, the inline endpoint form), read the FHIR JSON tab, and talk to the sandbox FHIR API.
 */
import type { Locator, Page } from '@playwright/test';
import type { Bundle, ImagingStudy, OperationOutcomeIssue } from 'fhir/r4';
import { createRequire } from 'node:module';
import { accessTokenOf, ehrLaunch, expect, SANDBOX_URL } from './fixtures';
import type { SeedPatient } from './sandbox/seed';

// The project's validator, loaded through require: its profile layer imports generated JSON without import
// attributes, which Vite accepts but Node's ESM loader (used for Playwright's test files) refuses.
const validation = createRequire(import.meta.url)('../src/validation/index.ts') as typeof import('../src/validation');

export const IMR_PROFILE = 'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy';
export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

/** EHR launch for `patient`; returns the app page once it shows the patient's study list (the launch is done). */
export async function launchApp(page: Page, patient: SeedPatient): Promise<Page> {
  const app = await ehrLaunch(page, patient);
  await expect(app.getByRole('heading', { name: 'Imaging studies' })).toBeVisible();
  return app;
}

/** EHR launch for `patient`, then "New study"; returns the app page with the empty editor shown. */
export async function openNewStudy(page: Page, patient: SeedPatient): Promise<Page> {
  const app = await launchApp(page, patient);
  await app.getByRole('link', { name: 'New study' }).click();
  await expect(app.getByRole('heading', { name: 'New imaging study' })).toBeVisible();
  return app;
}

/** The editor's input for an exact accessible name (Playwright would otherwise match "Series modality" for "Modality"). */
export function field(app: Page | Locator, name: string): Locator {
  return app.getByRole('textbox', { name, exact: true }).or(app.getByRole('combobox', { name, exact: true }));
}

/** The helper text (error or warning) an input is described by (aria-describedby). */
export async function helperTextOf(input: Locator): Promise<Locator> {
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const id = ids.split(/\s+/).find((i) => i.endsWith('-helper-text'));
  if (!id) throw new Error(`input has no helper text reference (aria-describedby="${ids}")`);
  return input.page().locator(`[id="${id}"]`);
}

/** Expects the input to be marked invalid with a message containing `message` at the field. */
export async function expectFieldError(input: Locator, message: string | RegExp): Promise<void> {
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(await helperTextOf(input)).toContainText(message);
}

/** Expects the input to be valid again and its error message gone. */
export async function expectFieldValid(input: Locator): Promise<void> {
  await expect(input).toHaveAttribute('aria-invalid', 'false');
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  for (const id of ids.split(/\s+/).filter((i) => i.endsWith('-helper-text'))) {
    await expect(input.page().locator(`[id="${id}"]`)).toHaveCount(0);
  }
}

/** Picks codes in a modality autocomplete by typing each code and choosing the option that starts with it. */
export async function pickCodes(app: Page | Locator, name: string, codes: readonly string[]): Promise<void> {
  const input = app.getByRole('combobox', { name, exact: true });
  const page = 'page' in app ? app.page() : app;
  for (const code of codes) {
    await input.click();
    await input.fill(code);
    await page.getByRole('option', { name: new RegExp(`^${code}\\s`) }).click();
  }
}

/** Types a date-time ("2026-03-04 10:20:30", in the browser's zone unless an offset follows) into "Started". */
export async function typeDateTime(app: Page, text: string): Promise<void> {
  await field(app, 'Started').fill(text);
}

/** Creates an endpoint through the inline "New endpoint" form. */
export async function createEndpoint(app: Page, name: string, address: string): Promise<void> {
  await app.getByRole('button', { name: 'New endpoint' }).click();
  const form = app.getByRole('group', { name: 'New endpoint' });
  await form.getByRole('textbox', { name: 'Endpoint name' }).fill(name);
  await form.getByRole('textbox', { name: 'Endpoint address' }).fill(address);
  await form.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(form).toHaveCount(0);
}

/** Opens the "FHIR JSON" tab, parses the resource it shows, and goes back to the form. */
export async function readFhirJson(app: Page): Promise<ImagingStudy> {
  await app.getByRole('tab', { name: 'FHIR JSON' }).click();
  const text = await app.getByLabel('ImagingStudy JSON').textContent();
  await app.getByRole('tab', { name: 'Form' }).click();
  return JSON.parse(text ?? '') as ImagingStudy;
}

/** The error (and fatal) issues the project's validator finds in a resource. */
export function validationErrors(resource: unknown): OperationOutcomeIssue[] {
  return (validation.imrValidator().validate(resource).issue ?? []).filter(
    (i) => i.severity === 'error' || i.severity === 'fatal',
  );
}

/** A GET on the sandbox FHIR API with the app's own access token. */
export async function fhirGet<T>(app: Page, path: string): Promise<T> {
  const response = await app.request.get(`${SANDBOX_URL}/fhir/${path}`, {
    headers: { authorization: `Bearer ${await accessTokenOf(app)}`, accept: 'application/fhir+json' },
  });
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** Creates a study through the sandbox FHIR API (a transaction with one POST) and returns its server id. */
export async function createStudyViaApi(app: Page, study: ImagingStudy): Promise<string> {
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [{ request: { method: 'POST', url: 'ImagingStudy' }, resource: study }],
  };
  const response = await app.request.post(`${SANDBOX_URL}/fhir`, {
    headers: { authorization: `Bearer ${await accessTokenOf(app)}`, 'content-type': 'application/fhir+json' },
    data: bundle,
  });
  expect(response.status(), 'transaction status').toBe(200);
  const result = (await response.json()) as Bundle;
  const location = result.entry?.[0]?.response?.location ?? '';
  const id = /ImagingStudy\/([^/]+)/.exec(location)?.[1];
  if (!id) throw new Error(`no ImagingStudy id in ${location}`);
  return id;
}

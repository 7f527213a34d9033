/**
 * Helpers for the save specs. Each test gets its own SMART sandbox (port 0), so its faults, expired tokens and
 * data never reach tests running in parallel; the app itself is the one Playwright serves.
 */
import type { Locator, Page } from '@playwright/test';
import type { Bundle, FhirResource, ImagingStudy } from 'fhir/r4';
import { APP_ORIGIN, ehrLaunch, expect, test as base, type EhrLaunchOptions } from './fixtures';
import { SEED_PATIENTS, type SeedPatient } from './sandbox/seed';
import { startSandbox, type ResourceValidator, type Sandbox } from './sandbox/server';
import { control, fhir, getTokens } from './sandbox/testing/smart-client';

export const [ada] = SEED_PATIENTS as [SeedPatient];
export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
export const IMR_PROFILE = 'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy';
const DRAFT_PREFIX = 'imr-study-author:draft:';
/**
 * How long to wait for what takes the app a while: opening the editor (profile and validator load) and a save
 * (retries back off for up to ~15 s). Generous, because these specs often share the machine with others.
 */
export const SLOW = 30_000;

/** A test's own sandbox, and a token with full read/write access for checking what the server stored. */
export interface SaveFixtures {
  sandbox: Sandbox;
  admin: Admin;
}

/** Options of the test's sandbox (an object: Playwright would take a bare function for a fixture). */
export interface SandboxOptions {
  /** The server's own checks of every write, after base R4 validation. */
  validate?: ResourceValidator;
}

export const test = base.extend<SaveFixtures & { sandboxOptions: SandboxOptions }>({
  sandboxOptions: [{}, { option: true }],
  sandbox: async ({ sandboxOptions }, provide) => {
    const sandbox = await startSandbox({ port: 0, appOrigin: APP_ORIGIN, validate: sandboxOptions.validate });
    await provide(sandbox);
    await sandbox.close();
  },
  admin: async ({ sandbox }, provide) => {
    await provide(new Admin(sandbox));
  },
});
export { expect };

/** Reads and writes on the test's sandbox with full access, outside the app. */
export class Admin {
  private token: string | undefined;

  constructor(readonly sandbox: Sandbox) {}

  /** A FHIR call with a token of its own; a new launch replaces a token the sandbox dropped (expire-tokens). */
  private async call(path: string, init: Parameters<typeof fhir>[3] = {}): ReturnType<typeof fhir> {
    for (let attempt = 0; ; attempt++) {
      this.token ??= (
        await getTokens(this.sandbox, {
          scope: 'launch user/*.cruds',
          ehrLaunch: { patientId: ada.id },
          redirectUri: `${APP_ORIGIN}/`,
        })
      ).access_token;
      const response = await fhir(this.sandbox, this.token, path, init);
      if (response.status !== 401 || attempt > 0) return response;
      this.token = undefined;
    }
  }

  async read<T extends FhirResource>(path: string): Promise<T> {
    const { status, body } = await this.call(path);
    expect(status, `GET ${path}`).toBe(200);
    return body as unknown as T;
  }

  /** The resources of a search. */
  async search<T extends FhirResource>(query: string): Promise<T[]> {
    const bundle = await this.read<Bundle<T>>(query);
    return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r !== undefined);
  }

  /** The studies on the server with this Study Instance UID. */
  studiesWithUid(uid: string): Promise<ImagingStudy[]> {
    return this.search<ImagingStudy>(`ImagingStudy?identifier=${encodeURIComponent(`urn:dicom:uid|urn:oid:${uid}`)}`);
  }

  /** Creates a resource (as a transaction of one POST, the way the seed is loaded) and returns it as stored. */
  async create<T extends FhirResource>(resource: T): Promise<T> {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource, request: { method: 'POST', url: resource.resourceType } }],
    };
    const { status, body } = await this.call('', { method: 'POST', body: bundle });
    expect(status, JSON.stringify(body)).toBe(200);
    const location = (body as unknown as Bundle).entry?.[0]?.response?.location ?? '';
    return this.read<T>(location.replace(/\/_history\/.*$/, '').replace(`${this.sandbox.fhirBase}/`, ''));
  }

  /** Posts to one of the sandbox's test controls. */
  async control(action: string, body: unknown = {}): Promise<void> {
    expect((await control(this.sandbox, action, body)).status, action).toBe(200);
  }
}

/** A fresh Study Instance UID under 2.25. */
export function freshUid(): string {
  return `2.25.${BigInt(`0x${crypto.randomUUID().replace(/-/g, '')}`).toString(10)}`;
}

export interface LaunchOptions extends EhrLaunchOptions {
  patient?: SeedPatient;
  /** Scopes to uncheck on the consent page (asks for consent), as a user granting less would. */
  withhold?: string[];
}

/** EHR launch from the test's sandbox; returns the app page once the study list is shown. */
export async function launch(page: Page, sandbox: Sandbox, options: LaunchOptions = {}): Promise<Page> {
  const consent = options.consent || options.withhold !== undefined;
  const app = await ehrLaunch(page, options.patient ?? ada, { ...options, consent, ehrUrl: `${sandbox.url}/` });
  if (consent) {
    for (const scope of options.withhold ?? []) await app.getByLabel(scope, { exact: true }).uncheck();
    await app.getByRole('button', { name: 'Allow' }).click();
  }
  await expect(app.getByRole('heading', { name: 'Imaging studies' })).toBeVisible({ timeout: SLOW });
  return app;
}

/** Opens the editor for a new study. */
export async function openNewStudy(app: Page): Promise<void> {
  await app.getByRole('link', { name: 'New study' }).click();
  await expect(app.getByRole('heading', { name: 'New imaging study' })).toBeVisible({ timeout: SLOW });
}

/** Opens an existing study's editor by its address (a full page load, as a bookmark would). */
export async function openStudy(app: Page, id: string): Promise<void> {
  await app.goto(`${APP_ORIGIN}/#/study/${id}`);
  await expect(app.getByRole('heading', { name: 'Edit imaging study' })).toBeVisible({ timeout: SLOW });
}

/** The editor's input for an exact accessible name. */
export function field(app: Page, name: string): Locator {
  return app.getByRole('textbox', { name, exact: true }).or(app.getByRole('combobox', { name, exact: true }));
}

/** Types a date-time ("2026-03-04 10:20:30") into the "Started" field, with a UTC offset. */
export async function typeStarted(app: Page, text: string, offset = '+01:00'): Promise<void> {
  await field(app, 'Started').fill(`${text}${offset}`);
}

/** Fills the minimum of a conformant new study: UID, modality, start and an existing endpoint. */
export async function fillNewStudy(app: Page, uid: string, started = '2026-03-04 10:20:30'): Promise<void> {
  await field(app, 'Study Instance UID').fill(uid);
  const modality = app.getByRole('combobox', { name: 'Modality', exact: true });
  await modality.click();
  await modality.fill('CT');
  await app.getByRole('option', { name: /^CT\s/ }).click();
  await typeStarted(app, started);
  const endpoint = app.getByRole('combobox', { name: 'Endpoint', exact: true });
  await endpoint.click();
  await endpoint.fill('Main');
  await app.getByRole('option', { name: /Main PACS/ }).click();
  await app.keyboard.press('Escape');
}

/** The Description field, which is under "More details": the section is opened when it is closed. */
export async function descriptionField(app: Page): Promise<Locator> {
  const details = app.getByRole('button', { name: 'More details' });
  if ((await details.getAttribute('aria-expanded')) !== 'true') await details.click();
  return field(app, 'Description');
}

/** Types into the Description field. */
export async function setDescription(app: Page, text: string): Promise<void> {
  await (await descriptionField(app)).fill(text);
}

export function saveButton(app: Page): Locator {
  return app.getByRole('button', { name: 'Save', exact: true });
}

/** Waits for the page's confirmation of a save and returns the saved study's id from the address. */
export async function expectSaved(app: Page): Promise<string> {
  await expect(app.getByRole('status').filter({ hasText: 'The imaging study was saved.' })).toBeVisible({
    timeout: SLOW,
  });
  await expect(app).toHaveURL(/#\/study\/[^/]+$/);
  return new URL(app.url()).hash.replace('#/study/', '');
}

/** The editor drafts in the tab's sessionStorage, by key, with their JSON. */
export function draftsOf(app: Page): Promise<Record<string, string>> {
  return app.evaluate((prefix) => {
    const drafts: Record<string, string> = {};
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i) ?? '';
      if (key.startsWith(prefix)) drafts[key] = sessionStorage.getItem(key) ?? '';
    }
    return drafts;
  }, DRAFT_PREFIX);
}

/** A conformant IMR study for `patient`, as a hospital system might have stored it. */
export function imrStudy(uid: string, extra: Partial<ImagingStudy> = {}): ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    meta: { profile: [IMR_PROFILE] },
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }],
    status: 'available',
    modality: [{ system: DCM, code: 'MR', display: 'Magnetic Resonance' }],
    subject: { reference: `Patient/${ada.id}` },
    started: '2026-02-01T08:00:00+01:00',
    endpoint: [{ reference: 'Endpoint/endpoint-main-pacs' }],
    description: 'MR knee, left',
    ...extra,
  };
}

/** Launches the app for the first patient, opens New study and fills every mandatory field with a fresh UID. */
export async function startFilledNewStudy(page: Page, sandbox: Sandbox): Promise<{ app: Page; uid: string }> {
  const app = await launch(page, sandbox);
  await openNewStudy(app);
  const uid = freshUid();
  await fillNewStudy(app, uid);
  return { app, uid };
}

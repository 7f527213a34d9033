/**
 * No patient data at rest beyond the tab: after a full session (launch, open, edit, save) nothing is in
 * localStorage, IndexedDB, Cache Storage, a service worker or a cookie; drafts live in sessionStorage only, go after a
 * save, and "Sign out" empties the tab. (The console is checked for patient names and MRNs by the guard in
 * fixtures.ts, in every spec.)
 */
import type { BrowserContext, Page } from '@playwright/test';
import { SEED_PATIENTS, SEED_STUDY } from './sandbox/seed';
import { APP_ORIGIN, expect, expectAccessible, expectBanner, PATIENT_DATA_MARKERS, test } from './fixtures';
import { launchPatient, openDetails, startOwnSandbox, type OwnSandbox } from './security-helpers';

const ada = SEED_PATIENTS[0]!;
const DRAFT_PREFIX = 'imr-study-author:draft:';
/** oidc-provider's session and interaction cookies (httpOnly, on the authorization server). */
const SIGN_IN_COOKIE = /^_(session|interaction|interaction_resume)(\.sig|\.legacy)*$/;

let own: OwnSandbox;
test.beforeAll(async () => {
  own = await startOwnSandbox();
});
test.afterAll(async () => {
  await own?.close();
});

/** Everything the app's origin keeps in the browser besides sessionStorage. */
async function persistentStorage(app: Page, context: BrowserContext) {
  const inPage = await app.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    indexedDB: (await indexedDB.databases()).map((db) => db.name ?? ''),
    caches: await caches.keys(),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
    documentCookie: document.cookie,
    windowName: window.name,
  }));
  // Cookies ignore ports, so on loopback the sandbox's sign-in cookies show up for the app's host too: only
  // cookies that are not the authorization server's count.
  const cookies = (await context.cookies(APP_ORIGIN)).map((c) => c.name).filter((n) => !SIGN_IN_COOKIE.test(n));
  return { ...inPage, cookies };
}

function sessionKeys(app: Page): Promise<string[]> {
  return app.evaluate(() => Object.keys(sessionStorage));
}

async function openSeedStudy(app: Page): Promise<void> {
  // By address: the other test here changes its description.
  await app.locator(`a[href="#/study/${SEED_STUDY.id}"]`).click();
  await expect(app.getByRole('heading', { name: 'Edit imaging study' })).toBeVisible();
  await openDetails(app);
}

test('after launch, open, edit and save, patient data is only in the tab’s sessionStorage', async ({ page }) => {
  const app = await launchPatient(page, own.sandbox, ada.id);
  await expectBanner(app, ada);
  await openSeedStudy(app);

  // An unsaved edit becomes a draft in sessionStorage.
  const description = app.getByRole('textbox', { name: 'Description', exact: true });
  await description.fill('CT chest, draft only');
  await expect.poll(async () => (await sessionKeys(app)).filter((k) => k.startsWith(DRAFT_PREFIX))).toHaveLength(1);

  // Saved: the draft is gone, the change is on the server.
  await description.fill('CT chest, saved');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByText('The imaging study was saved.')).toBeVisible();
  await expect.poll(async () => (await sessionKeys(app)).filter((k) => k.startsWith(DRAFT_PREFIX))).toEqual([]);

  expect(await persistentStorage(app, app.context())).toEqual({
    localStorage: [],
    indexedDB: [],
    caches: [],
    serviceWorkers: 0,
    documentCookie: '',
    windowName: '',
    cookies: [],
  });
  // The authorization server's cookies are httpOnly session ids, never patient data.
  const all = await app.context().cookies();
  expect(all.length).toBeGreaterThan(0);
  for (const cookie of all) {
    expect(cookie.name).toMatch(SIGN_IN_COOKIE);
    expect(cookie.httpOnly, `cookie ${cookie.name} is httpOnly`).toBe(true);
    for (const marker of [...PATIENT_DATA_MARKERS, ada.id, SEED_STUDY.id]) {
      expect(decodeURIComponent(cookie.value), `cookie ${cookie.name}`).not.toContain(marker);
    }
  }
  // What sessionStorage holds: fhirclient's launch (tokens) under its key, nothing else.
  const launchKey = await app.evaluate(() => JSON.parse(sessionStorage.getItem('SMART_KEY') ?? '""') as string);
  expect((await sessionKeys(app)).sort()).toEqual(['SMART_KEY', launchKey].sort());
});

test('sign-out removes the launch and every draft from the tab and shows a signed-out page', async ({ page }) => {
  const app = await launchPatient(page, own.sandbox, ada.id);
  await openSeedStudy(app);
  await app.getByRole('textbox', { name: 'Description', exact: true }).fill('CT chest, never saved');
  await expect.poll(async () => (await sessionKeys(app)).some((k) => k.startsWith(DRAFT_PREFIX))).toBe(true);

  await app.getByRole('button', { name: 'Sign out' }).click();
  await expect(app.getByRole('status')).toContainText('You have signed out');
  expect(await sessionKeys(app)).toEqual([]);
  const text = (await app.locator('body').textContent()) ?? '';
  for (const marker of [...PATIENT_DATA_MARKERS, 'CT chest', SEED_STUDY.studyUid]) expect(text).not.toContain(marker);
  await expectAccessible(app);

  // Nothing is left to resume the session with.
  await app.reload();
  await expect(app.getByRole('alert')).toContainText('Your session has ended');
  expect(await sessionKeys(app)).toEqual([]);
  expect(await persistentStorage(app, app.context())).toMatchObject({ localStorage: [], indexedDB: [] });
});

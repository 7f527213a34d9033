/**
 * Launch hygiene: the redirect back from the authorization server is only accepted in the tab that started the launch
 * (fhirclient's state check, plus a refusal of a code without a state), and the launch page refuses an issuer that is
 * not configured, or one over plain http other than loopback, before it sends any request to it.
 */
import type { Page, Request } from '@playwright/test';
import { SEED_PATIENTS } from './sandbox/seed';
import { APP_ORIGIN, ehrLaunch, expect, expectAccessible, expectBanner, SANDBOX_URL, test } from './fixtures';
import { expectNothingExecuted, watchDialogs } from './hostile-strings';

const ada = SEED_PATIENTS[0]!;

function isTokenRequest(request: Request): boolean {
  return request.method() === 'POST' && request.url().includes('/oidc/token');
}

/** A real EHR launch for ada; returns the address the authorization server redirected the app to. */
async function launchAndCaptureRedirect(page: Page): Promise<URL> {
  const redirects: string[] = [];
  page.context().on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === APP_ORIGIN && url.searchParams.has('code')) redirects.push(r.url());
  });
  const app = await ehrLaunch(page, ada);
  await expectBanner(app, ada);
  expect(redirects).toHaveLength(1);
  return new URL(redirects[0] as string);
}

test('a redirect with a forged state, a replayed one, or a code without a state is refused before any exchange', async ({
  page,
}) => {
  const redirect = await launchAndCaptureRedirect(page);
  const forged = new URL(redirect);
  forged.searchParams.set('state', 'forged-state');
  const withoutState = new URL(redirect);
  withoutState.searchParams.delete('state');

  // Each opened in a tab of its own: that tab started no launch (sessionStorage is per tab).
  for (const [what, url] of [
    ['forged state', forged],
    ['the genuine redirect replayed in another tab', redirect],
    ['a code without a state', withoutState],
  ] as const) {
    const tab = await page.context().newPage();
    const tokenRequests: string[] = [];
    tab.on('request', (r) => isTokenRequest(r) && tokenRequests.push(r.url()));
    await tab.goto(url.href);
    await expect(tab.getByRole('alert'), what).toContainText('This launch was refused');
    await expect(tab.getByRole('alert'), what).toContainText('This sign-in could not be verified');
    await expect(tab.getByRole('region', { name: 'Patient' })).toHaveCount(0);
    expect(tokenRequests, `${what}: no code exchange`).toEqual([]);
    await tab.close();
  }
});

test('the launch page refuses an issuer that is not configured, or plain http, without contacting it', async ({
  page,
}) => {
  const dialogs = watchDialogs(page);
  const elsewhere: string[] = [];
  page.on('request', (r) => !r.url().startsWith(`${APP_ORIGIN}/`) && elsewhere.push(r.url()));
  const cases: [iss: string, message: string][] = [
    ['https://evil.example/fhir', 'is not one this app is configured to trust'],
    ['https://127.0.0.1.evil.example/fhir', 'is not one this app is configured to trust'],
    [`${SANDBOX_URL}/fhir/../evil`, 'is not one this app is configured to trust'],
    ['http://fhir.hospital.example/fhir', 'does not use https'],
    ['http://10.0.0.5/fhir', 'does not use https'],
    ['javascript:window.__pwned=1//', 'does not use https'],
    ['<img src=x onerror="window.__pwned=2" data-pwned>', 'is not a valid URL'],
  ];
  for (const [iss, message] of cases) {
    await page.goto(`${APP_ORIGIN}/launch.html?${new URLSearchParams({ iss, launch: 'x' }).toString()}`);
    await expect(page.getByRole('alert'), iss).toContainText('This launch was refused');
    await expect(page.getByRole('alert'), iss).toContainText(message);
    await expectNothingExecuted(page, dialogs);
  }
  expect(elsewhere, 'requests to anything but the app itself').toEqual([]);
  await expectAccessible(page);
});

test('an issuer on the configured list is launched (the loopback sandbox)', async ({ page }) => {
  const redirect = await launchAndCaptureRedirect(page);
  expect(redirect.origin).toBe(APP_ORIGIN);
  expect(redirect.searchParams.get('state')).toBeTruthy();
});

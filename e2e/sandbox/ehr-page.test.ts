import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PATIENTS } from './seed.ts';
import { startSandbox, type Sandbox } from './server.ts';
import { fhir, getTokens } from './testing/smart-client.ts';

const APP_ORIGIN = 'http://127.0.0.1:5173';
const [ada] = SEED_PATIENTS as [(typeof SEED_PATIENTS)[0]];

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, appOrigin: APP_ORIGIN, appLaunchPath: '/launch.html' });
});

afterAll(async () => {
  await sandbox.close();
});

async function launch(fields: Record<string, string>): Promise<Response> {
  return fetch(`${sandbox.url}/launch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

describe('EHR page', () => {
  it('lists the patients with a launch button each, the launch options and a standalone link', async () => {
    const response = await fetch(`${sandbox.url}/`);
    expect(response.status).toBe(200);
    const page = await response.text();
    for (const p of SEED_PATIENTS) {
      expect(page).toContain(`<button type="submit" name="patient" value="${p.id}">Launch ${p.name}</button>`);
    }
    expect(page).toMatch(/<input type="radio" id="mode-tab"[^>]*>\s*<label for="mode-tab">New tab<\/label>/);
    expect(page).toMatch(
      /<input type="radio" id="mode-iframe"[^>]*>\s*<label for="mode-iframe">Embedded iframe<\/label>/,
    );
    expect(page).toMatch(
      /<input type="checkbox" id="ask-consent"[^>]*>\s*<label for="ask-consent">Ask for consent<\/label>/,
    );
    const standalone = `${APP_ORIGIN}/launch.html?iss=${encodeURIComponent(sandbox.fhirBase)}`;
    expect(page).toContain(`<a href="${standalone}">Standalone launch</a>`);
  });

  it('survives a strict Content-Security-Policy: no inline script, style or event handlers', async () => {
    const response = await fetch(`${sandbox.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\son[a-z]+=/);
    expect(page).not.toMatch(/\sstyle=/);
    expect((await fetch(`${sandbox.url}/static/ehr.js`)).status).toBe(200);
  });

  it('escapes patient data', async () => {
    const { access_token } = await getTokens(sandbox, {
      scope: 'launch user/Patient.cruds',
      ehrLaunch: { patientId: ada.id },
    });
    const sneaky = {
      resourceType: 'Patient',
      name: [{ family: '<img src=x onerror=alert(1)>', given: ['Eve & "Mallory"'] }],
    };
    expect((await fhir(sandbox, access_token, 'Patient', { method: 'POST', body: sneaky })).status).toBe(201);
    const page = await (await fetch(`${sandbox.url}/`)).text();
    expect(page).toContain('Eve &amp; &quot;Mallory&quot; &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
  });
});

describe('EHR launch', () => {
  it('opens the app launch URL with iss and an opaque launch id for a new tab', async () => {
    const response = await launch({ mode: 'tab', patient: ada.id });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${APP_ORIGIN}/launch.html`);
    expect(location.searchParams.get('iss')).toBe(sandbox.fhirBase);
    expect(location.searchParams.get('launch')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(location.searchParams.get('launch')).not.toContain(ada.id);
  });

  it('embeds the app in an iframe on the EHR page for an embedded launch', async () => {
    const response = await launch({ mode: 'iframe', patient: ada.id });
    const embedded = new URL(response.headers.get('location') ?? '', sandbox.url);
    expect(embedded.pathname).toBe('/embedded');
    const page = await fetch(embedded);
    expect(page.headers.get('content-security-policy')).toContain(`frame-src 'self' ${APP_ORIGIN}`);
    const html = await page.text();
    const launchId = embedded.searchParams.get('launch') ?? '';
    const src = `${APP_ORIGIN}/launch.html?iss=${encodeURIComponent(sandbox.fhirBase)}&amp;launch=${launchId}`;
    expect(html).toContain(`<iframe title="SMART app" name="smart-app" src="${src}"></iframe>`);
    expect(html).toContain(ada.name);
  });

  it('refuses a launch without a known patient', async () => {
    expect((await launch({ mode: 'tab', patient: 'nobody' })).status).toBe(400);
  });
});

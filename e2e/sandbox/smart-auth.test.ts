import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PATIENTS, SEED_PRACTITIONER } from './seed.ts';
import { startSandbox, type Sandbox } from './server.ts';
import {
  APP_SCOPES_V1,
  APP_SCOPES_V2,
  Browser,
  authorize,
  exchangeCode,
  fhir,
  getTokens,
  jwtClaims,
  tokenRequest,
} from './testing/smart-client.ts';

const APP_ORIGIN = 'http://127.0.0.1:5173';
const [ada, alan, grace] = SEED_PATIENTS as [
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
];
const STANDALONE_SCOPES = APP_SCOPES_V2.replace('launch ', 'launch/patient ');

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, appOrigin: APP_ORIGIN });
});

afterAll(async () => {
  await sandbox.close();
});

describe('discovery', () => {
  it('publishes the SMART configuration with the required capabilities', async () => {
    const response = await fetch(`${sandbox.fhirBase}/.well-known/smart-configuration`, {
      headers: { Origin: APP_ORIGIN },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const config = (await response.json()) as Record<string, unknown>;
    expect(config.capabilities).toEqual(
      expect.arrayContaining([
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-ehr-patient',
        'context-standalone-patient',
        'permission-v2',
        'permission-v1',
      ]),
    );
    expect(config.code_challenge_methods_supported).toEqual(['S256']);
    expect(config.authorization_endpoint).toBe(`${sandbox.url}/oidc/auth`);
    expect(config.token_endpoint).toBe(`${sandbox.url}/oidc/token`);
    expect(config.grant_types_supported).toEqual(['authorization_code', 'refresh_token']);
    expect(config.scopes_supported).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'launch', 'launch/patient']));
  });

  it('serves a CapabilityStatement with the SMART oauth-uris and transactions, without a token', async () => {
    const { status, body } = await fhir(sandbox, undefined, 'metadata');
    expect(status).toBe(200);
    expect(body.fhirVersion).toBe('4.0.1');
    const [rest] = body.rest as {
      security: { extension: { url: string; extension: unknown[] }[] };
      interaction: unknown[];
    }[];
    expect(rest?.interaction).toContainEqual({ code: 'transaction' });
    const oauth = rest?.security.extension.find((e) => e.url.endsWith('/oauth-uris'));
    expect(oauth?.extension).toEqual([
      { url: 'authorize', valueUri: `${sandbox.url}/oidc/auth` },
      { url: 'token', valueUri: `${sandbox.url}/oidc/token` },
    ]);
  });
});

describe('EHR launch', () => {
  it('returns the launch context, an id_token with fhirUser and all granted scopes', async () => {
    const tokens = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: alan.id } });
    expect(tokens.patient).toBe(alan.id);
    expect(tokens.encounter).toBe(alan.encounterId);
    expect(tokens.need_patient_banner).toBe(true);
    expect(tokens.fhirUser).toBe(`${sandbox.fhirBase}/Practitioner/${SEED_PRACTITIONER.id}`);
    expect(tokens.scope.split(' ').sort()).toEqual(APP_SCOPES_V2.split(' ').sort());
    expect(tokens.refresh_token).toBeTruthy();
    expect(jwtClaims(tokens.id_token ?? '')).toMatchObject({
      sub: SEED_PRACTITIONER.id,
      fhirUser: tokens.fhirUser,
      aud: 'imr-study-author',
    });
    const style = await fetch(tokens.smart_style_url ?? '');
    expect(style.status).toBe(200);
    expect(await style.json()).toHaveProperty('color_highlight');
    // The encounter is a real resource.
    const encounter = await fhir(sandbox, tokens.access_token, `Encounter/${alan.encounterId}`);
    expect(encounter.status).toBe(403); // …that the app's scopes do not cover; it exists all the same:
    const wide = await getTokens(sandbox, { scope: 'launch user/Encounter.rs', ehrLaunch: { patientId: alan.id } });
    expect((await fhir(sandbox, wide.access_token, `Encounter/${alan.encounterId}`)).body.id).toBe(alan.encounterId);
  });

  it('says the app needs no patient banner when it is embedded in the EHR frame', async () => {
    const tokens = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id, mode: 'iframe' } });
    expect(tokens.need_patient_banner).toBe(false);
  });

  it('skips the consent page unless the EHR asks for consent', async () => {
    const silent = await authorize(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id } });
    expect(silent.code).toBeTruthy();
    expect(silent.consentScopes).toBeUndefined();
    const asked = await authorize(sandbox, {
      scope: APP_SCOPES_V2,
      ehrLaunch: { patientId: ada.id, askConsent: true },
    });
    expect(asked.code).toBeTruthy();
    expect(asked.consentScopes).toEqual(APP_SCOPES_V2.split(' '));
  });

  it('keeps each launch to its own patient when two run in one browser', async () => {
    const browser = new Browser();
    const first = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id }, browser });
    const second = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: grace.id }, browser });
    expect([first.patient, second.patient]).toEqual([ada.id, grace.id]);
    // The first launch's token still works, and still only for its own patient.
    expect((await fhir(sandbox, first.access_token, `Patient/${ada.id}`)).status).toBe(200);
    expect((await fhir(sandbox, first.access_token, `Patient/${grace.id}`)).status).toBe(403);
    expect((await fhir(sandbox, second.access_token, `Patient/${grace.id}`)).status).toBe(200);
  });

  it('rejects an unknown launch id and a wrong aud', async () => {
    const browser = new Browser();
    const bad = await authorize(sandbox, { scope: APP_SCOPES_V2, browser, aud: 'http://elsewhere.example/fhir' });
    expect(bad.error).toBe('invalid_request');
    expect(bad.errorDescription).toMatch(/aud/);
    const response = await browser.fetch(
      `${sandbox.url}/oidc/auth?${new URLSearchParams({
        response_type: 'code',
        client_id: 'imr-study-author',
        redirect_uri: `${APP_ORIGIN}/`,
        scope: APP_SCOPES_V2,
        aud: sandbox.fhirBase,
        launch: 'not-a-launch',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }).toString()}`,
    );
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/launch/);
  });
});

describe('standalone launch', () => {
  it('lets the user pick the patient and consent', async () => {
    const result = await authorize(sandbox, { scope: STANDALONE_SCOPES, pickPatientId: grace.id });
    expect(result.pickerButtons).toEqual(SEED_PATIENTS.map((p) => `Select ${p.name}`));
    expect(result.consentScopes).toEqual(STANDALONE_SCOPES.split(' '));
    const { status, body } = await exchangeCode(sandbox, result);
    expect(status).toBe(200);
    expect(body.patient).toBe(grace.id);
    expect(body.need_patient_banner).toBe(true);
  });

  it('redirects a denial to the app as access_denied', async () => {
    const result = await authorize(sandbox, { scope: STANDALONE_SCOPES, pickPatientId: grace.id, deny: true });
    expect(result.code).toBeUndefined();
    expect(result.error).toBe('access_denied');
  });

  it('grants only the v2 scopes left checked, and enforces that', async () => {
    const grant = ['launch/patient', 'openid', 'fhirUser', 'patient/Patient.rs', 'patient/ImagingStudy.cruds'];
    const tokens = await getTokens(sandbox, { scope: STANDALONE_SCOPES, pickPatientId: ada.id, grant });
    expect(tokens.scope.split(' ').sort()).toEqual([...grant].sort());
    expect(tokens.refresh_token).toBeUndefined();
    expect((await fhir(sandbox, tokens.access_token, 'Endpoint')).status).toBe(403);
    expect((await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`)).status).toBe(200);
  });

  it('grants only the v1 scopes left checked, and enforces that', async () => {
    const scope = APP_SCOPES_V1.replace('launch ', 'launch/patient ');
    const grant = ['launch/patient', 'openid', 'offline_access', 'patient/ImagingStudy.read', 'user/Endpoint.read'];
    const tokens = await getTokens(sandbox, { scope, pickPatientId: ada.id, grant });
    expect(tokens.scope.split(' ').sort()).toEqual([...grant].sort());
    expect(tokens.refresh_token).toBeTruthy();
    const study = { resourceType: 'ImagingStudy', status: 'available', subject: { reference: `Patient/${ada.id}` } };
    expect((await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study })).status).toBe(
      403,
    );
    expect((await fhir(sandbox, tokens.access_token, 'ImagingStudy')).status).toBe(200);
    expect((await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`)).status).toBe(403);
  });
});

describe('PKCE', () => {
  it('refuses an authorization request without a code challenge', async () => {
    const result = await authorize(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id }, pkce: 'none' });
    expect(result.error).toBe('invalid_request');
    expect(result.errorDescription).toMatch(/PKCE/);
  });

  it('refuses the plain method', async () => {
    const result = await authorize(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id }, pkce: 'plain' });
    expect(result.error).toBe('invalid_request');
    expect(result.errorDescription).toMatch(/code_challenge_method/);
  });

  it('refuses a wrong verifier, and a code used twice', async () => {
    const wrong = await authorize(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id } });
    const mismatch = await exchangeCode(sandbox, wrong, 'x'.repeat(43));
    expect(mismatch).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const good = await authorize(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id } });
    expect((await exchangeCode(sandbox, good)).status).toBe(200);
    expect(await exchangeCode(sandbox, good)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('refresh', () => {
  it('issues a working access token that carries the patient context again', async () => {
    const tokens = await getTokens(sandbox, {
      scope: APP_SCOPES_V2,
      ehrLaunch: { patientId: grace.id, mode: 'iframe' },
    });
    const { status, body } = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      patient: grace.id,
      encounter: grace.encounterId,
      need_patient_banner: false,
      fhirUser: tokens.fhirUser,
    });
    expect(String(body.scope).split(' ')).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'offline_access']));
    expect(body.access_token).not.toBe(tokens.access_token);
    const read = await fhir(sandbox, String(body.access_token), `Patient/${grace.id}`);
    expect(read.body.id).toBe(grace.id);
  });

  it('accepts a public client refresh without client_id, as fhirclient sends it', async () => {
    const tokens = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id } });
    const response = await fetch(`${sandbox.url}/oidc/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: APP_ORIGIN },
      body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(tokens.refresh_token ?? '')}`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(await response.json()).toMatchObject({ patient: ada.id, token_type: 'Bearer' });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IMR_IMAGING_STUDY_PROFILE } from './fhir/engine.ts';
import { SEED_PATIENTS, SEED_STUDY } from './seed.ts';
import { startSandbox, type Sandbox } from './server.ts';
import { APP_SCOPES_V2, control, fhir, getTokens, tokenRequest, type TokenResponse } from './testing/smart-client.ts';

const [ada] = SEED_PATIENTS as [(typeof SEED_PATIENTS)[0]];

let sandbox: Sandbox;
let tokens: TokenResponse;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, appOrigin: 'http://127.0.0.1:5173' });
});

beforeEach(async () => {
  expect((await control(sandbox, 'reset')).status).toBe(200);
  tokens = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id } });
});

afterAll(async () => {
  await sandbox.close();
});

const study = (extra: Record<string, unknown> = {}) => ({
  resourceType: 'ImagingStudy',
  status: 'available',
  subject: { reference: `Patient/${ada.id}` },
  ...extra,
});

describe('fail-requests', () => {
  it('fails the next requests with a 500 OperationOutcome, then recovers', async () => {
    expect((await control(sandbox, 'fail-requests', { count: 2 })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const { status, body } = await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`);
      expect(status).toBe(500);
      expect(body.resourceType).toBe('OperationOutcome');
    }
    expect((await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`)).status).toBe(200);
  });

  it('can drop the connection instead, and only for one method', async () => {
    await control(sandbox, 'fail-requests', { count: 1, mode: 'destroy-socket', method: 'POST' });
    expect((await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`)).status).toBe(200);
    await expect(
      fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study() }),
    ).rejects.toThrow();
    expect((await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study() })).status).toBe(
      201,
    );
  });

  it('can refuse a request with a 403 forbidden OperationOutcome, as a server policy would', async () => {
    await control(sandbox, 'fail-requests', { count: 1, mode: 'status-403', method: 'POST' });
    const refused = await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study() });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
    expect((await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study() })).status).toBe(
      201,
    );
  });

  it('rejects malformed settings', async () => {
    expect((await control(sandbox, 'fail-requests', { count: -1 })).status).toBe(400);
    expect((await control(sandbox, 'fail-requests', { mode: 'explode' })).status).toBe(400);
  });
});

describe('expire-tokens', () => {
  it('expires access tokens while the refresh token keeps working', async () => {
    expect((await control(sandbox, 'expire-tokens')).status).toBe(200);
    expect((await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`)).status).toBe(401);
    const refreshed = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    expect((await fhir(sandbox, String(refreshed.body.access_token), `Patient/${ada.id}`)).status).toBe(200);
  });
});

describe('patch-resource', () => {
  it("changes a resource behind the app's back, so the app's next versioned update gets 412", async () => {
    const before = await fhir(sandbox, tokens.access_token, `ImagingStudy/${SEED_STUDY.id}`);
    const etag = before.headers.get('etag') ?? '';
    const patched = await control(sandbox, 'patch-resource', {
      reference: `ImagingStudy/${SEED_STUDY.id}`,
      patch: [{ op: 'replace', path: '/description', value: 'Changed by someone else' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: 'Changed by someone else' });
    const update = await fhir(sandbox, tokens.access_token, `ImagingStudy/${SEED_STUDY.id}`, {
      method: 'PUT',
      body: { ...before.body, description: 'Mine' },
      headers: { 'If-Match': etag },
    });
    expect(update.status).toBe(412);
  });
});

describe('require-imr', () => {
  it('makes ImagingStudy writes claim the IMR profile while it is on', async () => {
    await control(sandbox, 'require-imr', { required: true });
    const plain = await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study() });
    expect(plain.status).toBe(422);
    expect(plain.body.resourceType).toBe('OperationOutcome');
    const claimed = study({ meta: { profile: [IMR_IMAGING_STUDY_PROFILE] } });
    expect((await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: claimed })).status).toBe(
      201,
    );
    await control(sandbox, 'require-imr', { required: false });
    expect((await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study() })).status).toBe(
      201,
    );
  });
});

describe('reset', () => {
  it('restores the seed data and clears the other controls', async () => {
    const created = await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study() });
    await control(sandbox, 'require-imr', { required: true });
    await control(sandbox, 'fail-requests', { count: 5 });
    expect((await control(sandbox, 'reset')).status).toBe(200);
    expect((await fhir(sandbox, tokens.access_token, `ImagingStudy/${String(created.body.id)}`)).status).toBe(404);
    expect((await fhir(sandbox, tokens.access_token, `ImagingStudy/${SEED_STUDY.id}`)).status).toBe(200);
    expect((await fhir(sandbox, tokens.access_token, 'ImagingStudy', { method: 'POST', body: study() })).status).toBe(
      201,
    );
  });
});

describe('control endpoint', () => {
  it('needs a JSON POST and a known action', async () => {
    const form = await fetch(`${sandbox.url}/__control/reset`, { method: 'POST', body: 'x=1' });
    expect(form.status).toBe(415);
    expect((await control(sandbox, 'self-destruct')).status).toBe(404);
  });
});

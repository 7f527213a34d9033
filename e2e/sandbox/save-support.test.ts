/**
 * What the app's save relies on in the sandbox: a transaction is all or nothing (a study that fails validation
 * leaves no new Endpoint behind), and the `drop-response` fault loses an answer after the change was made.
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { imrValidator } from '../../src/validation';
import { IMR_IMAGING_STUDY_PROFILE } from './fhir/engine.ts';
import { SEED_PATIENTS } from './seed.ts';
import { startSandbox, type Sandbox } from './server.ts';
import { APP_SCOPES_V2, control, fhir, getTokens, tokenRequest } from './testing/smart-client.ts';

const [ada] = SEED_PATIENTS as [(typeof SEED_PATIENTS)[0]];
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  const validator = imrValidator();
  sandbox = await startSandbox({
    port: 0,
    appOrigin: 'http://127.0.0.1:5173',
    // The project's IMR validator judges what claims the IMR profile, as a hospital's validating server would.
    validate: (resource) =>
      resource.meta?.profile?.includes(IMR_IMAGING_STUDY_PROFILE)
        ? // The same FHIR R4 issue, typed by the app's FHIR types rather than Medplum's.
          (validator.validate(resource).issue as unknown as OperationOutcomeIssue[])
        : [],
  });
});

beforeEach(async () => {
  expect((await control(sandbox, 'reset')).status).toBe(200);
  token = (await getTokens(sandbox, { scope: 'launch user/*.cruds', ehrLaunch: { patientId: ada.id } })).access_token;
});

afterAll(async () => {
  await sandbox.close();
});

function newEndpoint(name: string) {
  return {
    resourceType: 'Endpoint',
    status: 'active',
    name,
    connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' },
    payloadType: [{ coding: [{ system: DCM, code: '113014' }] }],
    address: 'http://127.0.0.1:8046/dicom-web',
  };
}

/** The app's save: a new Endpoint and the study that refers to it by urn:uuid, in one transaction. */
function saveBundle(endpointName: string, study: Record<string, unknown>) {
  const endpointUrl = `urn:uuid:${crypto.randomUUID()}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: endpointUrl, resource: newEndpoint(endpointName), request: { method: 'POST', url: 'Endpoint' } },
      {
        fullUrl: `urn:uuid:${crypto.randomUUID()}`,
        resource: {
          resourceType: 'ImagingStudy',
          meta: { profile: [IMR_IMAGING_STUDY_PROFILE] },
          status: 'available',
          subject: { reference: `Patient/${ada.id}` },
          endpoint: [{ reference: endpointUrl }],
          ...study,
        },
        request: { method: 'POST', url: 'ImagingStudy' },
      },
    ],
  };
}

function entries(body: Record<string, unknown>): unknown[] {
  return (body.entry as unknown[] | undefined) ?? [];
}

describe('atomic save transaction', () => {
  it('keeps no new Endpoint when the study in the same transaction fails validation', async () => {
    await control(sandbox, 'require-imr', { required: true });
    // No Study Instance UID, modality or start time: the IMR profile requires them.
    const { status, body } = await fhir(sandbox, token, '', {
      method: 'POST',
      body: saveBundle('endpoint-of-an-invalid-study', {}),
    });

    expect(status).toBe(422);
    expect(body.resourceType).toBe('OperationOutcome');
    const expressions = (body.issue as { expression?: string[] }[]).flatMap((i) => i.expression ?? []);
    expect(expressions.some((e) => e.includes('ImagingStudy'))).toBe(true);
    expect(entries((await fhir(sandbox, token, 'Endpoint?name=endpoint-of-an-invalid-study')).body)).toEqual([]);
    expect(entries((await fhir(sandbox, token, `ImagingStudy?patient=${ada.id}`)).body)).toHaveLength(1);
  });

  it('keeps both when the study is valid', async () => {
    const uid = '2.25.8613485927361523984712394871239';
    const { status } = await fhir(sandbox, token, '', {
      method: 'POST',
      body: saveBundle('endpoint-of-a-valid-study', {
        identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }],
        modality: [{ system: DCM, code: 'CT', display: 'Computed Tomography' }],
        started: '2026-03-04T10:20:30+01:00',
      }),
    });

    expect(status).toBe(200);
    expect(entries((await fhir(sandbox, token, 'Endpoint?name=endpoint-of-a-valid-study')).body)).toHaveLength(1);
  });
});

describe('fail-requests drop-response', () => {
  it('makes the change, then drops the connection instead of answering', async () => {
    await control(sandbox, 'fail-requests', { count: 1, mode: 'drop-response', method: 'POST' });
    await expect(
      fhir(sandbox, token, 'Endpoint', { method: 'POST', body: newEndpoint('saved-but-unanswered') }),
    ).rejects.toThrow();
    expect(entries((await fhir(sandbox, token, 'Endpoint?name=saved-but-unanswered')).body)).toHaveLength(1);
  });

  it('is a valid mode of the control, next to the others', async () => {
    expect((await control(sandbox, 'fail-requests', { mode: 'drop-response' })).status).toBe(200);
    expect((await control(sandbox, 'fail-requests', { mode: 'drop-everything' })).status).toBe(400);
  });
});

describe('expire-tokens with refreshTokens', () => {
  it('ends the session: the access token is refused and the refresh token no longer works', async () => {
    const tokens = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id } });
    expect((await control(sandbox, 'expire-tokens', { refreshTokens: true })).status).toBe(200);
    expect((await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`)).status).toBe(401);
    const refreshed = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.error).toBe('invalid_grant');
    expect((await control(sandbox, 'expire-tokens', { refreshTokens: 'yes' })).status).toBe(400);
  });
});

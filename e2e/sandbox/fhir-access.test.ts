import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEED_ENDPOINTS, SEED_PATIENTS, SEED_STUDY } from './seed.ts';
import { startSandbox, type Sandbox } from './server.ts';
import { APP_SCOPES_V1, APP_SCOPES_V2, fhir, getTokens } from './testing/smart-client.ts';

const [ada, alan] = SEED_PATIENTS as [(typeof SEED_PATIENTS)[0], (typeof SEED_PATIENTS)[0]];

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, appOrigin: 'http://127.0.0.1:5173' });
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(() => {
  vi.useRealTimers();
});

function study(patientId: string) {
  return {
    resourceType: 'ImagingStudy',
    status: 'available',
    subject: { reference: `Patient/${patientId}` },
    started: '2024-05-01T10:00:00+02:00',
  };
}

function endpoint(name: string) {
  return {
    resourceType: 'Endpoint',
    status: 'active',
    name,
    connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' },
    payloadType: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113014' }] }],
    address: 'http://127.0.0.1:8044/dicom-web',
  };
}

function entryIds(body: Record<string, unknown>): string[] {
  return ((body.entry as { resource: { id: string } }[] | undefined) ?? []).map((e) => e.resource.id);
}

describe('authentication', () => {
  it('answers 401 with an OperationOutcome without a token or with a garbage token', async () => {
    for (const token of [undefined, 'garbage']) {
      const { status, body, headers } = await fhir(sandbox, token, `Patient/${ada.id}`);
      expect(status).toBe(401);
      expect(body.resourceType).toBe('OperationOutcome');
      expect(headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
  });

  it('answers 401 once the access token has expired', async () => {
    const tokens = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: ada.id } });
    expect((await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (tokens.expires_in + 60) * 1000 });
    const { status, body } = await fhir(sandbox, tokens.access_token, `Patient/${ada.id}`);
    expect(status).toBe(401);
    expect(body.resourceType).toBe('OperationOutcome');
  });
});

describe.each([
  ['v2', APP_SCOPES_V2],
  ['v1', APP_SCOPES_V1],
])('patient compartment with SMART %s scopes', (_version, scope) => {
  let token: string;

  beforeAll(async () => {
    token = (await getTokens(sandbox, { scope, ehrLaunch: { patientId: alan.id } })).access_token;
  });

  it('reads the launch patient but not another patient', async () => {
    expect((await fhir(sandbox, token, `Patient/${alan.id}`)).body.id).toBe(alan.id);
    const other = await fhir(sandbox, token, `Patient/${ada.id}`);
    expect(other.status).toBe(403);
    expect(other.body.resourceType).toBe('OperationOutcome');
  });

  it("does not read another patient's study", async () => {
    expect((await fhir(sandbox, token, `ImagingStudy/${SEED_STUDY.id}`)).status).toBe(403);
  });

  it('restricts searches to the compartment', async () => {
    expect(entryIds((await fhir(sandbox, token, 'Patient')).body)).toEqual([alan.id]);
    expect(entryIds((await fhir(sandbox, token, `ImagingStudy?patient=Patient/${ada.id}`)).body)).toEqual([]);
    expect(entryIds((await fhir(sandbox, token, 'ImagingStudy')).body)).not.toContain(SEED_STUDY.id);
    const byPost = await fetch(`${sandbox.fhirBase}/Patient/_search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `_id=${ada.id}`,
    });
    expect(entryIds((await byPost.json()) as Record<string, unknown>)).toEqual([]);
  });

  it('writes studies for the launch patient only', async () => {
    const mine = await fhir(sandbox, token, 'ImagingStudy', { method: 'POST', body: study(alan.id) });
    expect(mine.status).toBe(201);
    const theirs = await fhir(sandbox, token, 'ImagingStudy', { method: 'POST', body: study(ada.id) });
    expect(theirs.status).toBe(403);
    expect(theirs.body.resourceType).toBe('OperationOutcome');
  });

  it("cannot take over another patient's study by updating it", async () => {
    const takeover = { ...study(alan.id), id: SEED_STUDY.id };
    const { status } = await fhir(sandbox, token, `ImagingStudy/${SEED_STUDY.id}`, { method: 'PUT', body: takeover });
    expect(status).toBe(403);
    expect((await fhir(sandbox, token, `ImagingStudy/${SEED_STUDY.id}`, { method: 'DELETE' })).status).toBe(403);
  });

  it('reads every endpoint with the user/ scope', async () => {
    expect(entryIds((await fhir(sandbox, token, 'Endpoint')).body)).toEqual(
      expect.arrayContaining(SEED_ENDPOINTS.map((e) => e.id)),
    );
  });
});

describe('write permissions', () => {
  it('answers 403 to a write without a write scope', async () => {
    const scope = 'launch patient/Patient.rs patient/ImagingStudy.rs';
    const { access_token } = await getTokens(sandbox, { scope, ehrLaunch: { patientId: alan.id } });
    const { status, body } = await fhir(sandbox, access_token, 'ImagingStudy', {
      method: 'POST',
      body: study(alan.id),
    });
    expect(status).toBe(403);
    expect(body.resourceType).toBe('OperationOutcome');
    expect((await fhir(sandbox, access_token, 'ImagingStudy')).status).toBe(200);
  });

  it('checks every transaction entry before writing anything', async () => {
    const { access_token } = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: alan.id } });
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: endpoint('written-before-the-bad-entry'), request: { method: 'POST', url: 'Endpoint' } },
        { resource: study(ada.id), request: { method: 'POST', url: 'ImagingStudy' } },
      ],
    };
    expect((await fhir(sandbox, access_token, '', { method: 'POST', body: bundle })).status).toBe(403);
    const left = await fhir(sandbox, access_token, 'Endpoint?name=written-before-the-bad-entry');
    expect(entryIds(left.body)).toEqual([]);
  });

  it('accepts provenance for a study of the launch patient, and not for another patient', async () => {
    const { access_token } = await getTokens(sandbox, { scope: APP_SCOPES_V2, ehrLaunch: { patientId: alan.id } });
    const studyUrl = 'urn:uuid:0b6b5b6e-3f4c-4d47-9c1e-1f2a3b4c5d6e';
    const provenance = (target: string) => ({
      resourceType: 'Provenance',
      target: [{ reference: target }],
      recorded: '2024-05-01T10:05:00+02:00',
      agent: [{ who: { reference: 'Practitioner/practitioner-roentgen' } }],
    });
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: studyUrl, resource: study(alan.id), request: { method: 'POST', url: 'ImagingStudy' } },
        { resource: provenance(studyUrl), request: { method: 'POST', url: 'Provenance' } },
      ],
    };
    const saved = await fhir(sandbox, access_token, '', { method: 'POST', body: bundle });
    expect(saved.status).toBe(200);
    expect((saved.body.entry as { response: { status: string } }[]).map((e) => e.response.status)).toEqual([
      '201',
      '201',
    ]);
    const foreign = await fhir(sandbox, access_token, 'Provenance', {
      method: 'POST',
      body: provenance(`ImagingStudy/${SEED_STUDY.id}`),
    });
    expect(foreign.status).toBe(403);
  });
});

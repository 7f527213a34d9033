import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESSION_SYSTEM,
  IMAGING_STUDY_ENDPOINT_PROFILE,
  MRN_SYSTEM,
  SEED_ENDPOINTS,
  SEED_PATIENTS,
  SEED_STUDY,
} from './seed.ts';
import { IMR_IMAGING_STUDY_PROFILE } from './fhir/engine.ts';
import { startSandbox, type Sandbox } from './server.ts';
import { fhir, getTokens } from './testing/smart-client.ts';

const APP_ORIGIN = 'http://127.0.0.1:5173';
const [ada] = SEED_PATIENTS as [(typeof SEED_PATIENTS)[0]];

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, appOrigin: APP_ORIGIN });
  token = (await getTokens(sandbox, { scope: 'launch user/*.cruds', ehrLaunch: { patientId: ada.id } })).access_token;
});

afterAll(async () => {
  await sandbox.close();
});

type Entry = { resource: Record<string, unknown> & { id: string }; response?: { status: string; location?: string } };

function entries(body: Record<string, unknown>): Entry[] {
  return (body.entry as Entry[] | undefined) ?? [];
}

function endpoint(name: string, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'Endpoint',
    status: 'active',
    name,
    connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' },
    payloadType: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113014' }] }],
    address: 'http://127.0.0.1:8045/dicom-web',
    ...extra,
  };
}

describe('seed data', () => {
  it('has three patients with MRNs, birth dates and gender', async () => {
    const patients = entries((await fhir(sandbox, token, 'Patient')).body);
    expect(patients.map((e) => e.resource.id)).toEqual(SEED_PATIENTS.map((p) => p.id));
    for (const { resource } of patients) {
      expect(resource.identifier).toContainEqual(
        expect.objectContaining({ system: MRN_SYSTEM, type: { coding: [expect.objectContaining({ code: 'MR' })] } }),
      );
      expect(resource.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['female', 'male']).toContain(resource.gender);
    }
  });

  it('has two IHE Imaging Study Endpoints', async () => {
    const endpoints = entries((await fhir(sandbox, token, 'Endpoint')).body).map((e) => e.resource);
    expect(endpoints.map((e) => e.id)).toEqual(SEED_ENDPOINTS.map((e) => e.id));
    for (const e of endpoints) {
      expect(e).toMatchObject({
        meta: { profile: [IMAGING_STUDY_ENDPOINT_PROFILE] },
        status: 'active',
        connectionType: { code: 'dicom-wado-rs' },
        payloadType: [{ coding: [{ code: '113014', display: 'Study' }] }],
      });
    }
  });

  it('has one IMR ImagingStudy for the first patient', async () => {
    const studies = entries((await fhir(sandbox, token, 'ImagingStudy')).body).map((e) => e.resource);
    expect(studies).toHaveLength(1);
    expect(studies[0]).toMatchObject({
      id: SEED_STUDY.id,
      meta: { profile: [IMR_IMAGING_STUDY_PROFILE] },
      identifier: [
        { system: 'urn:dicom:uid', value: `urn:oid:${SEED_STUDY.studyUid}` },
        { system: ACCESSION_SYSTEM, value: SEED_STUDY.accession },
      ],
      basedOn: [{ reference: `ServiceRequest/${SEED_STUDY.orderId}` }],
      subject: { reference: `Patient/${ada.id}` },
      endpoint: [{ reference: `Endpoint/${SEED_ENDPOINTS[0].id}` }],
      series: [{ uid: SEED_STUDY.seriesUid, instance: [{ uid: SEED_STUDY.instanceUid }] }],
    });
    expect(studies[0]?.started).toMatch(/T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });
});

describe('search', () => {
  it('pages with _count and a next link, and gives every entry a fullUrl', async () => {
    const first = await fhir(sandbox, token, 'Patient?_count=2');
    expect(first.body.total).toBe(3);
    expect(entries(first.body).map((e) => (e as { fullUrl?: string }).fullUrl)).toEqual(
      SEED_PATIENTS.slice(0, 2).map((p) => `${sandbox.fhirBase}/Patient/${p.id}`),
    );
    const links = first.body.link as { relation: string; url: string }[];
    const next = links.find((l) => l.relation === 'next')?.url ?? '';
    expect(next.startsWith(`${sandbox.fhirBase}/Patient?`)).toBe(true);
    const second = await fhir(sandbox, token, next.slice(sandbox.fhirBase.length + 1));
    expect(entries(second.body).map((e) => e.resource.id)).toEqual([SEED_PATIENTS[2]?.id]);
    expect((second.body.link as { relation: string }[]).map((l) => l.relation)).toEqual(['self']);
  });
});

describe('writes', () => {
  it('rolls back a transaction whose second entry is invalid', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: endpoint('first-of-a-failed-transaction'), request: { method: 'POST', url: 'Endpoint' } },
        { resource: { resourceType: 'Endpoint', status: 'active' }, request: { method: 'POST', url: 'Endpoint' } },
      ],
    };
    const { status, body } = await fhir(sandbox, token, '', { method: 'POST', body: bundle });
    expect(status).toBe(400);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(entries((await fhir(sandbox, token, 'Endpoint?name=first-of-a-failed-transaction')).body)).toEqual([]);
  });

  it('validates writes against base R4', async () => {
    const bad = { resourceType: 'Patient', birthDate: 'last tuesday' };
    const { status, body } = await fhir(sandbox, token, 'Patient', { method: 'POST', body: bad });
    expect(status).toBe(400);
    expect(body.issue).toContainEqual(expect.objectContaining({ expression: ['Patient.birthDate'] }));
  });

  it('creates with a server id, a Location and an ETag', async () => {
    const { status, body, headers } = await fhir(sandbox, token, 'Endpoint', {
      method: 'POST',
      body: endpoint('created', { id: 'client-chosen' }),
    });
    expect(status).toBe(201);
    expect(body.id).not.toBe('client-chosen');
    const versionId = (body.meta as { versionId: string }).versionId;
    expect(headers.get('location')).toBe(`${sandbox.fhirBase}/Endpoint/${String(body.id)}/_history/${versionId}`);
    expect(headers.get('etag')).toBe(`W/"${versionId}"`);
  });

  it('honours If-Match, quoted or not, with 412 on a stale version', async () => {
    const created = await fhir(sandbox, token, 'Endpoint', { method: 'POST', body: endpoint('versioned') });
    const id = String(created.body.id);
    const v1 = (created.body.meta as { versionId: string }).versionId;
    const put = (ifMatch: string, name: string) =>
      fhir(sandbox, token, `Endpoint/${id}`, {
        method: 'PUT',
        body: endpoint(name, { id }),
        headers: { 'If-Match': ifMatch },
      });
    expect((await put('W/"not-the-version"', 'x')).status).toBe(412);
    expect((await put('not-the-version', 'x')).status).toBe(412);
    const updated = await put(v1, 'versioned, second');
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).not.toBe(`W/"${v1}"`);
    expect((await put(`W/"${v1}"`, 'lost update')).status).toBe(412);
    const history = entries((await fhir(sandbox, token, `Endpoint/${id}/_history`)).body).map((e) => e.resource.name);
    expect(history).toEqual(['versioned, second', 'versioned']);
  });

  it('creates conditionally with If-None-Exist and with ifNoneExist in a transaction', async () => {
    const post = () =>
      fhir(sandbox, token, 'Endpoint', {
        method: 'POST',
        body: endpoint('conditional'),
        headers: { 'If-None-Exist': 'name=conditional' },
      });
    const first = await post();
    const second = await post();
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);

    const transaction = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: endpoint('conditional'),
          request: { method: 'POST', url: 'Endpoint', ifNoneExist: 'name=conditional' },
        },
      ],
    };
    const viaBundle = await fhir(sandbox, token, '', { method: 'POST', body: transaction });
    expect(entries(viaBundle.body)[0]?.response?.status).toBe('200');
    expect(entries((await fhir(sandbox, token, 'Endpoint?name=conditional')).body)).toHaveLength(1);
  });
});

describe('CORS', () => {
  it('answers the preflight for the app origin', async () => {
    const response = await fetch(`${sandbox.fhirBase}/ImagingStudy/${SEED_STUDY.id}`, {
      method: 'OPTIONS',
      headers: {
        Origin: APP_ORIGIN,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization, content-type, if-match',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'if-match', 'if-none-exist', 'prefer']) {
      expect(allowed).toContain(header);
    }
  });

  it('exposes the FHIR response headers to the app and nothing to other origins', async () => {
    const fromApp = await fetch(`${sandbox.fhirBase}/metadata`, { headers: { Origin: APP_ORIGIN } });
    expect(fromApp.headers.get('access-control-expose-headers')).toBe(
      'ETag, Location, Content-Location, Last-Modified',
    );
    const preflight = await fetch(`${sandbox.fhirBase}/Patient`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:6666', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('pluggable validation', () => {
  it('rejects writes the validate hook reports errors for, with 422', async () => {
    const strict = await startSandbox({
      port: 0,
      appOrigin: APP_ORIGIN,
      validate: (resource) =>
        resource.resourceType === 'Endpoint' && !resource.name
          ? [{ severity: 'error', code: 'required', expression: ['Endpoint.name'] }]
          : [],
    });
    try {
      const { access_token } = await getTokens(strict, {
        scope: 'launch user/Endpoint.cruds',
        ehrLaunch: { patientId: ada.id },
      });
      const nameless = { ...endpoint('x'), name: undefined };
      const rejected = await fhir(strict, access_token, 'Endpoint', { method: 'POST', body: nameless });
      expect(rejected.status).toBe(422);
      expect(rejected.body.issue).toEqual([expect.objectContaining({ expression: ['Endpoint.name'] })]);
      expect((await fhir(strict, access_token, 'Endpoint', { method: 'POST', body: endpoint('named') })).status).toBe(
        201,
      );
    } finally {
      await strict.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESSION_SYSTEM,
  DUPLICATE_ACCESSION_ORDER,
  IMAGING_CATEGORY,
  PATIENT_WITHOUT_ORDERS,
  SEED_ORDERS,
  SEED_PATIENTS,
  SEED_REFERRERS,
  SEED_STUDY,
  STAFF_SYSTEM,
  firstActiveOrder,
  ordersOf,
} from './seed.ts';
import { startSandbox, type Sandbox } from './server.ts';
import { fhir, getTokens } from './testing/smart-client.ts';

const [ada, alan, grace] = SEED_PATIENTS as [
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
  (typeof SEED_PATIENTS)[0],
];
/** The scopes the app asks for once it reads orders (src/fhir/scopes.ts on the app side). */
const ORDER_SCOPES =
  'launch patient/Patient.r patient/ImagingStudy.rs patient/ServiceRequest.rs patient/Encounter.r user/Practitioner.rs';

let sandbox: Sandbox;
let adminToken: string;

type Resource = Record<string, unknown> & { id: string; resourceType: string };

function ids(body: Record<string, unknown>): string[] {
  return ((body.entry as { resource: Resource }[] | undefined) ?? []).map((e) => e.resource.id);
}

async function tokenFor(patientId: string, scope: string): Promise<string> {
  return (await getTokens(sandbox, { scope, ehrLaunch: { patientId } })).access_token;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, appOrigin: 'http://127.0.0.1:5173' });
  adminToken = await tokenFor(ada.id, 'launch user/*.rs');
});

afterAll(async () => {
  await sandbox.close();
});

describe('seeded orders', () => {
  it('gives every patient but one two to four imaging orders', () => {
    for (const p of SEED_PATIENTS) {
      const count = ordersOf(p.id).length;
      if (p.id === PATIENT_WITHOUT_ORDERS) expect(count).toBe(0);
      else {
        expect(count).toBeGreaterThanOrEqual(2);
        expect(count).toBeLessThanOrEqual(4);
      }
    }
    expect(PATIENT_WITHOUT_ORDERS).toBe(grace.id);
    expect(new Set(SEED_ORDERS.map((o) => o.status))).toEqual(
      new Set(['active', 'completed', 'revoked', 'entered-in-error']),
    );
    expect(SEED_ORDERS.filter((o) => o.status === 'revoked')).toHaveLength(1);
    expect(SEED_ORDERS.filter((o) => o.status === 'entered-in-error')).toHaveLength(1);
    expect(firstActiveOrder(ada.id)?.id).toBe('order-ada-ct-chest-contrast');
    expect(firstActiveOrder(grace.id)).toBeUndefined();
  });

  it('serves each order as an imaging ServiceRequest with an accession number, a procedure, a requester and a reason', async () => {
    const { status, body } = await fhir(sandbox, adminToken, 'ServiceRequest?_count=100');
    expect(status).toBe(200);
    const served = ((body.entry as { resource: Resource }[]) ?? []).map((e) => e.resource);
    expect(served.map((r) => r.id).sort()).toEqual(SEED_ORDERS.map((o) => o.id).sort());
    for (const seed of SEED_ORDERS) {
      const sr = served.find((r) => r.id === seed.id) as Resource;
      const patient = SEED_PATIENTS.find((p) => p.id === seed.patientId);
      expect(seed.accession.length).toBeLessThanOrEqual(16);
      expect(seed.accession).not.toContain('\\');
      expect(sr).toMatchObject({
        status: seed.status,
        intent: 'order',
        identifier: [
          {
            type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] },
            system: ACCESSION_SYSTEM,
            value: seed.accession,
          },
        ],
        category: [{ coding: [IMAGING_CATEGORY] }],
        code: { coding: expect.arrayContaining([seed.procedure.loinc]), text: seed.procedure.text },
        subject: { reference: `Patient/${seed.patientId}` },
        encounter: { reference: `Encounter/${patient?.encounterId}` },
        authoredOn: seed.authoredOn,
        requester: { reference: `Practitioner/${seed.requesterId}` },
        reasonCode: [{ coding: [seed.reason] }],
      });
      const requester = await fhir(sandbox, adminToken, `Practitioner/${seed.requesterId}`);
      expect(requester.status).toBe(200);
    }
  });

  it('has referring Practitioners with a name and a staff number', async () => {
    for (const r of SEED_REFERRERS) {
      const { status, body } = await fhir(sandbox, adminToken, `Practitioner/${r.id}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        identifier: [{ system: STAFF_SYSTEM, value: r.staffNumber }],
        name: [{ family: r.family, given: [r.given] }],
      });
    }
  });

  it('gives every encounter a class and a period', async () => {
    for (const p of SEED_PATIENTS) {
      const { body } = await fhir(sandbox, adminToken, `Encounter/${p.encounterId}`);
      expect(body).toMatchObject({
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: p.encounterClass },
        period: { start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
      });
    }
  });

  it('lets the seeded study carry the accession number of an active order (a duplicate for a new study)', async () => {
    expect(DUPLICATE_ACCESSION_ORDER.status).toBe('active');
    expect(DUPLICATE_ACCESSION_ORDER.accession).toBe(SEED_STUDY.accession);
    const query = encodeURIComponent(`${ACCESSION_SYSTEM}|${DUPLICATE_ACCESSION_ORDER.accession}`);
    const token = await tokenFor(ada.id, ORDER_SCOPES);
    expect(ids((await fhir(sandbox, token, `ImagingStudy?identifier=${query}`)).body)).toEqual([SEED_STUDY.id]);
    const other = encodeURIComponent(`${ACCESSION_SYSTEM}|${firstActiveOrder(ada.id)?.accession}`);
    expect(ids((await fhir(sandbox, token, `ImagingStudy?identifier=${other}`)).body)).toEqual([]);
  });
});

describe('order search', () => {
  it('finds a patient’s orders by patient, category and identifier, newest first with _sort=-authored', async () => {
    const token = await tokenFor(ada.id, ORDER_SCOPES);
    const category = encodeURIComponent(`${IMAGING_CATEGORY.system}|${IMAGING_CATEGORY.code}`);
    const { status, body } = await fhir(
      sandbox,
      token,
      `ServiceRequest?patient=Patient/${ada.id}&category=${category}&_sort=-authored`,
    );
    expect(status).toBe(200);
    const newestFirst = [...ordersOf(ada.id)].sort((a, b) => Date.parse(b.authoredOn) - Date.parse(a.authoredOn));
    expect(ids(body)).toEqual(newestFirst.map((o) => o.id));
    const [one] = ordersOf(ada.id);
    const identifier = encodeURIComponent(`${ACCESSION_SYSTEM}|${one?.accession}`);
    expect(ids((await fhir(sandbox, token, `ServiceRequest?identifier=${identifier}`)).body)).toEqual([one?.id]);
  });
});

describe('scopes and compartments for orders, encounters and practitioners', () => {
  it('patient/ServiceRequest.rs reaches the launch patient’s orders only', async () => {
    const token = await tokenFor(ada.id, ORDER_SCOPES);
    expect(ids((await fhir(sandbox, token, 'ServiceRequest')).body).sort()).toEqual(
      ordersOf(ada.id)
        .map((o) => o.id)
        .sort(),
    );
    const [adaOrder] = ordersOf(ada.id);
    const [alanOrder] = ordersOf(alan.id);
    expect((await fhir(sandbox, token, `ServiceRequest/${adaOrder?.id}`)).status).toBe(200);
    expect((await fhir(sandbox, token, `ServiceRequest/${alanOrder?.id}`)).status).toBe(403);
    expect(ids((await fhir(sandbox, token, `ServiceRequest?patient=Patient/${alan.id}`)).body)).toEqual([]);
  });

  it('refuses orders without a ServiceRequest scope, and writes with a read-only one', async () => {
    const [adaOrder] = ordersOf(ada.id);
    const noOrders = await tokenFor(ada.id, 'launch patient/Patient.r patient/ImagingStudy.rs');
    expect((await fhir(sandbox, noOrders, `ServiceRequest/${adaOrder?.id}`)).status).toBe(403);
    expect((await fhir(sandbox, noOrders, 'ServiceRequest')).status).toBe(403);
    const readOnly = await tokenFor(ada.id, ORDER_SCOPES);
    const patch = [{ op: 'replace', path: '/status', value: 'completed' }];
    const patched = await fhir(sandbox, readOnly, `ServiceRequest/${adaOrder?.id}`, {
      method: 'PATCH',
      body: patch,
      headers: { 'Content-Type': 'application/json-patch+json' },
    });
    expect(patched.status).toBe(403);
  });

  it('patient/Encounter.r reads the launch patient’s encounter, not another’s, and does not search', async () => {
    const token = await tokenFor(ada.id, ORDER_SCOPES);
    expect((await fhir(sandbox, token, `Encounter/${ada.encounterId}`)).status).toBe(200);
    expect((await fhir(sandbox, token, `Encounter/${alan.encounterId}`)).status).toBe(403);
    expect((await fhir(sandbox, token, 'Encounter')).status).toBe(403);
  });

  it('reaches Practitioners with user/Practitioner.rs only: they are in no Patient compartment', async () => {
    const [referrer] = SEED_REFERRERS;
    const user = await tokenFor(ada.id, ORDER_SCOPES);
    expect((await fhir(sandbox, user, `Practitioner/${referrer?.id}`)).status).toBe(200);
    const staff = encodeURIComponent(`${STAFF_SYSTEM}|${referrer?.staffNumber}`);
    expect(ids((await fhir(sandbox, user, `Practitioner?identifier=${staff}`)).body)).toEqual([referrer?.id]);
    const patientOnly = await tokenFor(ada.id, 'launch patient/Practitioner.rs');
    expect((await fhir(sandbox, patientOnly, `Practitioner/${referrer?.id}`)).status).toBe(403);
    expect(ids((await fhir(sandbox, patientOnly, 'Practitioner')).body)).toEqual([]);
  });

  it('advertises the scopes the app asks for', async () => {
    const response = await fetch(`${sandbox.fhirBase}/.well-known/smart-configuration`);
    const config = (await response.json()) as { scopes_supported: string[] };
    expect(config.scopes_supported).toEqual(
      expect.arrayContaining(['patient/ServiceRequest.rs', 'patient/Encounter.r', 'user/Practitioner.rs']),
    );
    const metadata = await fhir(sandbox, undefined, 'metadata');
    const types = (metadata.body.rest as { resource: { type: string }[] }[])[0]?.resource.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['ServiceRequest', 'Practitioner', 'Encounter']));
  });
});

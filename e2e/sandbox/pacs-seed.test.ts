// The PACS seeding helper (e2e/dicom/seed-pacs.ts), against a stand-in for Orthanc's REST and QIDO-RS answers:
// the vitest project of the sandbox runs without Orthanc.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dcmjs from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACS_SEED_STUDIES, seedPacs } from '../dicom/seed-pacs.ts';
import { SEED_ORDERS, SEED_PATIENTS, firstActiveOrder } from './seed.ts';

interface Stored {
  PatientID: string;
  AccessionNumber: string;
  StudyInstanceUID: string;
  Modality: string;
  ProcedureCodeSequence?: { CodeValue: string }[] | { CodeValue: string };
}

const stored: Stored[] = [];
let server: Server;
let pacsUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://pacs');
    if (req.method === 'POST' && url.pathname === '/instances') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const dict = dcmjs.data.DicomMessage.readFile(
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
        );
        stored.push(dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as unknown as Stored);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/dicom-web/studies') {
      const uid = url.searchParams.get('StudyInstanceUID');
      const found = stored.some((s) => s.StudyInstanceUID === uid);
      res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(found ? '[{}]' : '[]');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pacsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('seeding the PACS', () => {
  it('describes studies for seeded orders with the patient’s MRN and the order’s accession number', () => {
    expect(PACS_SEED_STUDIES.length).toBeGreaterThanOrEqual(2);
    expect(PACS_SEED_STUDIES.map((s) => s.orderId)).toContain(firstActiveOrder(SEED_PATIENTS[0]?.id ?? '')?.id);
    for (const seed of PACS_SEED_STUDIES) {
      const order = SEED_ORDERS.find((o) => o.id === seed.orderId);
      const patient = SEED_PATIENTS.find((p) => p.id === order?.patientId);
      expect(seed.accession).toBe(order?.accession);
      expect(seed.patientId).toBe(patient?.mrn);
      expect(seed.studyUid).toMatch(/^2\.25\.\d+$/);
    }
  });

  it('stores DICOM instances whose PatientID, AccessionNumber and study UID match, and only once', async () => {
    const built = await seedPacs(pacsUrl);
    expect(built.map((b) => b.studyUid)).toEqual(PACS_SEED_STUDIES.map((s) => s.studyUid));
    expect(stored).toHaveLength(built.reduce((n, b) => n + b.instances.length, 0));
    for (const seed of PACS_SEED_STUDIES) {
      const instances = stored.filter((s) => s.StudyInstanceUID === seed.studyUid);
      expect(instances.length).toBeGreaterThan(0);
      for (const instance of instances) {
        expect(instance.PatientID).toBe(seed.patientId);
        expect(instance.AccessionNumber).toBe(seed.accession);
      }
    }
    const order = SEED_ORDERS.find((o) => o.id === PACS_SEED_STUDIES[0]?.orderId);
    const first = stored.find((s) => s.StudyInstanceUID === PACS_SEED_STUDIES[0]?.studyUid);
    const procedure = first?.ProcedureCodeSequence;
    expect(Array.isArray(procedure) ? procedure[0]?.CodeValue : procedure?.CodeValue).toBe(order?.procedure.loinc.code);

    const count = stored.length;
    expect(await seedPacs(pacsUrl)).toEqual([]);
    expect(stored).toHaveLength(count);
  });
});

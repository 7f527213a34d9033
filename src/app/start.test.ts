// @vitest-environment jsdom
import type { ImagingStudy, Patient } from 'fhir/r4';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../fhir/config';
import type { FhirSession } from '../fhir/session';

const connect = vi.fn<() => Promise<FhirSession>>();
vi.mock('../fhir/session', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../fhir/session')>()),
  connect: () => connect(),
}));
const loadConfig = vi.fn<(baseUrl: string) => Promise<AppConfig>>();
vi.mock('../fhir/config', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../fhir/config')>()),
  loadConfig: (baseUrl: string) => loadConfig(baseUrl),
}));
const ACCESSION_SYSTEM = 'https://ris.example.org/accession';
const CONFIG: AppConfig = {
  issuers: [
    { iss: 'https://other.example.org/fhir', clientId: 'a', accessionSystem: 'https://other.example.org/acsn' },
    { iss: 'https://fhir.example.org', clientId: 'b', accessionSystem: ACCESSION_SYSTEM },
  ],
};

const PATIENT: Patient = { resourceType: 'Patient', id: 'p1' };
const STUDY: ImagingStudy = { resourceType: 'ImagingStudy', id: 's1', status: 'available', subject: {} };
const ALL_SCOPES = ['launch', 'patient/Patient.r', 'patient/ImagingStudy.rs'];

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function session(grantedScopes: string[], overrides: Partial<FhirSession> = {}): FhirSession {
  return {
    context: {
      iss: 'https://fhir.example.org',
      patientId: 'p1',
      needPatientBanner: true,
      grantedScopes,
      fhirContext: [],
    },
    readPatient: vi.fn(() => Promise.resolve(PATIENT)),
    searchStudies: vi.fn(() => Promise.resolve([STUDY])),
    readStudy: vi.fn(),
    searchEndpoints: vi.fn(),
    searchOrders: vi.fn(() => Promise.resolve([])),
    readOrder: vi.fn(),
    readEncounter: vi.fn(),
    readPractitioners: vi.fn(() => Promise.resolve([])),
    searchPractitioners: vi.fn(() => Promise.resolve([])),
    request: vi.fn(),
    ...overrides,
  };
}

/** A fresh copy of the module: `start` completes one launch per page. */
async function freshStart() {
  vi.resetModules();
  return (await import('./start')).start;
}

beforeEach(() => {
  connect.mockReset();
  loadConfig.mockReset();
  loadConfig.mockResolvedValue(CONFIG);
});

describe('start', () => {
  it('searches the studies while the Patient read is still under way', async () => {
    const patient = deferred<Patient>();
    const s = session(ALL_SCOPES, { readPatient: vi.fn(() => patient.promise) });
    connect.mockResolvedValue(s);
    const started = (await freshStart())();
    await vi.waitFor(() => expect(s.searchStudies).toHaveBeenCalledTimes(1));
    expect(s.readPatient).toHaveBeenCalledTimes(1);
    patient.resolve(PATIENT);
    const result = await started;
    if (result.status !== 'ready') throw new Error(`expected ready, got ${result.status}`);
    expect(result.patient).toBe(PATIENT);
    await expect(result.studies()).resolves.toEqual({ status: 'found', studies: [STUDY] });
    expect(s.searchStudies).toHaveBeenCalledTimes(1);
  });

  it('searches again when the list is shown again, so that it shows what the server has now', async () => {
    const later: ImagingStudy = { ...STUDY, id: 's2' };
    const s = session(ALL_SCOPES, {
      searchStudies: vi.fn().mockResolvedValueOnce([STUDY]).mockResolvedValueOnce([STUDY, later]),
    });
    connect.mockResolvedValue(s);
    const result = await (await freshStart())();
    if (result.status !== 'ready') throw new Error(`expected ready, got ${result.status}`);
    await expect(result.studies()).resolves.toEqual({ status: 'found', studies: [STUDY] });
    await expect(result.studies()).resolves.toEqual({ status: 'found', studies: [STUDY, later] });
    expect(s.searchStudies).toHaveBeenCalledTimes(2);
  });

  it('completes the launch once, however often it is asked', async () => {
    connect.mockResolvedValue(session(ALL_SCOPES));
    const start = await freshStart();
    const [first, second] = await Promise.all([start(), start()]);
    expect(first).toBe(second);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('does not search when the granted scopes do not allow listing studies', async () => {
    const s = session(['launch', 'patient/Patient.r', 'patient/ImagingStudy.r']);
    connect.mockResolvedValue(s);
    const result = await (await freshStart())();
    if (result.status !== 'ready') throw new Error(`expected ready, got ${result.status}`);
    await expect(result.studies()).resolves.toMatchObject({
      status: 'not-allowed',
      reason: expect.stringContaining('patient/ImagingStudy.s') as unknown,
    });
    expect(s.searchStudies).not.toHaveBeenCalled();
  });

  it('turns a failed search into messages for the list, without failing the launch', async () => {
    const s = session(ALL_SCOPES, { searchStudies: vi.fn(() => Promise.reject(new Error('The server is down'))) });
    connect.mockResolvedValue(s);
    const result = await (await freshStart())();
    if (result.status !== 'ready') throw new Error(`expected ready, got ${result.status}`);
    const search = await result.studies();
    expect(search.status).toBe('failed');
    expect(search.status === 'failed' && search.messages.join(' ')).toContain('The server is down');
  });

  it('reads nothing without the Patient read scope, and says so', async () => {
    const s = session(['launch', 'patient/ImagingStudy.rs']);
    connect.mockResolvedValue(s);
    const result = await (await freshStart())();
    expect(result).toMatchObject({ status: 'problem', problem: { title: 'Access was not granted' } });
    expect(s.readPatient).not.toHaveBeenCalled();
    expect(s.searchStudies).not.toHaveBeenCalled();
  });

  it("reads the launch server's accession namespace while the code exchange is still under way", async () => {
    const session_ = deferred<FhirSession>();
    connect.mockReturnValue(session_.promise);
    const started = (await freshStart())();
    await vi.waitFor(() => expect(loadConfig).toHaveBeenCalledTimes(1));
    session_.resolve(session(ALL_SCOPES));
    await expect(started).resolves.toMatchObject({ status: 'ready', accessionSystem: ACCESSION_SYSTEM });
  });

  it('launches without an accession namespace when the configuration cannot be read again', async () => {
    loadConfig.mockRejectedValue(new Error('Could not load the app configuration (HTTP 503).'));
    connect.mockResolvedValue(session(ALL_SCOPES));
    const result = await (await freshStart())();
    expect(result.status).toBe('ready');
    expect(result).not.toHaveProperty('accessionSystem');
  });

  it('explains a launch that could not be completed', async () => {
    connect.mockRejectedValue(new Error('access_denied'));
    const result = await (await freshStart())();
    expect(result).toMatchObject({ status: 'problem', problem: { title: 'Access was not granted' } });
  });
});

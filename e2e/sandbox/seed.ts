import type { Bundle, BundleEntry, Encounter, Endpoint, ImagingStudy, Patient, Practitioner } from '@medplum/fhirtypes';
import { IMR_IMAGING_STUDY_PROFILE } from './fhir/engine.ts';

// Fictional people and studies only. Ids are fixed (written with PUT), so tests can import them.

/** The identifier system of the hospital's medical record numbers. */
export const MRN_SYSTEM = 'http://hospital.example.org/identifiers/mrn';
export const IMAGING_STUDY_ENDPOINT_PROFILE =
  'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imaging-study-endpoint';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

export interface SeedPatient {
  id: string;
  given: string;
  family: string;
  /** "Given Family", as the EHR page and picker show it. */
  name: string;
  mrn: string;
  birthDate: string;
  gender: 'female' | 'male';
  encounterId: string;
}

function patient(
  id: string,
  given: string,
  family: string,
  mrn: string,
  birthDate: string,
  gender: SeedPatient['gender'],
) {
  return { id, given, family, name: `${given} ${family}`, mrn, birthDate, gender, encounterId: `encounter-${id}` };
}

/** The seeded patients, in the order the EHR page lists them. */
export const SEED_PATIENTS: readonly SeedPatient[] = [
  patient('ada-lovelace', 'Ada', 'Lovelace', 'MRN-100001', '1815-12-10', 'female'),
  patient('alan-turing', 'Alan', 'Turing', 'MRN-100002', '1912-06-23', 'male'),
  patient('grace-hopper', 'Grace', 'Hopper', 'MRN-100003', '1906-12-09', 'female'),
];

/** The signed-in user of every launch. */
export const SEED_PRACTITIONER = { id: 'practitioner-roentgen', given: 'Wilhelm', family: 'Röntgen' } as const;

/** The two DICOMweb endpoints (IHE Imaging Study Endpoint profile). */
export const SEED_ENDPOINTS = [
  { id: 'endpoint-main-pacs', name: 'Main PACS (DICOMweb)', address: 'http://127.0.0.1:8042/dicom-web' },
  { id: 'endpoint-research-pacs', name: 'Research PACS (DICOMweb)', address: 'http://127.0.0.1:8043/dicom-web' },
] as const;

/** The one IMR ImagingStudy, for the first patient. */
export const SEED_STUDY = {
  id: 'study-ada-ct-chest',
  patientId: 'ada-lovelace',
  studyUid: '2.25.293483749184632123645210749827363544180',
  seriesUid: '2.25.293483749184632123645210749827363544181',
  instanceUid: '2.25.293483749184632123645210749827363544182',
} as const;

function put(resource: Patient | Practitioner | Encounter | Endpoint | ImagingStudy): BundleEntry {
  return { resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } };
}

function patientResource(p: SeedPatient): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [
      {
        use: 'usual',
        type: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical Record Number' },
          ],
        },
        system: MRN_SYSTEM,
        value: p.mrn,
      },
    ],
    active: true,
    name: [{ use: 'official', family: p.family, given: [p.given] }],
    gender: p.gender,
    birthDate: p.birthDate,
  };
}

function encounterResource(p: SeedPatient): Encounter {
  return {
    resourceType: 'Encounter',
    id: p.encounterId,
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    subject: { reference: `Patient/${p.id}`, display: p.name },
    period: { start: '2024-03-14T08:45:00+01:00' },
  };
}

function endpointResource(e: (typeof SEED_ENDPOINTS)[number]): Endpoint {
  return {
    resourceType: 'Endpoint',
    id: e.id,
    meta: { profile: [IMAGING_STUDY_ENDPOINT_PROFILE] },
    status: 'active',
    connectionType: {
      system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
      code: 'dicom-wado-rs',
      display: 'DICOM WADO-RS',
    },
    name: e.name,
    payloadType: [{ coding: [{ system: DCM, code: '113014', display: 'Study' }] }],
    payloadMimeType: ['application/dicom'],
    address: e.address,
  };
}

function studyResource(): ImagingStudy {
  const ct = { system: DCM, code: 'CT', display: 'Computed Tomography' };
  const ada = SEED_PATIENTS[0] as SeedPatient;
  return {
    resourceType: 'ImagingStudy',
    id: SEED_STUDY.id,
    meta: { profile: [IMR_IMAGING_STUDY_PROFILE] },
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${SEED_STUDY.studyUid}` }],
    status: 'available',
    modality: [ct],
    subject: { reference: `Patient/${ada.id}`, display: ada.name },
    encounter: { reference: `Encounter/${ada.encounterId}` },
    started: '2024-03-14T09:26:53+01:00',
    endpoint: [{ reference: `Endpoint/${SEED_ENDPOINTS[0].id}` }],
    numberOfSeries: 1,
    numberOfInstances: 1,
    procedureCode: [{ coding: [{ system: 'http://loinc.org', code: '29252-4', display: 'CT Chest WO Contrast' }] }],
    description: 'CT chest without contrast',
    series: [
      {
        uid: SEED_STUDY.seriesUid,
        number: 1,
        modality: ct,
        description: 'Axial 1.25 mm',
        numberOfInstances: 1,
        instance: [
          {
            uid: SEED_STUDY.instanceUid,
            sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
            number: 1,
          },
        ],
      },
    ],
  };
}

/** The whole seed as one transaction Bundle. */
export function seedBundle(): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      ...SEED_PATIENTS.map((p) => put(patientResource(p))),
      put({
        resourceType: 'Practitioner',
        id: SEED_PRACTITIONER.id,
        name: [{ family: SEED_PRACTITIONER.family, given: [SEED_PRACTITIONER.given], prefix: ['Dr.'] }],
      }),
      ...SEED_PATIENTS.map((p) => put(encounterResource(p))),
      ...SEED_ENDPOINTS.map((e) => put(endpointResource(e))),
      put(studyResource()),
    ],
  };
}

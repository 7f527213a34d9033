import type {
  Bundle,
  BundleEntry,
  Coding,
  Encounter,
  Endpoint,
  Identifier,
  ImagingStudy,
  Patient,
  Practitioner,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { IMR_IMAGING_STUDY_PROFILE } from './fhir/engine.ts';

// Fictional people and studies only. Ids are fixed (written with PUT), so tests can import them.

/** The identifier system of the hospital's medical record numbers. */
export const MRN_SYSTEM = 'http://hospital.example.org/identifiers/mrn';
/** The identifier system of the hospital's accession numbers (one per imaging order; DICOM AccessionNumber). */
export const ACCESSION_SYSTEM = 'http://hospital.example.org/identifiers/accession';
/** The identifier system of the hospital's staff numbers (the referring practitioners' identifiers). */
export const STAFF_SYSTEM = 'http://hospital.example.org/identifiers/staff';
/** `Identifier.type` of an accession number (HL7 v2 table 0203). */
export const ACSN_TYPE: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  code: 'ACSN',
  display: 'Accession ID',
};
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
  /** The class of the patient's current encounter (v3-ActCode): outpatient or inpatient. */
  encounterClass: 'AMB' | 'IMP';
}

function patient(
  id: string,
  given: string,
  family: string,
  mrn: string,
  birthDate: string,
  gender: SeedPatient['gender'],
  encounterClass: SeedPatient['encounterClass'],
): SeedPatient {
  const name = `${given} ${family}`;
  return { id, given, family, name, mrn, birthDate, gender, encounterId: `encounter-${id}`, encounterClass };
}

/** The seeded patients, in the order the EHR page lists them. */
export const SEED_PATIENTS: readonly SeedPatient[] = [
  patient('ada-lovelace', 'Ada', 'Lovelace', 'MRN-100001', '1815-12-10', 'female', 'AMB'),
  patient('alan-turing', 'Alan', 'Turing', 'MRN-100002', '1912-06-23', 'male', 'IMP'),
  patient('grace-hopper', 'Grace', 'Hopper', 'MRN-100003', '1906-12-09', 'female', 'AMB'),
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
  /** The accession number of DUPLICATE_ACCESSION_ORDER (an ACSN identifier on the study). */
  accession: 'ACC2403140007',
  orderId: 'order-ada-ct-chest',
} as const;

/** A referring physician: a Practitioner outside every Patient compartment (only `user/` scopes reach it). */
export interface SeedReferrer {
  id: string;
  given: string;
  family: string;
  /** "Dr. Given Family", as a Reference.display and the app show it. */
  display: string;
  /** The staff number (identifier system STAFF_SYSTEM). */
  staffNumber: string;
}

function referrer(id: string, given: string, family: string, staffNumber: string): SeedReferrer {
  return { id, given, family, display: `Dr. ${given} ${family}`, staffNumber };
}

/** The fictional referring physicians who sign the seeded orders. */
export const SEED_REFERRERS: readonly SeedReferrer[] = [
  referrer('practitioner-quill', 'Harriet', 'Quill', 'STAFF-2001'),
  referrer('practitioner-fenwick', 'Tobias', 'Fenwick', 'STAFF-2002'),
  referrer('practitioner-okafor', 'Miriam', 'Okafor', 'STAFF-2003'),
];

export const LOINC = 'http://loinc.org';
export const RADLEX = 'http://www.radlex.org';
export const SNOMED = 'http://snomed.info/sct';
/** ServiceRequest.category of every seeded order: SNOMED CT 363679005 "Imaging" (the R4 servicerequest-category code). */
export const IMAGING_CATEGORY: Coding = { system: SNOMED, code: '363679005', display: 'Imaging' };

/**
 * An ordered imaging procedure. The LOINC codes and displays are from the LOINC imaging document codes
 * (value set 1.3.6.1.4.1.12009.10.2.5, as listed by HL7 C-CDA on FHIR and Azure Health Insights' Appendix A);
 * the RadLex Playbook RPIDs are from the RSNA core Playbook as reproduced by JP Core
 * (JP_ImagingStudy_RadLexPlaybook_CoreDev_CS.fsh). A procedure without a RadLex coding has no RPID that could be
 * verified in a public source, so it carries LOINC only.
 */
export interface SeedProcedure {
  loinc: Coding;
  radlex?: Coding;
  text: string;
  /** The DICOM modality the procedure produces. */
  modality: 'CT' | 'MR' | 'DX';
}

export const PROCEDURES = {
  ctChestWithContrast: {
    loinc: { system: LOINC, code: '24628-0', display: 'CT Chest W contrast IV' },
    radlex: { system: RADLEX, code: 'RPID18', display: 'CT Chest w IV Contrast' },
    text: 'CT chest with IV contrast',
    modality: 'CT',
  },
  ctChestWithoutContrast: {
    loinc: { system: LOINC, code: '29252-4', display: 'CT Chest WO contrast' },
    radlex: { system: RADLEX, code: 'RPID16', display: 'CT Chest wo IV Contrast' },
    text: 'CT chest without contrast',
    modality: 'CT',
  },
  mrKneeWithoutContrast: {
    loinc: { system: LOINC, code: '30691-0', display: 'MR Knee WO contrast' },
    radlex: { system: RADLEX, code: 'RPID522', display: 'MR Knee wo IV Contrast' },
    text: 'MR knee without contrast',
    modality: 'MR',
  },
  mrBrainWithAndWithoutContrast: {
    loinc: { system: LOINC, code: '24587-8', display: 'MR Brain WO and W contrast IV' },
    radlex: { system: RADLEX, code: 'RPID480', display: 'MR Head w and wo IV Contrast' },
    text: 'MR brain without and with IV contrast',
    modality: 'MR',
  },
  // No RadLex Playbook code for a two-view chest radiograph could be verified in a public source: LOINC only.
  xrChestTwoViews: {
    loinc: { system: LOINC, code: '36643-5', display: 'XR Chest 2 Views' },
    text: 'Chest X-ray, 2 views',
    modality: 'DX',
  },
  ctHeadWithoutContrast: {
    loinc: { system: LOINC, code: '30799-1', display: 'CT Head WO contrast' },
    radlex: { system: RADLEX, code: 'RPID22', display: 'CT Head wo IV Contrast' },
    text: 'CT head without contrast',
    modality: 'CT',
  },
} as const satisfies Record<string, SeedProcedure>;

/** Reasons for the seeded orders (SNOMED CT findings). */
export const REASONS = {
  cough: { system: SNOMED, code: '49727002', display: 'Cough' },
  kneePain: { system: SNOMED, code: '30989003', display: 'Knee pain' },
  headache: { system: SNOMED, code: '25064002', display: 'Headache' },
} as const satisfies Record<string, Coding>;

export type SeedOrderStatus = 'active' | 'completed' | 'revoked' | 'entered-in-error';

export interface SeedOrder {
  id: string;
  patientId: string;
  /** The accession number (identifier system ACCESSION_SYSTEM, type ACSN); at most 16 characters. */
  accession: string;
  status: SeedOrderStatus;
  authoredOn: string;
  requesterId: string;
  procedure: SeedProcedure;
  reason: Coding;
}

function order(
  id: string,
  patientId: string,
  accession: string,
  status: SeedOrderStatus,
  authoredOn: string,
  requesterId: string,
  procedure: SeedProcedure,
  reason: Coding,
): SeedOrder {
  return { id, patientId, accession, status, authoredOn, requesterId, procedure, reason };
}

/**
 * The seeded imaging orders (ServiceRequests), in the order the EHR page lists them. Every patient but
 * PATIENT_WITHOUT_ORDERS has some. Ada's second order's accession number is already carried by SEED_STUDY.
 */
export const SEED_ORDERS: readonly SeedOrder[] = [
  order(
    'order-ada-ct-chest-contrast',
    'ada-lovelace',
    'ACC2403150001',
    'active',
    '2024-03-15T10:05:00+01:00',
    'practitioner-quill',
    PROCEDURES.ctChestWithContrast,
    REASONS.cough,
  ),
  order(
    'order-ada-ct-chest',
    'ada-lovelace',
    SEED_STUDY.accession,
    'active',
    '2024-03-14T08:50:00+01:00',
    'practitioner-quill',
    PROCEDURES.ctChestWithoutContrast,
    REASONS.cough,
  ),
  order(
    'order-ada-mr-knee',
    'ada-lovelace',
    'ACC2402200003',
    'revoked',
    '2024-02-20T13:30:00+01:00',
    'practitioner-fenwick',
    PROCEDURES.mrKneeWithoutContrast,
    REASONS.kneePain,
  ),
  order(
    'order-alan-mr-brain',
    'alan-turing',
    'ACC2403160002',
    'active',
    '2024-03-16T09:15:00+01:00',
    'practitioner-okafor',
    PROCEDURES.mrBrainWithAndWithoutContrast,
    REASONS.headache,
  ),
  order(
    'order-alan-xr-chest',
    'alan-turing',
    'ACC2403120004',
    'completed',
    '2024-03-12T16:40:00+01:00',
    'practitioner-fenwick',
    PROCEDURES.xrChestTwoViews,
    REASONS.cough,
  ),
  order(
    'order-alan-ct-head',
    'alan-turing',
    'ACC2403160005',
    'entered-in-error',
    '2024-03-16T09:10:00+01:00',
    'practitioner-okafor',
    PROCEDURES.ctHeadWithoutContrast,
    REASONS.headache,
  ),
];

/** The one seeded patient without any order. */
export const PATIENT_WITHOUT_ORDERS = 'grace-hopper';
/** The order whose accession number SEED_STUDY already carries (a new study for it would be a duplicate). */
export const DUPLICATE_ACCESSION_ORDER = SEED_ORDERS.find((o) => o.id === SEED_STUDY.orderId) as SeedOrder;

/** A patient's seeded orders, in seed order. */
export function ordersOf(patientId: string): SeedOrder[] {
  return SEED_ORDERS.filter((o) => o.patientId === patientId);
}

/** The patient's first active order: the one the EHR's "for an order" launch uses. */
export function firstActiveOrder(patientId: string): SeedOrder | undefined {
  return ordersOf(patientId).find((o) => o.status === 'active');
}

/** The accession Identifier of an order (also on the ImagingStudy made for it). */
export function accessionIdentifier(value: string): Identifier {
  return { use: 'usual', type: { coding: [ACSN_TYPE] }, system: ACCESSION_SYSTEM, value };
}

function put(resource: Patient | Practitioner | Encounter | Endpoint | ImagingStudy | ServiceRequest): BundleEntry {
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
    class: {
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      code: p.encounterClass,
      display: p.encounterClass === 'AMB' ? 'ambulatory' : 'inpatient encounter',
    },
    subject: { reference: `Patient/${p.id}`, display: p.name },
    period: { start: '2024-03-14T08:45:00+01:00' },
  };
}

function referrerResource(r: SeedReferrer): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: r.id,
    identifier: [{ use: 'official', system: STAFF_SYSTEM, value: r.staffNumber }],
    active: true,
    name: [{ use: 'official', family: r.family, given: [r.given], prefix: ['Dr.'] }],
  };
}

function orderResource(o: SeedOrder): ServiceRequest {
  const p = SEED_PATIENTS.find((candidate) => candidate.id === o.patientId) as SeedPatient;
  const requester = SEED_REFERRERS.find((r) => r.id === o.requesterId) as SeedReferrer;
  const { loinc, radlex, text } = o.procedure;
  return {
    resourceType: 'ServiceRequest',
    id: o.id,
    identifier: [accessionIdentifier(o.accession)],
    status: o.status,
    intent: 'order',
    category: [{ coding: [IMAGING_CATEGORY], text: 'Imaging' }],
    code: { coding: radlex ? [loinc, radlex] : [loinc], text },
    subject: { reference: `Patient/${p.id}`, display: p.name },
    encounter: { reference: `Encounter/${p.encounterId}` },
    authoredOn: o.authoredOn,
    requester: { reference: `Practitioner/${requester.id}`, display: requester.display },
    reasonCode: [{ coding: [o.reason], text: o.reason.display }],
  };
}

function endpointResource(e: { id: string; name: string; address: string }): Endpoint {
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
    identifier: [
      { system: 'urn:dicom:uid', value: `urn:oid:${SEED_STUDY.studyUid}` },
      accessionIdentifier(SEED_STUDY.accession),
    ],
    status: 'available',
    modality: [ct],
    subject: { reference: `Patient/${ada.id}`, display: ada.name },
    encounter: { reference: `Encounter/${ada.encounterId}` },
    basedOn: [{ reference: `ServiceRequest/${DUPLICATE_ACCESSION_ORDER.id}` }],
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

export interface SeedOptions {
  /** The DICOMweb base of the "Main PACS" Endpoint, when its PACS listens elsewhere than SEED_ENDPOINTS says. */
  mainPacsAddress?: string;
}

/** The whole seed as one transaction Bundle. */
export function seedBundle(options: SeedOptions = {}): Bundle {
  const endpoints = SEED_ENDPOINTS.map((e, i) =>
    i === 0 && options.mainPacsAddress ? { ...e, address: options.mainPacsAddress } : e,
  );
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
      ...SEED_REFERRERS.map((r) => put(referrerResource(r))),
      ...SEED_PATIENTS.map((p) => put(encounterResource(p))),
      ...SEED_ORDERS.map((o) => put(orderResource(o))),
      ...endpoints.map((e) => put(endpointResource(e))),
      put(studyResource()),
    ],
  };
}

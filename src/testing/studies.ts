/** Studies for the save layer's tests. */
import type { Endpoint, ImagingStudy, Patient, Practitioner } from 'fhir/r4';
import { IMR_IMAGINGSTUDY_URL } from '../kernel/canonicals';
import { toFormValues, toResource } from '../study/values';

export const UID = '1.2.826.0.1.3680043.8.498.10002';
const CT = { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT', display: 'Computed Tomography' };
const CT_IMAGE = { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' };

/** A new study as the form emits it: no id, a new Endpoint referenced by urn:uuid. */
export function newStudy(endpointUrn?: string): ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${UID}` }],
    status: 'available',
    modality: [CT],
    subject: { reference: 'Patient/p1', display: 'Alan Turing' },
    started: '2024-03-05T09:15:00+01:00',
    endpoint: [{ reference: endpointUrn ?? 'Endpoint/wado-1' }],
    series: [{ uid: `${UID}.1`, modality: CT, instance: [{ uid: `${UID}.1.1`, sopClass: CT_IMAGE }] }],
  };
}

/**
 * A stored study with content the form does not show (extension, note, performer, contained), an accession number
 * before the UID identifier, a subject display that differs from the patient's name, and counts larger than the
 * listed series and instances (a partial listing, which is allowed).
 */
export function storedStudy(): ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    id: 'study-1',
    meta: { versionId: '7', lastUpdated: '2024-03-05T10:00:00Z' },
    contained: [{ resourceType: 'Practitioner', id: 'tech', name: [{ family: 'Curie' }] } as Practitioner],
    extension: [{ url: 'http://hospital.example.org/fhir/StructureDefinition/scanner-room', valueString: 'CT 2' }],
    identifier: [
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] }, value: 'A-17' },
      { system: 'urn:dicom:uid', value: `urn:oid:${UID}` },
    ],
    status: 'available',
    modality: [CT],
    subject: { reference: 'Patient/p1', display: 'TURING^ALAN' },
    started: '2024-03-05T09:15:00+01:00',
    endpoint: [{ reference: 'Endpoint/wado-1' }],
    numberOfSeries: 4,
    numberOfInstances: 120,
    description: 'CT chest',
    note: [{ text: 'Contrast given.' }],
    series: [
      {
        uid: `${UID}.1`,
        number: 1,
        modality: CT,
        description: 'Surview',
        numberOfInstances: 2,
        performer: [{ actor: { reference: '#tech' } }],
        instance: [{ uid: `${UID}.1.1`, sopClass: CT_IMAGE, number: 1 }],
      },
      { uid: `${UID}.2`, number: 2, modality: CT, description: 'Chest 1.0 mm', numberOfInstances: 118 },
    ],
  };
}

/**
 * What the form emits after opening `stored` and saving without changes (the real form values and resource
 * builder): the Study Instance UID comes first, the IMR profile is added and keys are in the order of the values.
 */
export function formRoundTrip(stored: ImagingStudy, patientDisplay = 'Alan Turing'): ImagingStudy {
  const [given, family] = patientDisplay.split(' ');
  const patient: Patient = {
    resourceType: 'Patient',
    id: 'p1',
    name: [{ given: [given ?? ''], family: family ?? '' }],
  };
  const options = { patient, profileUrl: IMR_IMAGINGSTUDY_URL, opened: stored };
  return toResource(toFormValues(stored), options);
}

export function newEndpoint(name = 'PACS WADO'): Endpoint {
  return {
    resourceType: 'Endpoint',
    status: 'active',
    name,
    connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' },
    payloadType: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113014' }] }],
    address: 'https://pacs.example.org/wado-rs',
  };
}

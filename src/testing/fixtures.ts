/** Test fixtures: the launch patient, an endpoint on the server and a stored study. */
import type { Endpoint, ImagingStudy, Patient } from 'fhir/r4';

export const patient: Patient = {
  resourceType: 'Patient',
  id: 'ex-Patient',
  identifier: [
    { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: '1234567' },
  ],
  name: [{ family: 'Smith', given: ['John'] }],
};

export const serverEndpoint: Endpoint = {
  resourceType: 'Endpoint',
  id: 'ep1',
  status: 'active',
  name: 'Main PACS',
  connectionType: {
    system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
    code: 'dicom-wado-rs',
    display: 'DICOM WADO-RS',
  },
  payloadType: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113014' }] }],
  address: 'https://pacs.example.org/wado',
};

/** A complete, valid study as the server would hold it, with content the form does not show. */
export function existingStudy(): ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    id: 'study-1',
    meta: { versionId: '3', profile: ['http://example.org/other-profile'] },
    extension: [{ url: 'http://example.org/ext', valueString: 'keep me' }],
    identifier: [
      { system: 'http://example.org/accession', value: 'ACC-1' },
      { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3.4.5' },
    ],
    status: 'available',
    modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT', display: 'Computed Tomography' }],
    subject: { reference: 'Patient/ex-Patient' },
    started: '2020-12-31T23:30:50-05:00',
    endpoint: [{ reference: 'Endpoint/ep1', display: 'Main PACS' }],
    note: [{ text: 'a note' }],
    series: [
      {
        uid: '1.2.3.4.5.1',
        modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' },
        performer: [{ actor: { reference: 'Practitioner/p1' } }],
        instance: [
          {
            uid: '1.2.3.4.5.1.1',
            sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
          },
        ],
      },
    ],
  };
}

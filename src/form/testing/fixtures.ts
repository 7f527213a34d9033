/** Test fixtures: the launch patient and an endpoint on the server. */
import type { Endpoint, Patient } from 'fhir/r4';

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

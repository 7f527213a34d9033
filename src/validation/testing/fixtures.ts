/**
 * Test fixtures for the validator's unit tests: a minimal valid IMR study and helpers to edit it
 * and read issues. Not used by the app.
 */
import type { OperationOutcomeIssue } from 'fhir/r4';
import { createRegistry, imrRegistryInput, type ProfileRegistry, type RegistryInput } from '../../profile';
import type { JsonObject } from '../json';

export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

/** A valid IMR ImagingStudy with one series of two instances (a fresh copy each call). */
export function minimalStudy(): JsonObject {
  return {
    resourceType: 'ImagingStudy',
    id: 'study-1',
    identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.826.0.1.3680043.8.498.1' }],
    status: 'available',
    modality: [{ system: DCM, code: 'CT', display: 'Computed Tomography' }],
    subject: { reference: 'Patient/p1' },
    started: '2024-05-01T14:30:00+02:00',
    endpoint: [{ reference: 'Endpoint/e1' }],
    numberOfSeries: 1,
    numberOfInstances: 2,
    series: [
      {
        uid: '1.2.826.0.1.3680043.8.498.1.1',
        number: 1,
        modality: { system: DCM, code: 'CT' },
        numberOfInstances: 2,
        instance: [
          {
            uid: '1.2.826.0.1.3680043.8.498.1.1.1',
            sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
          },
          {
            uid: '1.2.826.0.1.3680043.8.498.1.1.2',
            sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
          },
        ],
      },
    ],
  };
}

/** A valid contained Imaging Study Endpoint with id `ep`. */
export function containedEndpoint(): JsonObject {
  return {
    resourceType: 'Endpoint',
    id: 'ep',
    status: 'active',
    connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' },
    payloadType: [{ coding: [{ system: DCM, code: '113014', display: 'Study' }] }],
    address: 'https://pacs.example.org/dicomweb',
  };
}

/** The study with `edit` applied to a deep copy. */
export function studyWith(edit: (study: JsonObject) => void): JsonObject {
  const study = minimalStudy();
  edit(study);
  return study;
}

/** Reads `obj.a.b[0].c`-style paths (test convenience, no validation). */
export function at(obj: unknown, path: string): JsonObject {
  let current: unknown = obj;
  for (const part of path.split(/\.|\[|\]/).filter((p) => p !== '')) {
    current = (current as Record<string, unknown>)[part];
  }
  return current as JsonObject;
}

/** `severity code expression` of each issue, sorted (issue order is not part of the contract). */
export function summary(issues: readonly OperationOutcomeIssue[]): string[] {
  return issues.map((i) => `${i.severity} ${i.code} ${i.expression?.join('|')}`).sort();
}

/** A registry built from the real artefacts after `edit` changed their JSON (e.g. a profile's slicing rules). */
export function modifiedRegistry(edit: (input: RegistryInput) => void): ProfileRegistry {
  const input = imrRegistryInput();
  edit(input);
  return createRegistry(input);
}

/** The snapshot elements of the IMR ImagingStudy profile in `input`, to edit them. */
export function imrElements(input: RegistryInput): JsonObject[] {
  const sd = input.profiles.find((p) => (p as JsonObject).type === 'ImagingStudy') as JsonObject;
  return (sd.snapshot as { element: JsonObject[] }).element;
}

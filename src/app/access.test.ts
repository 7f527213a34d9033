import { describe, expect, it } from 'vitest';
import { READ_PATIENT, SEARCH_STUDIES } from '../fhir/permissions';
import { endpointRestriction, restriction, saveRestriction } from './access';

const V2_ALL = ['patient/Patient.r', 'patient/ImagingStudy.rs', 'patient/ImagingStudy.cu', 'patient/Provenance.c'];
const V1_ALL = [
  'patient/Patient.read',
  'patient/ImagingStudy.read',
  'patient/ImagingStudy.write',
  'patient/Provenance.write',
];

describe('saveRestriction', () => {
  it('allows saving when the study and provenance permissions were granted (v1 and v2)', () => {
    expect(saveRestriction(V2_ALL, true)).toBeUndefined();
    expect(saveRestriction(V2_ALL, false)).toBeUndefined();
    expect(saveRestriction(V1_ALL, true)).toBeUndefined();
  });

  it('names the missing v2 scope when only read access was granted', () => {
    const granted = ['patient/Patient.r', 'patient/ImagingStudy.rs', 'patient/Provenance.c'];
    expect(saveRestriction(granted, false)).toBe(
      'You are not allowed to change imaging studies of this patient (the app needs the patient/ImagingStudy.u permission). Ask your administrator for access.',
    );
    expect(saveRestriction(granted, true)).toContain('create imaging studies for this patient');
  });

  it('names v1 scopes when the server granted v1 scopes', () => {
    const granted = ['patient/Patient.read', 'patient/ImagingStudy.read', 'patient/Provenance.write'];
    expect(saveRestriction(granted, true)).toContain('patient/ImagingStudy.write permission');
  });

  it('needs provenance too, because every save records who changed the study', () => {
    const granted = ['patient/ImagingStudy.rs', 'patient/ImagingStudy.cu'];
    expect(saveRestriction(granted, true)).toContain('patient/Provenance.c');
  });

  it('does not take a permission on another resource type as granted', () => {
    expect(saveRestriction(['patient/Patient.cruds', 'patient/Provenance.c'], true)).toContain(
      'patient/ImagingStudy.c',
    );
  });
});

describe('restriction', () => {
  it('explains a missing read permission', () => {
    expect(restriction(['patient/ImagingStudy.rs'], [READ_PATIENT])).toContain('read the patient record');
    expect(restriction(['patient/Patient.r'], [SEARCH_STUDIES])).toContain('patient/ImagingStudy.s');
    expect(restriction(['patient/*.read'], [READ_PATIENT, SEARCH_STUDIES])).toBeUndefined();
  });
});

describe('endpointRestriction', () => {
  it('allows new endpoints with user/Endpoint.c (v2) or user/Endpoint.write (v1)', () => {
    expect(endpointRestriction([...V2_ALL, 'user/Endpoint.rs', 'user/Endpoint.c'])).toBeUndefined();
    expect(endpointRestriction([...V1_ALL, 'user/Endpoint.read', 'user/Endpoint.write'])).toBeUndefined();
  });

  it('names the missing permission when endpoints may only be read', () => {
    expect(endpointRestriction([...V2_ALL, 'user/Endpoint.rs'])).toBe(
      'You are not allowed to add new image locations (endpoints) (the app needs the user/Endpoint.c permission). Ask your administrator for access.',
    );
  });
});

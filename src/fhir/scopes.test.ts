import { describe, expect, it } from 'vitest';
import { isAllowed, requestedScopes } from './scopes';

describe('requestedScopes', () => {
  it('asks an EHR launch for its context and the least v2 permissions, read apart from write', () => {
    expect(requestedScopes('ehr', true).split(' ')).toEqual([
      'launch',
      'openid',
      'fhirUser',
      'offline_access',
      'patient/Patient.r',
      'patient/ImagingStudy.rs',
      'patient/ImagingStudy.cu',
      'patient/Provenance.c',
      'user/Endpoint.rs',
      'user/Endpoint.c',
      'patient/ServiceRequest.rs',
      'patient/Encounter.r',
      'user/Practitioner.rs',
    ]);
  });

  it('never asks for delete, for changing Endpoints, or for reading Provenance', () => {
    const resourceScopes = requestedScopes('standalone', true)
      .split(' ')
      .filter((s) => s.includes('/') && s !== 'launch/patient');
    for (const scope of resourceScopes) expect(scope).not.toMatch(/\.[a-z]*d[a-z]*$/);
    expect(resourceScopes).not.toContain('user/Endpoint.u');
    expect(isAllowed(resourceScopes, 'Endpoint', 'u')).toBe(false);
    expect(isAllowed(resourceScopes, 'Provenance', 'r')).toBe(false);
    expect(isAllowed(resourceScopes, 'Patient', 's')).toBe(false);
  });

  it('asks a standalone launch for a patient, and a v1-only server for v1 scopes', () => {
    expect(requestedScopes('standalone', true).split(' ')[0]).toBe('launch/patient');
    const v1 = requestedScopes('ehr', false).split(' ');
    expect(v1).toContain('patient/ImagingStudy.read');
    expect(v1).toContain('patient/ImagingStudy.write');
    expect(v1.filter((s) => /\.[cruds]+$/.test(s))).toEqual([]);
  });
});

describe('isAllowed', () => {
  it('reads v1 and v2 grants alike', () => {
    expect(isAllowed(['patient/ImagingStudy.rs'], 'ImagingStudy', 'r')).toBe(true);
    expect(isAllowed(['patient/ImagingStudy.rs'], 'ImagingStudy', 'u')).toBe(false);
    expect(isAllowed(['patient/ImagingStudy.read'], 'ImagingStudy', 's')).toBe(true);
    expect(isAllowed(['patient/ImagingStudy.read'], 'ImagingStudy', 'c')).toBe(false);
    expect(isAllowed(['user/*.write'], 'ImagingStudy', 'c')).toBe(true);
  });

  it('takes nothing from malformed or unrelated scopes', () => {
    expect(isAllowed(['launch', 'openid', 'patient/ImagingStudy.', 'ImagingStudy.cruds'], 'ImagingStudy', 'r')).toBe(
      false,
    );
    expect(isAllowed(['patient/ImagingStudy.sr'], 'ImagingStudy', 'r')).toBe(false);
  });
});

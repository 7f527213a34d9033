import { describe, expect, it } from 'vitest';
import type { JsonObject } from './json';
import { createResourceValidator } from './resources';
import { containedEndpoint, minimalStudy, summary } from './testing/fixtures';

const resources = createResourceValidator();
const errors = (resource: unknown, profile?: string) =>
  summary(resources.validate(resource, profile).outcome.issue.filter((i) => i.severity === 'error'));
const BASE = 'https://fhir.example.org/r4';
const FHIR_REST = { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'hl7-fhir-rest' };

/** A batch of `entries` ([fullUrl, resource]). */
const batch = (...entries: [string, JsonObject][]) => ({
  resourceType: 'Bundle',
  type: 'batch',
  entry: entries.map(([fullUrl, resource]) => ({
    fullUrl,
    resource,
    request: { method: 'PUT', url: fullUrl.slice(BASE.length + 1) },
  })),
});

describe('createResourceValidator: Bundles', () => {
  it('resolves a relative reference against the referring entry’s RESTful fullUrl (R4 Bundle reference resolution)', () => {
    const endpoint = { ...containedEndpoint(), id: 'e1', connectionType: FHIR_REST };
    const study = { ...minimalStudy(), id: 's1', endpoint: [{ reference: 'Endpoint/e1' }] };
    const bundle = batch([`${BASE}/Endpoint/e1`, endpoint], [`${BASE}/ImagingStudy/s1`, study]);
    // Endpoint/e1 is the first entry: the study's endpoint, so Imaging Study Endpoint applies to it.
    expect(errors(bundle)).toEqual(['error code-invalid Bundle.entry[0].resource.connectionType']);
    // The same Endpoint, not named by the study: base R4.
    const unrelated = batch(
      [`${BASE}/Endpoint/e1`, endpoint],
      [`${BASE}/ImagingStudy/s1`, { ...study, endpoint: [{ reference: 'Endpoint/other' }] }],
    );
    expect(errors(unrelated)).toEqual([]);
  });

  it('checks reference targets across entries by fullUrl', () => {
    const study = { ...minimalStudy(), subject: { reference: 'urn:uuid:0c3c5c1e-8a4c-4a8e-9f0e-5b2d7c1a9e10' } };
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:0c3c5c1e-8a4c-4a8e-9f0e-5b2d7c1a9e10', resource: { resourceType: 'Device' } },
        { fullUrl: 'urn:uuid:9d1e2f3a-4b5c-4d6e-8f7a-0b1c2d3e4f50', resource: study },
      ],
    };
    expect(errors(bundle)).toEqual(['error structure Bundle.entry[1].resource.subject']);
    const info = resources.validate(bundle).outcome.issue.filter((i) => i.code === 'not-supported');
    expect(summary(info)).toEqual(['information not-supported Bundle.entry[0].resource']);
  });

  it('a --profile for a type applies to the Bundle’s entries of that type', () => {
    const endpoint = { ...containedEndpoint(), id: 'e1', connectionType: FHIR_REST };
    const bundle = batch([`${BASE}/Endpoint/e1`, endpoint]);
    expect(errors(bundle)).toEqual([]);
    expect(errors(bundle, 'imaging-study-endpoint')).toEqual([
      'error code-invalid Bundle.entry[0].resource.connectionType',
    ]);
  });
});

describe('createResourceValidator: what is not a supported resource', () => {
  it('judges non-resources invalid and unsupported types not at all', () => {
    expect(resources.validate([1, 2])).toMatchObject({ valid: false });
    expect(resources.validate({ resourceType: 'Imagingstudy' })).toMatchObject({ valid: false });
    expect(resources.validate({ status: 'active' })).toMatchObject({ valid: false });
    expect(resources.validate({ resourceType: 'Observation' })).toMatchObject({
      resourceType: 'Observation',
      valid: null,
    });
  });
});

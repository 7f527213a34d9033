import { describe, expect, it } from 'vitest';
import { isValid, validateEndpoint } from './index';
import { containedEndpoint, summary } from './testing/fixtures';

describe('validateEndpoint (Imaging Study Endpoint profile)', () => {
  it('accepts a complete endpoint', () => {
    const outcome = validateEndpoint(containedEndpoint());
    expect(outcome.issue).toEqual([]);
    expect(isValid(outcome)).toBe(true);
  });

  it('reports with expressions starting at Endpoint, in the form’s words', () => {
    const endpoint = containedEndpoint();
    delete endpoint.payloadType;
    endpoint.address = 'not a url';
    const outcome = validateEndpoint(endpoint);
    expect(summary(outcome.issue)).toEqual(['error required Endpoint.payloadType', 'error value Endpoint.address']);
    expect(outcome.issue.map((i) => i.details?.text).sort()).toEqual([
      'Endpoint address must be a URL without spaces (e.g. https://pacs.example.org/dicomweb)',
      'Payload type is required: choose what the endpoint returns (e.g. Study)',
    ]);
  });

  it('requires resourceType Endpoint and a JSON object', () => {
    expect(summary(validateEndpoint({ ...containedEndpoint(), resourceType: 'ImagingStudy' }).issue)).toEqual([
      'error invalid Endpoint.resourceType',
    ]);
    expect(summary(validateEndpoint('Endpoint').issue)).toEqual(['fatal invalid Endpoint']);
  });

  it('allows a Series payload type with a warning only (IMR examples use it for series endpoints)', () => {
    const endpoint = containedEndpoint();
    endpoint.payloadType = [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113015' }] }];
    const outcome = validateEndpoint(endpoint);
    expect(summary(outcome.issue)).toEqual(['warning code-invalid Endpoint.payloadType[0].coding[0]']);
    expect(isValid(outcome)).toBe(true);
  });
});

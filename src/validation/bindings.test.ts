import { describe, expect, it } from 'vitest';
import { createValidator, imrValidator, validateEndpoint } from './index';
import type { JsonObject } from './json';
import { at, containedEndpoint, DCM, imrElements, modifiedRegistry, studyWith, summary } from './testing/fixtures';

const validator = imrValidator();
const issuesOf = (study: unknown) => summary(validator.validate(study).issue);
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

describe('required bindings', () => {
  it('code: status must be in imagingstudy-status', () => {
    const study = studyWith((s) => {
      s.status = 'final';
    });
    const outcome = validator.validate(study);
    expect(summary(outcome.issue)).toEqual(['error code-invalid ImagingStudy.status']);
    expect(outcome.issue[0]?.details?.text).toMatch(/^Status "final" is not an allowed value: use one of registered/);
  });

  it('code inside a slice: identifier use', () => {
    const study = studyWith((s) => {
      at(s, 'identifier[0]').use = 'primary';
    });
    expect(issuesOf(study)).toEqual(['error code-invalid ImagingStudy.identifier[0].use']);
  });

  it('Coding: the Endpoint connectionType needs a listed code from the listed system', () => {
    const withType = (connectionType: unknown) => {
      const endpoint = containedEndpoint();
      endpoint.connectionType = connectionType;
      return summary(validateEndpoint(endpoint).issue);
    };
    const system = 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type';
    expect(withType({ system, code: 'ihe-iid' })).toEqual([]);
    expect(withType({ system, code: 'hl7-fhir-rest' })).toEqual(['error code-invalid Endpoint.connectionType']);
    expect(withType({ system: 'http://example.org', code: 'dicom-wado-rs' })).toEqual([
      'error code-invalid Endpoint.connectionType',
    ]);
    expect(withType({ code: 'dicom-wado-rs' })).toEqual(['error code-invalid Endpoint.connectionType']);
    expect(withType({ system, display: 'DICOM WADO-RS' })).toEqual(['error code-invalid Endpoint.connectionType']);
  });

  it('CodeableConcept: at least one coding from the value set (modified profile)', () => {
    const registry = modifiedRegistry((input) => {
      const reasonCode = imrElements(input).find((e) => e.id === 'ImagingStudy.reasonCode') as JsonObject;
      reasonCode.binding = { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/identifier-type' };
    });
    const strict = createValidator(registry);
    const withReason = (reasonCode: unknown[]) =>
      summary(
        strict.validate(
          studyWith((s) => {
            s.reasonCode = reasonCode;
          }),
        ).issue,
      );
    const mr = { system: V2_0203, code: 'MR' };
    const other = { system: 'http://example.org', code: 'x' };
    expect(withReason([{ coding: [other, mr] }])).toEqual([]);
    expect(withReason([{ coding: [other] }])).toEqual(['error code-invalid ImagingStudy.reasonCode[0]']);
    expect(withReason([{ text: 'no code' }])).toEqual(['error code-invalid ImagingStudy.reasonCode[0]']);
  });
});

describe('extensible bindings', () => {
  it('Coding: a DICOM code outside CID 29 is a warning; another code system is fine', () => {
    const study = studyWith((s) => {
      s.modality = [
        { system: DCM, code: 'SR' },
        { system: 'http://example.org/modalities', code: 'XYZ' },
        { system: DCM, code: 'MR' },
      ];
      at(s, 'series[0]').modality = { system: DCM, code: 'KO' };
    });
    const outcome = validator.validate(study);
    expect(summary(outcome.issue)).toEqual([
      'warning code-invalid ImagingStudy.modality[0]',
      'warning code-invalid ImagingStudy.series[0].modality',
    ]);
    expect(outcome.issue[0]?.details?.text).toMatch(
      /^Modality "SR" is not in .*CID 29.*: check it, or use a listed code/,
    );
  });

  it('CodeableConcept: a code of a bound system that the value set does not list is a warning, at the coding', () => {
    const withType = (coding: unknown[]) =>
      issuesOf(
        studyWith((s) => {
          at(s, 'identifier[0]').type = { coding };
        }),
      );
    expect(withType([{ system: V2_0203, code: 'MR' }])).toEqual([]);
    expect(withType([{ system: V2_0203, code: 'ZZ' }])).toEqual([
      'warning code-invalid ImagingStudy.identifier[0].type.coding[0]',
    ]);
    expect(
      withType([
        { system: V2_0203, code: 'ZZ' },
        { system: V2_0203, code: 'MR' },
      ]),
    ).toEqual([]);
    expect(withType([{ system: 'http://example.org', code: 'ZZ' }])).toEqual([]);
  });

  it('Coding inside a CodeableConcept: the Endpoint payloadType.coding', () => {
    const endpoint = containedEndpoint();
    endpoint.payloadType = [{ coding: [{ system: DCM, code: '113015', display: 'Series' }] }];
    expect(summary(validateEndpoint(endpoint).issue)).toEqual([
      'warning code-invalid Endpoint.payloadType[0].coding[0]',
    ]);
  });

  it('skips value sets that could not be expanded (no false errors)', () => {
    const study = studyWith((s) => {
      at(s, 'series[0].instance[0]').sopClass = { system: 'urn:ietf:rfc:3986', code: 'urn:oid:9.9.9' };
      s.procedureCode = [{ coding: [{ system: 'http://www.radlex.org', code: 'RPID0' }] }];
    });
    expect(issuesOf(study)).toEqual([]);
  });

  it('ignores preferred and example bindings', () => {
    const study = studyWith((s) => {
      s.language = 'xx-YY';
      s.reasonCode = [{ coding: [{ system: 'http://snomed.info/sct', code: '0' }] }];
    });
    expect(issuesOf(study)).toEqual([]);
  });
});

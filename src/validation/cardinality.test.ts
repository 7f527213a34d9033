import { describe, expect, it } from 'vitest';
import { createValidator, imrValidator } from './index';
import { at, imrElements, modifiedRegistry, studyWith, summary } from './testing/fixtures';

const validator = imrValidator();
const issuesOf = (study: unknown) => summary(validator.validate(study).issue);
const ACCESSION = { system: 'http://hospital.example.org/accession', value: 'ACC-1' };

describe('required elements', () => {
  it('reports each missing IMR element at its own path, in the form’s words', () => {
    const study = studyWith((s) => {
      for (const key of ['status', 'modality', 'subject', 'started', 'endpoint', 'identifier']) delete s[key];
      delete at(s, 'series[0]').uid;
      delete at(s, 'series[0]').modality;
      delete at(s, 'series[0].instance[1]').sopClass;
    });
    const outcome = validator.validate(study);
    expect(summary(outcome.issue)).toEqual([
      'error required ImagingStudy.endpoint',
      'error required ImagingStudy.identifier',
      'error required ImagingStudy.modality',
      'error required ImagingStudy.series[0].instance[1].sopClass',
      'error required ImagingStudy.series[0].modality',
      'error required ImagingStudy.series[0].uid',
      'error required ImagingStudy.started',
      'error required ImagingStudy.status',
      'error required ImagingStudy.subject',
    ]);
    const text = (expression: string) => outcome.issue.find((i) => i.expression?.[0] === expression)?.details?.text;
    expect(text('ImagingStudy.started')).toBe(
      'Started is required: enter the date and time the study started (e.g. 2024-05-01T14:30:00+02:00)',
    );
    expect(text('ImagingStudy.identifier')).toMatch(/^Study Instance UID is required: /);
    expect(text('ImagingStudy.subject')).toMatch(/^Subject is required: /);
  });

  it('checks required children of datatypes (Extension.url, Annotation.text)', () => {
    const study = studyWith((s) => {
      s.extension = [{ valueString: 'x' }];
      s.note = [{ authorString: 'Dr X' }];
    });
    expect(issuesOf(study)).toEqual([
      'error required ImagingStudy.extension[0].url',
      'error required ImagingStudy.note[0].text',
    ]);
  });
});

describe('identifier slicing (studyUID by system pattern, open)', () => {
  it('accepts other identifiers beside the study UID, in any order', () => {
    const study = studyWith((s) => {
      s.identifier = [ACCESSION, at(s, 'identifier[0]')];
    });
    expect(issuesOf(study)).toEqual([]);
  });

  it('reports a missing studyUID slice at the identifier list', () => {
    const study = studyWith((s) => {
      s.identifier = [ACCESSION, { system: 'URN:DICOM:UID', value: 'urn:oid:1.2.3' }];
    });
    expect(issuesOf(study)).toEqual(['error required ImagingStudy.identifier']);
  });

  it('reports a second study UID at the identifier list', () => {
    const study = studyWith((s) => {
      s.identifier = [at(s, 'identifier[0]'), { system: 'urn:dicom:uid', value: 'urn:oid:1.2.4' }];
    });
    const outcome = validator.validate(study);
    expect(summary(outcome.issue)).toEqual(['error structure ImagingStudy.identifier']);
    expect(outcome.issue[0]?.details?.text).toBe('Study Instance UID may be given at most 1 time (found 2)');
  });

  it('checks the slice’s own children: the studyUID value is required', () => {
    const study = studyWith((s) => {
      s.identifier = [ACCESSION, { system: 'urn:dicom:uid' }];
    });
    const outcome = validator.validate(study);
    expect(summary(outcome.issue)).toEqual(['error required ImagingStudy.identifier[1].value']);
    expect(outcome.issue[0]?.details?.text).toMatch(/^Study Instance UID is required: /);
  });

  it('checks identifiers outside the slice against the base Identifier', () => {
    const study = studyWith((s) => {
      s.identifier = [at(s, 'identifier[0]'), { system: 'http://x y', value: 'A', use: 'primary' }];
    });
    expect(issuesOf(study)).toEqual([
      'error code-invalid ImagingStudy.identifier[1].use',
      'error value ImagingStudy.identifier[1].system',
    ]);
  });
});

describe('too many and too few entries', () => {
  it('reports too many entries at the property', () => {
    const endpoint = (payloadType: unknown[]) =>
      studyWith((s) => {
        s.contained = [
          {
            resourceType: 'Endpoint',
            id: 'ep',
            status: 'active',
            connectionType: {
              system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
              code: 'dicom-wado-rs',
            },
            payloadType,
            address: 'https://pacs.example.org/dicomweb',
          },
        ];
        s.endpoint = [{ reference: '#ep' }];
      });
    const study = { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113014' }] };
    expect(issuesOf(endpoint([study]))).toEqual([]);
    expect(issuesOf(endpoint([study, study]))).toEqual(['error structure ImagingStudy.contained[0].payloadType']);
  });

  it('applies a profile’s min > 1, max 0 and closed or openAtEnd slicing (modified profile)', () => {
    const registry = modifiedRegistry((input) => {
      const elements = imrElements(input);
      const byId = (id: string) => elements.find((e) => e.id === id) as Record<string, unknown>;
      byId('ImagingStudy.modality').min = 2;
      byId('ImagingStudy.description').max = '0';
      (byId('ImagingStudy.identifier').slicing as Record<string, unknown>).rules = 'closed';
    });
    const strict = createValidator(registry);
    const study = studyWith((s) => {
      s.description = 'not allowed';
      s.identifier = [at(s, 'identifier[0]'), ACCESSION];
    });
    expect(summary(strict.validate(study).issue)).toEqual([
      'error required ImagingStudy.modality',
      'error structure ImagingStudy.description',
      'error structure ImagingStudy.identifier[1]',
    ]);

    const atEnd = createValidator(
      modifiedRegistry((input) => {
        const identifier = imrElements(input).find((e) => e.id === 'ImagingStudy.identifier') as Record<
          string,
          unknown
        >;
        (identifier.slicing as Record<string, unknown>).rules = 'openAtEnd';
      }),
    );
    const accessionFirst = studyWith((s) => {
      s.identifier = [ACCESSION, at(s, 'identifier[0]')];
    });
    const accessionLast = studyWith((s) => {
      s.identifier = [at(s, 'identifier[0]'), ACCESSION];
    });
    expect(summary(atEnd.validate(accessionFirst).issue)).toEqual(['error structure ImagingStudy.identifier[0]']);
    expect(atEnd.validate(accessionLast).issue).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { imrValidator, isValid, validateEndpoint } from './index';
import type { JsonObject } from './json';
import { at, containedEndpoint, minimalStudy, studyWith, summary } from './testing/fixtures';

const validator = imrValidator();
const issuesOf = (study: unknown) => summary(validator.validate(study).issue);

describe('the resource itself', () => {
  it('accepts the minimal study', () => {
    const outcome = validator.validate(minimalStudy());
    expect(outcome.issue).toEqual([]);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(isValid(outcome)).toBe(true);
  });

  it('gives a fatal issue, never a throw, for values that are not JSON objects', () => {
    for (const value of ['{"resourceType":"ImagingStudy"}', null, undefined, 42, true, [], [minimalStudy()]]) {
      const outcome = validator.validate(value);
      expect(summary(outcome.issue), JSON.stringify(value)).toEqual(['fatal invalid ImagingStudy']);
      expect(isValid(outcome)).toBe(false);
    }
  });

  it('requires resourceType ImagingStudy and stops at another type', () => {
    const missing = studyWith((s) => {
      delete s.resourceType;
    });
    expect(issuesOf(missing)).toEqual(['error required ImagingStudy.resourceType']);
    const patient = studyWith((s) => {
      s.resourceType = 'Patient';
    });
    const outcome = validator.validate(patient);
    expect(summary(outcome.issue)).toEqual(['error invalid ImagingStudy.resourceType']);
    expect(outcome.issue[0]?.details?.text).toBe('This is a Patient, not an ImagingStudy');
  });
});

describe('unknown properties', () => {
  it('reports unknown keys at the root, in backbone elements, datatypes and contained resources', () => {
    const study = studyWith((s) => {
      s.studyDate = '20240501';
      at(s, 'series[0]').bodyPart = 'CHEST';
      at(s, 'series[0].instance[1]').frames = 3;
      at(s, 'subject').patientId = 'p1';
      at(s, 'modality[0]').meaning = 'CT';
      s.contained = [{ ...containedEndpoint(), url: 'https://x' }];
      s.endpoint = [{ reference: '#ep' }];
    });
    expect(issuesOf(study)).toEqual([
      'error structure ImagingStudy.contained[0].url',
      'error structure ImagingStudy.modality[0].meaning',
      'error structure ImagingStudy.series[0].bodyPart',
      'error structure ImagingStudy.series[0].instance[1].frames',
      'error structure ImagingStudy.studyDate',
      'error structure ImagingStudy.subject.patientId',
    ]);
    expect(validator.validate(study).issue.map((i) => i.details?.text)).toContain(
      'Unknown field "bodyPart" in Series: remove it or check its spelling',
    );
  });

  it('allows _name beside primitives (checked as Element) but not beside complex elements', () => {
    const ext = { url: 'http://example.org/fhir/StructureDefinition/source', valueString: 'RIS' };
    const ok = studyWith((s) => {
      s._status = { id: 's1', extension: [ext] };
      s._started = { extension: [ext] };
    });
    expect(issuesOf(ok)).toEqual([]);
    const bad = studyWith((s) => {
      s._status = { extension: [{ url: 'http://example.org/x' }], color: 'red' };
      s._subject = { extension: [ext] };
    });
    expect(issuesOf(bad)).toEqual([
      'error invariant ImagingStudy.status.extension[0]',
      'error structure ImagingStudy._subject',
      'error structure ImagingStudy.status.color',
    ]);
  });

  it('accepts a primitive given only by its extension data, but not empty extension data', () => {
    const onlyExtension = studyWith((s) => {
      delete s.started;
      s._started = {
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }],
      };
    });
    expect(issuesOf(onlyExtension)).toEqual([]);
    const empty = studyWith((s) => {
      s._description = {};
      s._started = {};
    });
    expect(issuesOf(empty)).toEqual([
      'error invariant ImagingStudy.description',
      'error structure ImagingStudy.started',
    ]);
  });
});

describe('nulls, empty values and JSON types', () => {
  it('refuses nulls, empty strings, empty objects and empty lists', () => {
    const study = studyWith((s) => {
      s.description = null;
      s.referrer = {};
      s.note = [];
      at(s, 'series[0]').description = '';
      s.modality = [at(s, 'modality[0]'), null];
      s.location = { id: 'only-an-id' };
    });
    expect(issuesOf(study)).toEqual([
      'error invariant ImagingStudy.location',
      'error invariant ImagingStudy.referrer',
      'error structure ImagingStudy.description',
      'error structure ImagingStudy.modality[1]',
      'error structure ImagingStudy.note',
      'error value ImagingStudy.series[0].description',
    ]);
  });

  it('reports an empty required list as missing', () => {
    const study = studyWith((s) => {
      s.endpoint = [];
    });
    const [issue] = validator.validate(study).issue;
    expect(summary(issue ? [issue] : [])).toEqual(['error required ImagingStudy.endpoint']);
    expect(issue?.details?.text).toMatch(/^Endpoint is required: /);
  });

  it('refuses a list where one value belongs and a single value where a list belongs', () => {
    const study = studyWith((s) => {
      s.subject = [s.subject];
      s.modality = at(s, 'modality[0]');
      at(s, 'series[0]').instance = at(s, 'series[0].instance[0]');
      s.started = ['2024-05-01'];
    });
    expect(issuesOf(study)).toEqual([
      'error structure ImagingStudy.modality',
      'error structure ImagingStudy.series[0].instance',
      'error structure ImagingStudy.started',
      'error structure ImagingStudy.subject',
    ]);
  });

  it('refuses strings, numbers and booleans in each other’s place, and scalars for objects', () => {
    const study = studyWith((s) => {
      s.description = 12;
      s.numberOfSeries = '1';
      s.subject = 'Patient/p1';
      at(s, 'series[0]').modality = 'CT';
    });
    expect(issuesOf(study)).toEqual([
      'error structure ImagingStudy.description',
      'error structure ImagingStudy.numberOfSeries',
      'error structure ImagingStudy.series[0].modality',
      'error structure ImagingStudy.subject',
    ]);
  });

  it('accepts only one type of a choice element', () => {
    const study = studyWith((s) => {
      s.extension = [{ url: 'http://example.org/x', valueString: 'a', valueInteger: 1 }];
    });
    expect(issuesOf(study)).toEqual(['error structure ImagingStudy.extension[0].valueInteger']);
  });

  it('checks primitive arrays with their parallel _name arrays (nulls only as placeholders)', () => {
    const ext = { extension: [{ url: 'http://example.org/x', valueString: 'y' }] };
    const endpoint = (edit: (e: JsonObject) => void): string[] => {
      const e = containedEndpoint();
      edit(e);
      return summary(validateEndpoint(e).issue);
    };
    expect(endpoint((e) => Object.assign(e, { header: ['A: 1', null], _header: [null, ext] }))).toEqual([]);
    expect(endpoint((e) => Object.assign(e, { header: ['A: 1', null] }))).toEqual([
      'error structure Endpoint.header[1]',
    ]);
    expect(endpoint((e) => Object.assign(e, { header: ['A: 1'], _header: [null, ext] }))).toEqual([
      'error structure Endpoint.header',
    ]);
    expect(endpoint((e) => Object.assign(e, { header: ['A: 1', ''] }))).toEqual(['error value Endpoint.header[1]']);
    expect(endpoint((e) => Object.assign(e, { header: 'A: 1' }))).toEqual(['error structure Endpoint.header']);
  });
});

describe('inputs are read, never written', () => {
  const deepFreeze = <T>(value: T): T => {
    if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(deepFreeze);
      Object.freeze(value);
    }
    return value;
  };

  it('validates frozen resources (as immutable form state is) without changing them', () => {
    const study = studyWith((s) => {
      s.contained = [containedEndpoint()];
      s.endpoint = [{ reference: '#ep' }, { reference: '#missing' }];
      s.extension = [{ url: 'http://example.org/x', valueString: 'a', extension: [] }];
    });
    const before = JSON.stringify(study);
    deepFreeze(study);
    const issues = summary(validator.validate(study).issue);
    expect(issues).toContain('error invariant ImagingStudy.endpoint[1]');
    expect(validator.validateAt(study, 'ImagingStudy.endpoint[1]')).toHaveLength(1);
    expect(JSON.stringify(study)).toBe(before);
  });
});

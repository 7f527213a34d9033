import { describe, expect, it } from 'vitest';
import { imrValidator } from './index';
import { at, studyWith, summary } from './testing/fixtures';

const instances = (s: object): unknown[] => at(s, 'series[0].instance') as unknown as unknown[];
const series = (s: object): unknown[] => at(s, 'series') as unknown as unknown[];

const validator = imrValidator();
const SOP = { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' };
const CT = { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' };

describe('series and instance rows without a UID', () => {
  it('an empty instance row is one error at the row, naming it by its place', () => {
    const study = studyWith((s) => instances(s).push({}));
    const issues = validator.validate(study).issue.filter((i) => i.severity === 'error');
    expect(summary(issues)).toEqual(['error invariant ImagingStudy.series[0].instance[2]']);
    expect(issues[0]?.details?.text).toBe('Instance 3 has no UID: fill it in or remove the row');
  });

  it('a half-filled instance row is an error at its UID field', () => {
    const study = studyWith((s) => instances(s).push({ sopClass: SOP }));
    const issues = validator.validate(study).issue.filter((i) => i.severity === 'error');
    expect(summary(issues)).toEqual(['error required ImagingStudy.series[0].instance[2].uid']);
    expect(issues[0]?.details?.text).toMatch(/^SOP Instance UID is required/);
  });

  it('an empty series row is an error at the row; a half-filled one at its UID field', () => {
    const study = studyWith((s) => series(s).push({}, { modality: CT }));
    const issues = validator.validate(study).issue.filter((i) => i.severity === 'error');
    expect(summary(issues)).toEqual([
      'error invariant ImagingStudy.series[1]',
      'error required ImagingStudy.series[2].uid',
    ]);
    expect(issues.map((i) => i.details?.text)).toContain('Series 2 has no UID: fill it in or remove the row');
  });

  it('a row with its UID has no row error', () => {
    const study = studyWith((s) => instances(s).push({ uid: '1.2.826.0.1.3680043.8.498.1.1.3', sopClass: SOP }));
    expect(validator.validate(study).issue.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

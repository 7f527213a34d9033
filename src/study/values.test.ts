import { describe, expect, it } from 'vitest';
import { IMR_IMAGINGSTUDY_URL } from '../profile';
import { existingStudy, patient } from '../testing/fixtures';
import {
  ACCESSION_INDEX,
  changedFields,
  incrementalBuilder,
  prune,
  toFormValues,
  toResource,
  type StudyFormValues,
} from './values';

const options = { patient, profileUrl: IMR_IMAGINGSTUDY_URL };

describe('form values <-> ImagingStudy', () => {
  it('starts a new study as available, with an empty studyUID slice first', () => {
    expect(toFormValues(undefined)).toMatchObject({ status: 'available' });
    expect((toFormValues(undefined).identifier as unknown[])[0]).toEqual({ system: 'urn:dicom:uid' });
  });

  it('drops empty values but keeps 0, false and text as typed', () => {
    expect(prune({ a: '', b: [], c: {}, d: [{}], e: 0, f: false, g: ' x ', h: null })).toEqual({
      e: 0,
      f: false,
      g: ' x ',
    });
  });

  it('does not overwrite counts it cannot compute', () => {
    const study = { ...existingStudy(), series: [{ uid: '1.2', modality: { code: 'CT' } }], numberOfInstances: 7 };
    expect(toResource(toFormValues(study), options)).toMatchObject({ numberOfSeries: 1, numberOfInstances: 7 });
  });

  it('builds the same resource incrementally as in full after edits inside a series', () => {
    const values = toFormValues(existingStudy());
    const build = incrementalBuilder(options);
    expect(build(values)).toEqual(toResource(values, options));
    const series = (values.series as Record<string, unknown>[])[0] as Record<string, unknown>;
    series.description = 'edited';
    expect(build(values, ['series.0.description'])).toEqual(toResource(values, options));
    series.instance = [];
    expect(build(values, ['series.0.instance'])).toEqual(toResource(values, options));
    values.series = [];
    expect(build(values, ['series'])).toEqual(toResource(values, options));
  });

  describe('the accession number entry', () => {
    const ACSN = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] };
    const withAccession = (values: StudyFormValues, entry: Record<string, unknown>): StudyFormValues => {
      const identifier = [...(values.identifier as unknown[])];
      identifier[ACCESSION_INDEX] = entry;
      return { ...values, identifier };
    };

    it('has a place of its own after the Study Instance UID, and is not saved while empty', () => {
      const values = toFormValues(undefined);
      expect((values.identifier as unknown[])[ACCESSION_INDEX]).toEqual({ type: ACSN });
      expect(toResource(values, options).identifier).toEqual([{ system: 'urn:dicom:uid' }]);
    });

    it('is saved trimmed, with its system and type', () => {
      const values = withAccession(toFormValues(undefined), { type: ACSN, system: 'urn:x:acc', value: ' A-17 ' });
      expect(toResource(values, options).identifier?.[1]).toEqual({ type: ACSN, system: 'urn:x:acc', value: 'A-17' });
    });

    it('finds a stored accession number wherever it was, and drops it when cleared', () => {
      const stored = existingStudy();
      stored.identifier = [
        { type: ACSN, system: 'urn:x:acc', value: 'ACC-9' },
        { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' },
      ];
      const values = toFormValues(stored);
      expect(values.identifier).toEqual([
        { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' },
        { type: ACSN, system: 'urn:x:acc', value: 'ACC-9' },
      ]);
      const cleared = withAccession(values, { type: ACSN, system: 'urn:x:acc' });
      expect(toResource(cleared, options).identifier?.map((i) => i.value)).toEqual(['urn:oid:1.2.3']);
    });
  });
});

describe('changedFields', () => {
  it('names only the fields an order or import changed, not the untouched empty ones', () => {
    const before = toFormValues(undefined);
    const after = { ...before, basedOn: [{ reference: 'ServiceRequest/1' }], description: '' };
    // An empty string is no value: description did not change; modality, still empty, is not named either.
    expect(changedFields(before, after)).toEqual(['basedOn']);
  });
});

import { describe, expect, it } from 'vitest';
import { IMR_IMAGINGSTUDY_URL } from '../profile';
import { patient } from '../testing/fixtures';
import { existingStudy } from '../testing/fixtures';
import { incrementalBuilder, prune, toFormValues, toResource } from './values';

const options = { patient, profileUrl: IMR_IMAGINGSTUDY_URL };

describe('form values <-> ImagingStudy', () => {
  it('starts a new study as available, with an empty studyUID slice first', () => {
    expect(toFormValues(undefined)).toMatchObject({ status: 'available', identifier: [{ system: 'urn:dicom:uid' }] });
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
});

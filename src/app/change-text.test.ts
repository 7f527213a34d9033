import { describe, expect, it } from 'vitest';
import { changePlace, changeText, valueText } from './change-text';

describe('changePlace', () => {
  it('names study elements, series and instances in words', () => {
    expect(changePlace('ImagingStudy.description')).toBe('Description');
    expect(changePlace('ImagingStudy.numberOfInstances')).toBe('Number of instances');
    expect(changePlace('ImagingStudy.series[0].description')).toBe('Series 1: Series description');
    expect(changePlace('ImagingStudy.series[1].instance[2].sopClass')).toBe('Series 2, instance 3: SOP class');
    expect(changePlace('ImagingStudy.series[3]')).toBe('Series 4');
    expect(changePlace('ImagingStudy.modality[0].code')).toBe('Modality code');
  });
});

describe('changeText', () => {
  it('shows old and new values, and additions and removals', () => {
    expect(changeText({ path: 'ImagingStudy.description', before: 'CT chest', after: 'CT chest, contrast' })).toBe(
      'Description: “CT chest” → “CT chest, contrast”',
    );
    expect(changeText({ path: 'ImagingStudy.note', after: [{ text: 'Patient moved' }] })).toBe(
      'Note: added Patient moved',
    );
    expect(changeText({ path: 'ImagingStudy.series[0]', before: { uid: '1.2', modality: { code: 'CT' } } })).toBe(
      'Series 1: removed {"uid":"1.2","modality":{"code":"CT"}}',
    );
  });
});

describe('valueText', () => {
  it('shows codings by display and shortens long values', () => {
    expect(valueText({ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'MR', display: 'MRI' })).toBe(
      'MRI',
    );
    expect(valueText({ coding: [{ code: 'CT' }] })).toBe('CT');
    expect(valueText('x'.repeat(200))).toHaveLength(80);
  });
});

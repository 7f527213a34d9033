import { describe, expect, it } from 'vitest';
import { fieldLabel } from './fields';

describe('field labels for messages', () => {
  it('names IMR fields as the form does, by element id (slices included)', () => {
    expect(fieldLabel('ImagingStudy.identifier:studyUID.value', 'ImagingStudy.identifier[2].value')).toBe(
      'Study Instance UID',
    );
    expect(fieldLabel('ImagingStudy.series.instance.uid', 'ImagingStudy.series[1].instance[4].uid')).toBe(
      'SOP Instance UID',
    );
    expect(fieldLabel('ImagingStudy.subject', 'ImagingStudy.subject')).toBe('Subject');
    expect(fieldLabel('Endpoint.address', 'ImagingStudy.contained[0].address')).toBe('Endpoint address');
  });

  it('names other elements after their nearest labelled ancestor', () => {
    expect(fieldLabel('Reference.reference', 'ImagingStudy.subject.reference')).toBe('Subject reference');
    expect(fieldLabel('ImagingStudy.identifier:studyUID.use', 'ImagingStudy.identifier[0].use')).toBe(
      'Study Instance UID use',
    );
    expect(fieldLabel('Identifier.system', 'ImagingStudy.identifier[1].system')).toBe('Identifier system');
    expect(fieldLabel('ImagingStudy.meta', 'ImagingStudy.meta')).toBe('Meta');
    expect(fieldLabel('Meta.lastUpdated', 'ImagingStudy.meta.lastUpdated')).toBe('Meta last updated');
    expect(fieldLabel('Extension.value[x]', 'ImagingStudy.extension[0].valueBoolean')).toBe('Extension value');
  });
});

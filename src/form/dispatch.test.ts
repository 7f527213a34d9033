import { describe, expect, it } from 'vitest';
import { loadImrRegistry, IMR_IMAGINGSTUDY_URL, type ElementNode } from '../profile';
import { inputKindFor } from './dispatch';

function element(id: string): ElementNode {
  const node = loadImrRegistry().profiles.get(IMR_IMAGINGSTUDY_URL)?.byId.get(id);
  if (!node) throw new Error(`no ${id}`);
  return node;
}

describe('the datatype dispatcher', () => {
  it.each([
    ['ImagingStudy.identifier:studyUID', 'study-uid'],
    ['ImagingStudy.status', 'code'],
    ['ImagingStudy.modality', 'coding-list'],
    ['ImagingStudy.subject', 'patient-reference'],
    ['ImagingStudy.started', 'date-time'],
    ['ImagingStudy.endpoint', 'endpoint-references'],
    ['ImagingStudy.description', 'string'],
    ['ImagingStudy.procedureCode', 'order-concepts'],
    ['ImagingStudy.reasonCode', 'order-concepts'],
    ['ImagingStudy.referrer', 'practitioner-reference'],
    ['ImagingStudy.numberOfSeries', 'computed-count'],
    ['ImagingStudy.note', 'unsupported-list'],
    ['ImagingStudy.series', 'backbone-list'],
    ['ImagingStudy.series.uid', 'dicom-uid'],
    ['ImagingStudy.series.number', 'unsigned-int'],
    ['ImagingStudy.series.modality', 'coding'],
    ['ImagingStudy.series.bodySite', 'anatomic-region'],
    ['ImagingStudy.series.laterality', 'laterality'],
    ['ImagingStudy.series.started', 'date-time'],
    ['ImagingStudy.series.instance', 'backbone-list'],
    ['ImagingStudy.series.instance.sopClass', 'sop-class'],
    ['ImagingStudy.series.instance.title', 'string'],
  ])('%s -> %s', (id, kind) => {
    expect(inputKindFor(element(id))).toBe(kind);
  });

  it('decides array before datatype: a single Coding and a Coding list get different inputs', () => {
    const single = element('ImagingStudy.series.modality');
    expect(inputKindFor({ ...single, isArray: true, max: Infinity })).toBe('coding-list');
  });

  it('decides choice before datatype', () => {
    const description = element('ImagingStudy.description');
    expect(inputKindFor({ ...description, isChoice: true, name: 'value[x]' })).toBe('choice');
  });

  it('falls back to the backbone renderer for an unknown type with children', () => {
    const performer = element('ImagingStudy.series.performer');
    expect(
      inputKindFor({
        ...performer,
        isArray: false,
        max: 1,
        types: [{ code: 'Other', profiles: [], targetProfiles: [] }],
      }),
    ).toBe('backbone');
  });
});

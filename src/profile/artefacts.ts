/**
 * Shapes of the generated files in ./generated/ (written by tools/generate.ts, read by index.ts).
 */
import type { ValueSetModel } from './model';

/** The JSON representation of one FHIR primitive type (generated/primitives.json, by type code). */
export interface PrimitiveDefinitionJson {
  /** The R4 regex for the value, unanchored, as the spec gives it. */
  regex?: string;
  jsonType: 'string' | 'number' | 'boolean';
}

/** A bound value set the generator could not expand offline, and why. */
export interface NotExpandableJson {
  url: string;
  reason: string;
}

/** generated/valuesets.json */
export interface ValueSetArtefactJson {
  expansions: ValueSetModel[];
  notExpandable: NotExpandableJson[];
}

/** generated/datatypes.json */
export interface DatatypesArtefactJson {
  description: string;
  /** Compact StructureDefinitions (snapshot only) of base R4 complex datatypes. */
  structureDefinitions: unknown[];
}

/** Everything a ProfileRegistry is built from. */
export interface RegistryInput {
  /** Profile StructureDefinitions with snapshots (any JSON; checked when parsed). */
  profiles: unknown[];
  /** Base complex datatype StructureDefinitions with snapshots. */
  datatypes: unknown[];
  primitives: Record<string, PrimitiveDefinitionJson>;
  valueSets: ValueSetArtefactJson;
  resourceTypes: string[];
}

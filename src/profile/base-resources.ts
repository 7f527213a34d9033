/**
 * Base FHIR R4 resources beside the IMR profiles: Bundle, Endpoint, ImagingStudy, Provenance and
 * ServiceRequest as R4 defines them, with the datatypes and value sets they reach. Kept out of
 * ./index.ts so the app's bundle, which validates only the profiles, does not carry them; the CLI
 * and the tests import this module.
 */
import type { ValueSetArtefactJson } from './artefacts';
import baseJson from './generated/base-resources.json';
import { imrRegistryInput } from './index';
import { createRegistry, type ProfileRegistry } from './registry';
import type { RegistryInput } from './artefacts';

/** The canonical URL of the base R4 StructureDefinition of a resource type. */
export function baseDefinitionUrl(type: string): string {
  return `http://hl7.org/fhir/StructureDefinition/${type}`;
}

/** The resource types this module adds, as R4 defines them. */
export const BASE_RESOURCE_TYPES: readonly string[] = baseJson.structureDefinitions.map((sd) => sd.type);

/** The IMR registry input plus the base resources (a fresh copy each call). */
export function r4RegistryInput(): RegistryInput {
  const input = imrRegistryInput();
  const extra = structuredClone(baseJson);
  const valueSets = extra.valueSets as ValueSetArtefactJson;
  return {
    ...input,
    profiles: [...input.profiles, ...extra.structureDefinitions],
    datatypes: [...input.datatypes, ...extra.datatypes],
    valueSets: {
      expansions: [...input.valueSets.expansions, ...valueSets.expansions],
      notExpandable: [...input.valueSets.notExpandable, ...valueSets.notExpandable],
    },
  };
}

let registry: ProfileRegistry | undefined;

/** The IMR profiles and the base R4 resources in one registry (built once, then cached). */
export function loadR4Registry(): ProfileRegistry {
  registry ??= createRegistry(r4RegistryInput());
  return registry;
}

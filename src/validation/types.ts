import type { ElementNode, ProfileRegistry } from '../profile';
import type { WalkContext } from './context';
import type { JsonObject } from './json';

/** One step of a validateAt target: a property name and, for arrays, an item index. */
export interface Segment {
  name: string;
  index?: number;
}

/** Narrows a property check to one item (if `index` is set) and, below it, to the path `rest`. */
export interface Focus {
  index?: number;
  rest: readonly Segment[];
}

/** Validates one JSON value (an array item or a single property value) of one FHIR type. */
export interface ValueChecker {
  /** Full validation of the value and everything below it; `ext` is a primitive's `_name` sibling. */
  check(value: unknown, path: string, ctx: WalkContext, ext?: unknown): void;
  /**
   * Validation restricted to what can produce issues at or below `path` + `rest` (complex types
   * only): the caller filters the issues, so this may report more, never less.
   */
  navigate?(value: JsonObject, path: string, rest: readonly Segment[], ctx: WalkContext): void;
  /**
   * `check` of a single-valued leaf at `parent.key`, building that path only if it is needed (an
   * issue): most values are fine, and a study has tens of thousands of them.
   */
  checkLeaf?(value: unknown, parent: string, key: string, ctx: WalkContext, ext?: unknown): void;
}

/** Checks one property of an object (all its JSON keys: `name`, `_name`, or a choice's variants). */
export interface PropertyCheck {
  readonly node: ElementNode;
  /** Whether it owns more than one JSON key (a choice with several types): see checkProperties. */
  readonly isChoice: boolean;
  /** Whether an absent property must be reported (the element or one of its slices is required). */
  readonly isRequired: boolean;
  /** Whether any of its JSON keys is in `obj`. */
  isPresent(obj: JsonObject): boolean;
  check(obj: JsonObject, parentPath: string, ctx: WalkContext, focus?: Focus): void;
}

/** The properties a JSON object of one type may have. */
export interface ObjectType {
  /** By JSON key, including `_name` keys of primitives and each concrete key of a choice. */
  readonly props: ReadonlyMap<string, PropertyCheck>;
  /** In element order. */
  readonly list: readonly PropertyCheck[];
  /** The properties that must be reported when absent. */
  readonly required: readonly PropertyCheck[];
  /** Set for resources: `resourceType` is then an allowed key. */
  readonly resourceType?: string;
}

/** Builds (and caches) checkers from the registry's element models. */
export interface Compiler {
  readonly registry: ProfileRegistry;
  valueChecker(node: ElementNode, typeCode: string): ValueChecker;
  /** The checker of a whole resource against a profile, by canonical URL. */
  profileChecker(url: string): ValueChecker | undefined;
  /**
   * The checker for a resource of this type inside another (`root`): the profile an element of the
   * root's profile demands for it, else the base R4 definition if the registry has it, else none.
   */
  resourceChecker(resourceType: string, root?: ContainingResource): ValueChecker | undefined;
  /** The elements of a profile whose references demand one of the registry's profiles. */
  demands(profileUrl: string): readonly ProfileDemand[];
  /** The `Element` properties (id, extension) of a primitive's `_name` object. */
  elementPart(): ObjectType | undefined;
}

/** A resource holding a contained one, for choosing the contained resource's profile. */
export interface ContainingResource {
  /** The containing (root) resource. */
  resource: JsonObject;
  /** The profile the root is validated against. */
  profile: string | undefined;
  /** The contained resource's id. */
  id: unknown;
}

/** A Reference element of a profile that demands a profile of its target (IMR `endpoint` -> Imaging Study Endpoint). */
export interface ProfileDemand {
  /** The element's path below the resource, e.g. ['endpoint']. */
  segments: readonly string[];
  /** The demanded profile's canonical URL. */
  target: string;
  /** Its resource type. */
  type: string;
}

import { asStructureDefinition, type ElementDefinitionJson, type ElementDefinitionTypeJson } from './fhir-json';
import type {
  BindingStrength,
  ElementBinding,
  ElementConstraint,
  ElementNode,
  ElementSlicing,
  ElementType,
  ElementValueConstraint,
  ProfileModel,
  SlicingDiscriminator,
} from './model';

const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const FHIRPATH_SYSTEM_PREFIX = 'http://hl7.org/fhirpath/System.';

const BINDING_STRENGTHS: readonly BindingStrength[] = ['required', 'extensible', 'preferred', 'example'];
const DISCRIMINATOR_TYPES: readonly SlicingDiscriminator['type'][] = ['value', 'exists', 'pattern', 'type', 'profile'];
const SLICING_RULES: readonly ElementSlicing['rules'][] = ['closed', 'open', 'openAtEnd'];

/** Parses a max cardinality; `*` (and a missing value) mean unbounded. */
function parseMax(max: string | undefined): number {
  if (max === undefined || max === '*') return Infinity;
  const n = Number(max);
  return Number.isInteger(n) && n >= 0 ? n : Infinity;
}

function stripVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar === -1 ? canonical : canonical.slice(0, bar);
}

function includes<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/**
 * The FHIR type of an ElementDefinition.type. The `id`/`value` elements of R4 types carry a
 * FHIRPath system type as code and the FHIR type in an extension; the FHIR type is what JSON holds.
 */
function typeCode(type: ElementDefinitionTypeJson): string {
  if (!type.code.startsWith(FHIRPATH_SYSTEM_PREFIX)) return type.code;
  const ext = type.extension?.find((e) => e.url === FHIR_TYPE_EXTENSION);
  const value = ext?.valueUrl ?? ext?.valueUri;
  return typeof value === 'string' ? value : type.code;
}

function toTypes(types: ElementDefinitionTypeJson[] | undefined): ElementType[] {
  return (types ?? []).map((t) => ({
    code: typeCode(t),
    profiles: [...(t.profile ?? [])],
    targetProfiles: [...(t.targetProfile ?? [])],
  }));
}

function toBinding(binding: ElementDefinitionJson['binding']): ElementBinding | undefined {
  if (!binding || !includes(BINDING_STRENGTHS, binding.strength)) return undefined;
  const result: ElementBinding = { strength: binding.strength };
  if (binding.valueSet !== undefined) result.valueSet = stripVersion(binding.valueSet);
  if (binding.description !== undefined) result.description = binding.description;
  return result;
}

/** Finds `fixed[x]` or `pattern[x]` on an element: the property name tells the type. */
function valueConstraint(
  element: ElementDefinitionJson,
  prefix: 'fixed' | 'pattern',
): ElementValueConstraint | undefined {
  for (const [key, value] of Object.entries(element)) {
    if (key.length > prefix.length && key.startsWith(prefix) && /^[A-Z]/.test(key.slice(prefix.length))) {
      return { type: key.slice(prefix.length), value };
    }
  }
  return undefined;
}

function toConstraints(constraints: ElementDefinitionJson['constraint']): ElementConstraint[] {
  return (constraints ?? []).map((c) => {
    const result: ElementConstraint = {
      key: c.key,
      severity: c.severity === 'warning' ? 'warning' : 'error',
      human: c.human,
    };
    if (c.expression !== undefined) result.expression = c.expression;
    if (c.source !== undefined) result.source = c.source;
    return result;
  });
}

function toSlicing(slicing: ElementDefinitionJson['slicing']): ElementSlicing | undefined {
  if (!slicing) return undefined;
  const result: ElementSlicing = {
    discriminator: (slicing.discriminator ?? []).flatMap((d) =>
      includes(DISCRIMINATOR_TYPES, d.type) ? [{ type: d.type, path: d.path }] : [],
    ),
    rules: includes(SLICING_RULES, slicing.rules) ? slicing.rules : 'open',
    ordered: slicing.ordered ?? false,
  };
  if (slicing.description !== undefined) result.description = slicing.description;
  return result;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function parentPath(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? '' : path.slice(0, dot);
}

function toNode(element: ElementDefinitionJson, id: string, isRoot: boolean): ElementNode {
  const name = lastSegment(element.path);
  const max = parseMax(element.max);
  const node: ElementNode = {
    id,
    path: element.path,
    name,
    min: element.min ?? 0,
    max,
    // The JSON shape is fixed by the base resource: a profile narrowing 0..* to 0..1 keeps the array.
    isArray: !isRoot && parseMax(element.base?.max ?? element.max) > 1,
    isChoice: name.endsWith('[x]'),
    types: toTypes(element.type),
    mustSupport: element.mustSupport ?? false,
    isModifier: element.isModifier ?? false,
    isSummary: element.isSummary ?? false,
    constraints: toConstraints(element.constraint),
    conditions: [...(element.condition ?? [])],
    children: [],
    slices: [],
  };
  const optional = {
    sliceName: element.sliceName,
    binding: toBinding(element.binding),
    fixed: valueConstraint(element, 'fixed'),
    pattern: valueConstraint(element, 'pattern'),
    short: element.short,
    definition: element.definition,
    comment: element.comment,
    contentReference: element.contentReference?.replace(/^[^#]*#/, ''),
    slicing: toSlicing(element.slicing),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(node, { [key]: value });
  }
  return node;
}

/**
 * The slice a slice element belongs to: `a/b` reslices slice `a`; a plain name slices the
 * unsliced element. Searched top-down so the nearest (innermost) candidate wins.
 */
function findSliceOwner(stack: ElementNode[], path: string, sliceName: string): number {
  const slash = sliceName.lastIndexOf('/');
  const ownerName = slash === -1 ? undefined : sliceName.slice(0, slash);
  for (let i = stack.length - 1; i >= 0; i--) {
    const candidate = stack[i];
    if (candidate === undefined || candidate.path !== path) continue;
    if (candidate.sliceName === ownerName) return i;
  }
  return -1;
}

/**
 * Parses a StructureDefinition snapshot (profile, resource or datatype) into the element tree.
 *
 * Walks the snapshot in order with a stack of open elements, so it relies only on paths and
 * slice names (not on how element ids are spelled): children follow their parent, slices follow
 * the element they slice, and a slice's own children follow the slice.
 */
export function buildProfileModel(json: unknown): ProfileModel {
  const sd = asStructureDefinition(json);
  const [first, ...rest] = sd.snapshot.element;
  if (first === undefined) throw new Error(`StructureDefinition ${sd.url} has an empty snapshot`);
  const root = toNode(first, first.id ?? first.path, true);
  const byId = new Map<string, ElementNode>([[root.id, root]]);
  const stack: ElementNode[] = [root];

  for (const element of rest) {
    const ownerIndex = element.sliceName === undefined ? -1 : findSliceOwner(stack, element.path, element.sliceName);
    const owner = stack[ownerIndex];
    // A slice without its sliced element before it (seen in some published R4 examples) falls
    // through and is modelled as a plain child: its JSON property exists either way.
    if (element.sliceName !== undefined && owner !== undefined) {
      const node = toNode(element, element.id ?? `${owner.id}:${element.sliceName}`, false);
      owner.slices.push(node);
      stack.length = ownerIndex + 1;
      stack.push(node);
      byId.set(node.id, node);
      continue;
    }
    const expectedParent = parentPath(element.path);
    while (stack.length > 0 && stack[stack.length - 1]?.path !== expectedParent) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      throw new Error(`${sd.url}: element ${element.path} appears before its parent ${expectedParent}`);
    }
    const fallbackId = `${parent.id}.${lastSegment(element.path)}${element.sliceName ? `:${element.sliceName}` : ''}`;
    const node = toNode(element, element.id ?? fallbackId, false);
    parent.children.push(node);
    stack.push(node);
    byId.set(node.id, node);
  }

  const model: ProfileModel = { url: sd.url, name: sd.name, type: sd.type, root, byId };
  if (sd.version !== undefined) model.version = sd.version;
  if (sd.title !== undefined) model.title = sd.title;
  return model;
}

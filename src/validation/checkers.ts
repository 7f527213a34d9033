import type { ElementNode } from '../profile';
import { type BindingCheck } from './bindings';
import { containedContext, type WalkContext } from './context';
import type { HookSpec } from './dicom';
import { type Invariant, hasContent } from './invariants';
import { childPath } from './issues';
import { deepContains, deepEqual, isRecord, jsonKind, JsonNumber, type JsonObject, preview } from './json';
import { fieldLabel } from '../profile/fields';
import type { PrimitiveCheck } from './primitives';
import type { ReferenceCheck } from './references';
import type { RowRule } from './rows';
import type { Compiler, ObjectType, PropertyCheck, Segment, ValueChecker } from './types';

/** The per-element rules that do not depend on the value's children. */
export interface ElementRules {
  node: ElementNode;
  binding?: BindingCheck;
  reference?: ReferenceCheck;
  invariants: Invariant[];
  /** Whether ele-1 applies (every element but a resource root). */
  ele1: boolean;
  /** Whether there is a fixed/pattern value, a binding or a reference check (skipped otherwise). */
  hasRules: boolean;
  /** A list row's own rule (a series or instance needs its UID, see ./rows.ts). */
  row?: RowRule;
}

function checkFixedAndPattern(node: ElementNode, value: unknown, path: string, ctx: WalkContext) {
  if (node.fixed !== undefined && !deepEqual(value, node.fixed.value)) {
    ctx.report('error', 'value', path, `${fieldLabel(node.id, path)} must be exactly ${preview(node.fixed.value)}`);
  } else if (node.pattern !== undefined && !deepContains(value, node.pattern.value)) {
    ctx.report('error', 'value', path, `${fieldLabel(node.id, path)} must be ${preview(node.pattern.value)}`);
  }
}

function checkInvariants(rules: ElementRules, value: unknown, path: string, ctx: WalkContext) {
  for (const inv of rules.invariants) {
    if (inv.severity === 'information' && !ctx.bestPractice) continue;
    if (inv.holds(value, ctx) !== false) continue;
    const label = () => fieldLabel(rules.node.id, path);
    const text = invariantMessage(inv, value, label);
    ctx.report(inv.severity, 'invariant', path, text, `${inv.keys.join(', ')}: ${inv.expression}`);
  }
}

/** Plain-words messages for the invariants a study can break; others fall back to the spec's text. */
function invariantMessage(inv: Invariant, value: unknown, label: () => string): string {
  switch (inv.keys[0]) {
    case 'ref-1': {
      const reference = isRecord(value) ? preview(value.reference) : '';
      return `${label()} points to "${reference}", but there is no contained resource with that id`;
    }
    case 'ext-1':
      return `${label()} must have either a value or nested extensions, not both and not neither`;
    case 'per-1':
      return `${label()} starts after it ends: the start must not be later than the end`;
    case 'dom-2':
      return 'A contained resource must not contain other resources';
    case 'dom-3':
      return 'Every contained resource must be referred to from elsewhere in the study (e.g. as its endpoint or patient)';
    case 'dom-4':
      return 'A contained resource must not have a version id or a last-updated time';
    case 'dom-5':
      return 'A contained resource must not have security labels';
    default:
      return `${label()}: ${inv.human}`;
  }
}

/** A primitive value (string, number or boolean in JSON) and its optional `_name` extension data. */
export class PrimitiveChecker implements ValueChecker {
  constructor(
    private readonly rules: ElementRules,
    private readonly primitive: PrimitiveCheck,
    private readonly compiler: Compiler,
    private readonly hook: HookSpec | undefined,
  ) {}

  check(value: unknown, path: string, ctx: WalkContext, ext?: unknown): void {
    this.run(value, path, undefined, ctx, ext);
  }

  checkLeaf(value: unknown, parent: string, key: string, ctx: WalkContext, ext?: unknown): void {
    this.run(value, parent, key, ctx, ext);
  }

  /** The checks of the value at `childPath(prefix, key)`. */
  private run(raw: unknown, prefix: string, key: string | undefined, ctx: WalkContext, ext: unknown): void {
    const { node, binding, invariants } = this.rules;
    if (raw !== undefined) {
      const problem = this.primitive(raw);
      // A number read with its text has been judged on it; the other rules see the number.
      const value = typeof raw === 'object' && raw instanceof JsonNumber ? raw.value : raw;
      if (problem !== undefined) {
        const path = childPath(prefix, key);
        const text = problem.message(fieldLabel(node.id, path));
        ctx.report(problem.severity, problem.code, path, text, problem.diagnostics);
      }
      // A value that only breaks a SHOULD is still a value of its type: its other rules apply.
      const wellFormed = problem === undefined || problem.severity !== 'error';
      if (wellFormed && (node.fixed !== undefined || node.pattern !== undefined || binding !== undefined)) {
        const path = childPath(prefix, key);
        checkFixedAndPattern(node, value, path, ctx);
        binding?.(value, path, node.id, ctx);
      }
      if (this.hook !== undefined) this.hook.hook(value, prefix, key, node.id, ctx, wellFormed);
      if (invariants.length > 0) checkInvariants(this.rules, value, childPath(prefix, key), ctx);
    }
    if (ext !== undefined) this.checkExtensionData(ext, raw !== undefined, childPath(prefix, key), ctx);
  }

  /** `_name`: the primitive's id and extensions, reported under the primitive's own path. */
  private checkExtensionData(ext: unknown, hasValue: boolean, path: string, ctx: WalkContext) {
    const label = fieldLabel(this.rules.node.id, path);
    if (!isRecord(ext)) {
      ctx.report('error', 'structure', path, `${label} has extension data that is ${jsonKind(ext)}, not an object`);
      return;
    }
    // R4 (JSON, primitive elements): `_name` carries the element's id and/or extensions. With a value
    // beside it, an id alone is enough; without one, ele-1 needs an extension.
    if (!hasContent(ext) && !(hasValue && ext.id !== undefined && ext.id !== null)) {
      const text = hasValue
        ? `${label} has empty extension data: remove it`
        : `${label} is empty: give a value or an extension, or remove it`;
      ctx.report('error', hasValue ? 'structure' : 'invariant', path, text, hasValue ? undefined : 'ele-1');
      return;
    }
    let data = ext;
    if (ext.value !== undefined) {
      const key = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
      const text = `${label} has a "value" inside its extension data (_${key}): the value belongs in "${key}" itself`;
      ctx.report('error', 'structure', path, text);
      const { value: _value, ...rest } = ext;
      data = rest;
    }
    const part = this.compiler.elementPart();
    if (part !== undefined) checkProperties(part, data, path, ctx, false);
  }
}

/**
 * Each property of `obj`, driven by its keys (objects carry few of the many allowed properties):
 * unknown keys are reported, each present property is checked once (a primitive's `_name` is
 * checked with `name`, a choice once for all its keys), then absent required properties are reported.
 *
 * Returns whether `obj` has content besides its id (ele-1, see `hasContent`, computed in the same
 * pass). With `requireContent`, an object without content gets no "missing" reports: it is the
 * caller's single ele-1 issue.
 */
export function checkProperties(
  type: ObjectType,
  obj: JsonObject,
  path: string,
  ctx: WalkContext,
  requireContent: boolean,
): boolean {
  const { props, required } = type;
  let choicesSeen: Set<PropertyCheck> | undefined;
  let content = false;
  for (const key in obj) {
    if (!content && key !== 'id') {
      const v = obj[key];
      content = v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
    }
    const prop = props.get(key);
    if (prop === undefined) {
      if (!(key === 'resourceType' && type.resourceType !== undefined)) reportUnknown(key, path, ctx, type);
      continue;
    }
    if (prop.isChoice) {
      choicesSeen ??= new Set();
      if (choicesSeen.has(prop)) continue;
      choicesSeen.add(prop);
    } else if (key.charCodeAt(0) === 95 /* _ */ && obj[key.slice(1)] !== undefined) {
      continue; // checked with its value
    }
    prop.check(obj, path, ctx);
  }
  if (requireContent && !content) return false;
  for (let i = 0; i < required.length; i++) {
    const prop = required[i];
    if (prop !== undefined && !prop.isPresent(obj)) prop.check(obj, path, ctx);
  }
  return content;
}

function reportUnknown(key: string, path: string, ctx: WalkContext, type?: ObjectType): void {
  const where = fieldLabel('', path);
  const named = key.charCodeAt(0) === 95 /* _ */ ? type?.props.get(key.slice(1)) : undefined;
  if (named !== undefined) {
    // R4 (JSON): only primitive elements have a `_name` sibling; complex ones hold id and extension inside.
    const name = key.slice(1);
    const text = `"${preview(key, 40)}" in ${where}: ${name} is not a primitive value, so its id and extensions go inside "${preview(name, 40)}" itself`;
    ctx.report('error', 'structure', `${path}.${key}`, text);
    return;
  }
  ctx.report(
    'error',
    'structure',
    `${path}.${key}`,
    `Unknown field "${preview(key, 40)}" in ${where}: remove it or check its spelling`,
  );
}

/** An object-valued element (datatype, backbone element or resource) and everything below it. */
export class ComplexChecker implements ValueChecker {
  constructor(
    private readonly rules: ElementRules,
    private readonly type: ObjectType,
  ) {}

  check(value: unknown, path: string, ctx: WalkContext): void {
    const { rules } = this;
    if (!isRecord(value)) {
      const text = `${fieldLabel(rules.node.id, path)} must be an object ({ ... }), not ${jsonKind(value)}`;
      ctx.report('error', 'structure', path, text);
      return;
    }
    if (!checkProperties(this.type, value, path, ctx, rules.ele1) && rules.ele1) {
      // An empty row of a list the user fills in: its own message, naming the row.
      if (rules.row !== undefined) {
        rules.row(path, ctx);
        return;
      }
      const text = `${fieldLabel(rules.node.id, path)} is empty: fill it in or remove it`;
      ctx.report('error', 'invariant', path, text, 'ele-1');
      return;
    }
    if (rules.hasRules) this.checkRules(value, path, ctx);
    if (rules.invariants.length > 0) checkInvariants(rules, value, path, ctx);
  }

  navigate(value: JsonObject, path: string, rest: readonly Segment[], ctx: WalkContext): void {
    const [segment, ...below] = rest;
    if (segment === undefined) {
      this.check(value, path, ctx);
      return;
    }
    // The same steps as `check`, for one property; invariants are skipped (always reported at `path`).
    const content = !this.rules.ele1 || hasContent(value);
    const prop = this.type.props.get(segment.name);
    if (prop === undefined) {
      if (value[segment.name] !== undefined && !(segment.name === 'resourceType' && this.type.resourceType)) {
        reportUnknown(segment.name, path, ctx, this.type);
      }
    } else if (content || prop.isPresent(value)) {
      const focus = segment.index === undefined ? { rest: below } : { index: segment.index, rest: below };
      prop.check(value, path, ctx, focus);
    }
    // Issues of these rules may lie below `path` (a CodeableConcept's coding).
    if (content && this.rules.hasRules) this.checkRules(value, path, ctx);
  }

  private checkRules(value: JsonObject, path: string, ctx: WalkContext): void {
    const { node, binding, reference } = this.rules;
    checkFixedAndPattern(node, value, path, ctx);
    binding?.(value, path, node.id, ctx);
    reference?.(value, path, node.id, ctx);
  }
}

/** A datatype the registry has no model for (e.g. an extension's valueQuantity): only its JSON shape. */
export class OpaqueChecker implements ValueChecker {
  constructor(private readonly node: ElementNode) {}

  check(value: unknown, path: string, ctx: WalkContext): void {
    const label = fieldLabel(this.node.id, path);
    if (!isRecord(value))
      ctx.report('error', 'structure', path, `${label} must be an object ({ ... }), not ${jsonKind(value)}`);
    else if (!hasContent(value))
      ctx.report('error', 'invariant', path, `${label} is empty: fill it in or remove it`, 'ele-1');
  }
}

/**
 * A resource inside a resource. In `contained`: its resourceType, then the profile the root's
 * profile demands for it (a contained Endpoint that `ImagingStudy.endpoint` refers to meets the
 * Imaging Study Endpoint profile), else its base R4 definition if the registry has one, else only
 * its type. Elsewhere (`Bundle.entry.resource`, `Bundle.entry.response.outcome`) only its type: a
 * Bundle's entries are validated each as a resource of its own (see ./resources.ts).
 */
export class ContainedChecker implements ValueChecker {
  private readonly contained: boolean;

  constructor(
    private readonly node: ElementNode,
    private readonly compiler: Compiler,
  ) {
    this.contained = node.path.endsWith('.contained');
  }

  private resolve(value: unknown, path: string, ctx: WalkContext): ValueChecker | undefined {
    const label = fieldLabel(this.node.id, path);
    if (!isRecord(value)) {
      ctx.report('error', 'structure', path, `${label} must be a resource object, not ${jsonKind(value)}`);
      return undefined;
    }
    const type = value.resourceType;
    if (typeof type !== 'string') {
      ctx.report('error', 'required', `${path}.resourceType`, `${label} needs a resourceType (e.g. Endpoint)`);
      return undefined;
    }
    if (!this.compiler.registry.resourceTypes.has(type)) {
      ctx.report(
        'error',
        'invalid',
        `${path}.resourceType`,
        `${label} type "${preview(type)}" is not a FHIR resource type`,
      );
      return undefined;
    }
    if (!this.contained) return undefined;
    const root = { resource: ctx.rootResource, profile: ctx.rootProfile, id: value.id };
    return this.compiler.resourceChecker(type, root);
  }

  check(value: unknown, path: string, ctx: WalkContext): void {
    const checker = this.resolve(value, path, ctx);
    if (checker !== undefined && isRecord(value)) checker.check(value, path, containedContext(ctx, value));
  }

  navigate(value: JsonObject, path: string, rest: readonly Segment[], ctx: WalkContext): void {
    const checker = this.resolve(value, path, ctx);
    if (checker === undefined) return;
    const inner = containedContext(ctx, value);
    if (checker.navigate !== undefined) checker.navigate(value, path, rest, inner);
    else checker.check(value, path, inner);
  }
}

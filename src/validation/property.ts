import type { ElementNode } from '../profile';
import type { WalkContext } from './context';
import { isRecord, jsonKind, type JsonObject } from './json';
import { fieldHint, fieldLabel } from '../profile/fields';
import { compileSlicing, type SliceMatcher } from './slicing';
import type { Compiler, Focus, PropertyCheck, ValueChecker } from './types';
import { plural } from '../kernel/text';

/** One concrete JSON key of an element: its name and FHIR type (a choice element has several). */
interface Variant {
  key: string;
  type: string;
  primitive: boolean;
  /** `_key`, for primitives. */
  extKey: string | undefined;
  /** Built on first use (building eagerly would recurse forever through Extension.extension). */
  checker?: ValueChecker;
}

const NONE: readonly unknown[] = [];
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The concrete keys of `node`, with `typeOverride` replacing the declared type (R4's Resource.id quirk). */
export function variantsOf(node: ElementNode, compiler: Compiler, typeOverride?: string): Variant[] {
  const variant = (key: string, type: string): Variant => {
    const primitive = compiler.registry.primitives.has(type);
    return { key, type, primitive, extKey: primitive ? `_${key}` : undefined };
  };
  if (node.isChoice) {
    const stem = node.name.slice(0, -'[x]'.length);
    return node.types.map((t) => variant(stem + upperFirst(t.code), t.code));
  }
  return [variant(node.name, typeOverride ?? node.types[0]?.code ?? 'BackboneElement')];
}

interface Present {
  variant: Variant;
  value: unknown;
  ext: unknown;
}

/**
 * The checks of one property of an object: presence and cardinality (including slices), the JSON
 * shape (list or single value, no nulls, no empty lists), then each value by its type's checker.
 *
 * Issue placement: a missing element, a missing slice and "too many" are reported at the property
 * (`ImagingStudy.identifier`); a bad item at the item (`ImagingStudy.modality[1]`); a primitive's
 * `_name` extension data at the primitive's own path.
 */
export class PropertyChecker implements PropertyCheck {
  readonly variants: Variant[];
  readonly isChoice: boolean;
  readonly isRequired: boolean;
  private readonly single: Variant | undefined;
  /** What to report when the property is absent: its required slices, or itself if required. */
  private readonly required: ElementNode[];
  private readonly slicing: SliceMatcher | undefined;
  private readonly sliceCheckers = new Map<number, ValueChecker>();

  constructor(
    readonly node: ElementNode,
    private readonly compiler: Compiler,
    typeOverride?: string,
  ) {
    this.variants = variantsOf(node, compiler, typeOverride);
    this.single = this.variants.length === 1 ? this.variants[0] : undefined;
    this.slicing = node.isArray ? compileSlicing(node) : undefined;
    // A missing property with required slices: name the slice (what the user must add), not the list.
    const requiredSlices = this.slicing?.slices.filter((slice) => slice.min > 0) ?? [];
    this.required = requiredSlices.length > 0 ? requiredSlices : node.min > 0 ? [node] : [];
    this.isChoice = this.variants.length > 1;
    this.isRequired = this.required.length > 0;
  }

  isPresent(obj: JsonObject): boolean {
    const single = this.single;
    if (single !== undefined) {
      return obj[single.key] !== undefined || (single.extKey !== undefined && obj[single.extKey] !== undefined);
    }
    for (const v of this.variants) {
      if (obj[v.key] !== undefined || (v.extKey !== undefined && obj[v.extKey] !== undefined)) return true;
    }
    return false;
  }

  /** All JSON keys this property owns. */
  keys(): string[] {
    return this.variants.flatMap((v) => (v.extKey === undefined ? [v.key] : [v.key, v.extKey]));
  }

  private checkerFor(variant: Variant): ValueChecker {
    return (variant.checker ??= this.compiler.valueChecker(this.node, variant.type));
  }

  private sliceChecker(index: number, variant: Variant): ValueChecker {
    let checker = this.sliceCheckers.get(index);
    if (checker === undefined) {
      const slice = this.slicing?.slices[index];
      checker = slice === undefined ? this.checkerFor(variant) : this.compiler.valueChecker(slice, variant.type);
      this.sliceCheckers.set(index, checker);
    }
    return checker;
  }

  check(obj: JsonObject, parentPath: string, ctx: WalkContext, focus?: Focus): void {
    const single = this.single;
    if (single !== undefined) {
      // The common case, kept free of allocations: one JSON key (and its `_key`).
      const value = obj[single.key];
      const ext = single.extKey === undefined ? undefined : obj[single.extKey];
      if (value === undefined && ext === undefined) {
        if (this.required.length > 0) this.reportMissing(parentPath, ctx);
      } else if (this.node.isArray) this.checkList(single, value, ext, `${parentPath}.${single.key}`, ctx, focus);
      else if (single.primitive && (focus === undefined || focus.rest.length === 0)) {
        this.checkLeaf(single, value, ext, parentPath, ctx);
      } else this.checkSingle(single, value, ext, `${parentPath}.${single.key}`, ctx, focus);
      return;
    }
    const present: Present[] = [];
    for (const variant of this.variants) {
      const value = obj[variant.key];
      const ext = variant.extKey === undefined ? undefined : obj[variant.extKey];
      if (value !== undefined || ext !== undefined) present.push({ variant, value, ext });
    }
    if (present.length === 0) {
      this.reportMissing(parentPath, ctx);
      return;
    }
    if (present.length > 1) {
      // The first one written is kept; the later ones are the extra values.
      const order = Object.keys(obj);
      present.sort((a, b) => order.indexOf(a.variant.key) - order.indexOf(b.variant.key));
    }
    const [first, ...others] = present;
    for (const other of others) {
      ctx.report(
        'error',
        'structure',
        `${parentPath}.${other.variant.key}`,
        `${this.label(parentPath)} may have only one value: remove ${other.variant.key} or ${first?.variant.key}`,
      );
    }
    for (const { variant, value, ext } of present) {
      const path = `${parentPath}.${variant.key}`;
      if (this.node.isArray) this.checkList(variant, value, ext, path, ctx, focus);
      else this.checkSingle(variant, value, ext, path, ctx, focus);
    }
  }

  private labelAt(path: string): string {
    return fieldLabel(this.node.id, path);
  }

  private label(parentPath: string, node: ElementNode = this.node): string {
    return fieldLabel(node.id, `${parentPath}.${node.name.replace(/\[x\]$/, '')}`);
  }

  private reportMissing(parentPath: string, ctx: WalkContext): void {
    const path = `${parentPath}.${this.node.name.replace(/\[x\]$/, '')}`;
    for (const node of this.required) {
      const hint = fieldHint(node.id);
      const text = `${this.label(parentPath, node)} is required${hint === undefined ? '' : `: ${hint}`}`;
      ctx.report('error', 'required', path, text);
    }
  }

  /** A single primitive: as checkSingle, but its path is only built if something is reported. */
  private checkLeaf(variant: Variant, value: unknown, ext: unknown, parentPath: string, ctx: WalkContext): void {
    const checker = this.checkerFor(variant);
    const wellShaped = !Array.isArray(value) && !Array.isArray(ext) && value !== null && ext !== null;
    if (wellShaped && this.node.max !== 0 && checker.checkLeaf !== undefined) {
      checker.checkLeaf(value, parentPath, variant.key, ctx, ext);
    } else {
      this.checkSingle(variant, value, ext, `${parentPath}.${variant.key}`, ctx, undefined);
    }
  }

  private checkSingle(
    variant: Variant,
    value: unknown,
    ext: unknown,
    path: string,
    ctx: WalkContext,
    focus: Focus | undefined,
  ): void {
    if (Array.isArray(value) || Array.isArray(ext)) {
      ctx.report('error', 'structure', path, `${this.labelAt(path)} must be a single value, not a list`);
      return;
    }
    if (this.node.max === 0) {
      ctx.report('error', 'structure', path, `${this.labelAt(path)} must not be given here`);
      return;
    }
    // JSON nulls only hold places in primitive arrays; a single value is left out instead.
    if (value === null || ext === null) {
      ctx.report('error', 'structure', path, `${this.labelAt(path)} must not be null: give a value or leave it out`);
      return;
    }
    this.checkValue(this.checkerFor(variant), value, ext, path, ctx, focus);
  }

  private checkValue(
    checker: ValueChecker,
    value: unknown,
    ext: unknown,
    path: string,
    ctx: WalkContext,
    focus: Focus | undefined,
  ): void {
    if (focus !== undefined && focus.rest.length > 0 && checker.navigate !== undefined && isRecord(value)) {
      checker.navigate(value, path, focus.rest, ctx);
    } else {
      checker.check(value, path, ctx, ext);
    }
  }

  private checkList(
    variant: Variant,
    value: unknown,
    ext: unknown,
    path: string,
    ctx: WalkContext,
    focus: Focus | undefined,
  ): void {
    if ((value !== undefined && !Array.isArray(value)) || (ext !== undefined && !Array.isArray(ext))) {
      const found = Array.isArray(value) ? jsonKind(ext) : jsonKind(value);
      ctx.report('error', 'structure', path, `${this.labelAt(path)} must be a list ([ ... ]), not ${found}`);
      return;
    }
    const values: readonly unknown[] = value ?? NONE;
    const exts: readonly unknown[] = ext ?? NONE;
    const length = Math.max(values.length, exts.length);
    if (length === 0) {
      if (this.node.min > 0) this.reportMissing(path.slice(0, path.lastIndexOf('.')), ctx);
      else
        ctx.report(
          'error',
          'structure',
          path,
          `${this.labelAt(path)} must not be an empty list: remove it or add an entry`,
        );
      return;
    }
    if (value !== undefined && ext !== undefined && values.length !== exts.length) {
      ctx.report(
        'error',
        'structure',
        path,
        `${this.labelAt(path)} has ${plural(values.length, 'value', 'values')} but ${plural(exts.length, 'entry', 'entries')} of extension data: the two lists must line up, with null where one side has nothing`,
      );
    }
    if (length < this.node.min) {
      ctx.report(
        'error',
        'required',
        path,
        `${this.labelAt(path)} needs at least ${plural(this.node.min, 'entry', 'entries')}`,
      );
    }
    if (length > this.node.max) {
      const text =
        this.node.max === 0
          ? `${this.labelAt(path)} must not be given here`
          : `${this.labelAt(path)} may have at most ${plural(this.node.max, 'entry', 'entries')} (found ${length})`;
      ctx.report('error', 'structure', path, text);
    }
    const membership = this.slicing === undefined ? undefined : values.map((v) => this.slicing?.match(v) ?? -1);
    const only = focus?.index;
    const start = only ?? 0;
    const end = only === undefined ? length : Math.min(only + 1, length);
    for (let i = start; i < end; i++) {
      const item = values[i];
      const itemExt = exts[i];
      const itemPath = `${path}[${i}]`;
      if ((item === undefined || item === null) && (itemExt === undefined || itemExt === null)) {
        ctx.report('error', 'structure', itemPath, `${this.labelAt(path)} must not have empty (null) entries`);
        continue;
      }
      const slice = membership?.[i] ?? -1;
      if (membership !== undefined && slice === -1)
        this.checkUnsliced(membership, i, itemPath, this.labelAt(path), ctx);
      const checker = slice === -1 ? this.checkerFor(variant) : this.sliceChecker(slice, variant);
      ctx.indices.push(i);
      this.checkValue(checker, item ?? undefined, itemExt ?? undefined, itemPath, ctx, focus);
      ctx.indices.pop();
    }
    if (membership !== undefined) this.checkSliceCounts(membership, path, ctx);
  }

  /** Closed slicing admits no other items; openAtEnd only after the slices. */
  private checkUnsliced(membership: number[], i: number, itemPath: string, label: string, ctx: WalkContext): void {
    const rules = this.node.slicing?.rules;
    if (rules === 'closed') {
      ctx.report('error', 'structure', itemPath, `${label} entry ${i + 1} does not match any of the allowed kinds`);
    } else if (rules === 'openAtEnd' && membership.slice(i + 1).some((m) => m !== -1)) {
      ctx.report('error', 'structure', itemPath, `${label} entry ${i + 1} must come after the defined entries`);
    }
  }

  private checkSliceCounts(membership: number[], path: string, ctx: WalkContext): void {
    const parentPath = path.slice(0, path.lastIndexOf('.'));
    this.slicing?.slices.forEach((slice, index) => {
      const count = membership.filter((m) => m === index).length;
      const sliceLabel = this.label(parentPath, slice);
      if (count < slice.min) {
        const hint = fieldHint(slice.id);
        ctx.report('error', 'required', path, `${sliceLabel} is required${hint === undefined ? '' : `: ${hint}`}`);
      } else if (count > slice.max) {
        ctx.report(
          'error',
          'structure',
          path,
          `${sliceLabel} may be given at most ${plural(slice.max, 'time', 'times')} (found ${count})`,
        );
      }
    });
  }
}

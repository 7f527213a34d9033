import type { ElementBinding, ValueSetModel } from '../profile';
import type { WalkContext } from './context';
import { isRecord, preview } from './json';
import { fieldLabel } from '../profile/fields';

/** Checks a bound value at `path` of element `elementId` (which names the field in messages). */
export type BindingCheck = (value: unknown, path: string, elementId: string, ctx: WalkContext) => void;

interface ValueSetIndex {
  title: string;
  bySystem: Map<string, Set<string>>;
  codes: Set<string>;
  /** The allowed codes for messages ("available, cancelled, ..."), shortened when long. */
  listing: string;
}

function indexValueSet(vs: ValueSetModel): ValueSetIndex {
  const bySystem = new Map<string, Set<string>>();
  const codes = new Set<string>();
  for (const c of vs.concepts) {
    let set = bySystem.get(c.system);
    if (set === undefined) bySystem.set(c.system, (set = new Set()));
    set.add(c.code);
    codes.add(c.code);
  }
  const shown = vs.concepts.slice(0, 8).map((c) => (c.display ? `${c.code} (${c.display})` : c.code));
  const listing = shown.join(', ') + (vs.concepts.length > shown.length ? ', …' : '');
  return { title: vs.title ?? vs.name ?? vs.url, bySystem, codes, listing };
}

function inValueSet(index: ValueSetIndex, coding: unknown): boolean {
  if (!isRecord(coding) || typeof coding.system !== 'string' || typeof coding.code !== 'string') return false;
  return index.bySystem.get(coding.system)?.has(coding.code) === true;
}

/** An extensible binding is broken by a code from one of the value set's own systems that it does not list. */
function unlistedCodeOfBoundSystem(index: ValueSetIndex, coding: unknown): coding is { system: string; code: string } {
  return (
    isRecord(coding) &&
    typeof coding.system === 'string' &&
    typeof coding.code === 'string' &&
    index.bySystem.has(coding.system) &&
    !inValueSet(index, coding)
  );
}

function codingCheck(index: ValueSetIndex, required: boolean): BindingCheck {
  return (value, path, elementId, ctx) => {
    if (!isRecord(value) || inValueSet(index, value)) return;
    if (required) {
      const { system, code } = value;
      const why =
        typeof code !== 'string'
          ? 'has no code'
          : typeof system !== 'string'
            ? `"${preview(code)}" has no code system`
            : index.bySystem.has(system)
              ? `"${preview(code)}" is not an allowed code`
              : `"${preview(code)}" is from ${preview(system)}, which is not an allowed code system`;
      ctx.report(
        'error',
        'code-invalid',
        path,
        `${fieldLabel(elementId, path)} ${why}: use one of ${index.listing} (${index.title})`,
      );
    } else if (unlistedCodeOfBoundSystem(index, value)) {
      ctx.report(
        'warning',
        'code-invalid',
        path,
        `${fieldLabel(elementId, path)} "${preview(value.code)}" is not in ${index.title}: check it, or use a listed code such as ${index.listing}`,
      );
    }
  };
}

function codeableConceptCheck(index: ValueSetIndex, required: boolean): BindingCheck {
  return (value, path, elementId, ctx) => {
    if (!isRecord(value)) return;
    const codings = Array.isArray(value.coding) ? value.coding : [];
    if (codings.some((c) => inValueSet(index, c))) return;
    if (required) {
      ctx.report(
        'error',
        'code-invalid',
        path,
        `${fieldLabel(elementId, path)} must include a code from ${index.title}: ${index.listing}`,
      );
      return;
    }
    codings.forEach((coding, i) => {
      if (!unlistedCodeOfBoundSystem(index, coding)) return;
      ctx.report(
        'warning',
        'code-invalid',
        `${path}.coding[${i}]`,
        `${fieldLabel(elementId, path)} "${preview(coding.code)}" is not in ${index.title}: check it, or use a listed code such as ${index.listing}`,
      );
    });
  };
}

function codeCheck(index: ValueSetIndex, required: boolean): BindingCheck {
  return (value, path, elementId, ctx) => {
    if (typeof value !== 'string' || value === '' || index.codes.has(value)) return;
    ctx.report(
      required ? 'error' : 'warning',
      'code-invalid',
      path,
      `${fieldLabel(elementId, path)} "${preview(value)}" is not ${required ? 'an allowed' : 'a known'} value: use one of ${index.listing}`,
    );
  };
}

/**
 * Compiles a required or extensible binding of an element of type `typeCode`. Returns undefined
 * when there is nothing to check: a weaker strength, or a value set that could not be expanded
 * (never guess: an unknown value set must not produce false errors).
 */
export function compileBinding(
  binding: ElementBinding | undefined,
  typeCode: string,
  valueSets: ReadonlyMap<string, ValueSetModel>,
): BindingCheck | undefined {
  if (binding === undefined || binding.valueSet === undefined) return undefined;
  if (binding.strength !== 'required' && binding.strength !== 'extensible') return undefined;
  const vs = valueSets.get(binding.valueSet);
  if (vs === undefined) return undefined;
  const index = indexValueSet(vs);
  const required = binding.strength === 'required';
  switch (typeCode) {
    case 'Coding':
      return codingCheck(index, required);
    case 'CodeableConcept':
      return codeableConceptCheck(index, required);
    case 'code':
    case 'string':
    case 'uri':
      return codeCheck(index, required);
    default:
      return undefined;
  }
}

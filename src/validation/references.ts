import type { ElementType } from '../profile';
import type { ProfileRegistry } from '../profile';
import type { WalkContext } from './context';
import { isRecord, preview } from './json';
import { fieldLabel } from '../profile/fields';

/** Checks a Reference value at `path` of element `elementId` (which names the field in messages). */
export type ReferenceCheck = (value: unknown, path: string, elementId: string, ctx: WalkContext) => void;

const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';
/** R4's literal reference shape: optional base URL, then Type/id, then an optional version. */
const LITERAL =
  /^(?:([a-z][a-z0-9+.-]*:\/\/\S*?)\/)?([A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The resource types a Reference may point to, or undefined for "any". */
function allowedTargets(types: readonly ElementType[], registry: ProfileRegistry): Set<string> | undefined {
  const allowed = new Set<string>();
  for (const type of types) {
    if (type.code !== 'Reference') continue;
    if (type.targetProfiles.length === 0) return undefined;
    for (const url of type.targetProfiles) {
      const target =
        registry.profiles.get(url)?.type ?? (url.startsWith(CORE_SD) ? url.slice(CORE_SD.length) : undefined);
      if (target === undefined || target === 'Resource') return undefined;
      allowed.add(target);
    }
  }
  return allowed.size === 0 ? undefined : allowed;
}

const article = (type: string): string => (/^[AEIOU]/.test(type) ? `an ${type}` : `a ${type}`);

function targetList(allowed: ReadonlySet<string>): string {
  const [first, ...rest] = [...allowed];
  return rest.length === 0 ? article(first ?? '') : `${article(first ?? '')} or ${rest.join(' or ')}`;
}

type Target = { type: string } | { unknown: string } | undefined;

/** What a reference string points to: a known type, a problem, or undeterminable (undefined). */
function targetOf(reference: string, registry: ProfileRegistry, ctx: WalkContext): Target {
  if (reference.startsWith('#')) {
    const id = reference.slice(1);
    // `#` alone is the containing resource; an unknown `#id` is ref-1's to report.
    const type = id === '' ? ctx.rootResource.resourceType : ctx.containedTypes().get(id);
    // A contained resource of an unknown type is reported there, not again here.
    return typeof type === 'string' && registry.resourceTypes.has(type) ? { type } : undefined;
  }
  const resolved = ctx.resolveType?.(reference);
  if (resolved !== undefined) return registry.resourceTypes.has(resolved) ? { type: resolved } : undefined;
  const literal = LITERAL.exec(reference);
  if (literal !== null) {
    const type = literal[2] ?? '';
    if (registry.resourceTypes.has(type)) return { type };
    // An absolute URL's path need not be a FHIR server's; a relative one must name a resource type.
    return literal[1] === undefined ? { unknown: `"${type}" is not a FHIR resource type` } : undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:/.test(reference)) return undefined; // urn:uuid:, urn:oid:, other absolute URIs
  return { unknown: 'is not of the form Type/id' };
}

/**
 * Compiles the target check of a Reference element: the type named by the reference (relative
 * `Type/id`, absolute URL ending in `Type/id`, `#id` of a contained resource) or by `Reference.type`
 * must be one of the element's target types. `urn:uuid:` and other URIs cannot be checked and pass.
 */
export function compileReferenceCheck(
  types: readonly ElementType[],
  registry: ProfileRegistry,
): ReferenceCheck | undefined {
  if (!types.some((t) => t.code === 'Reference')) return undefined;
  const allowed = allowedTargets(types, registry);
  return (value, path, elementId, ctx) => {
    if (!isRecord(value)) return;
    const { reference, type } = value;
    const fromReference = typeof reference === 'string' ? targetOf(reference, registry, ctx) : undefined;
    if (fromReference !== undefined && 'unknown' in fromReference) {
      ctx.report(
        'warning',
        'invalid',
        path,
        `${fieldLabel(elementId, path)} "${preview(reference)}" ${fromReference.unknown}, so it cannot be checked (e.g. Patient/123)`,
      );
      return;
    }
    const declared = typeof type === 'string' && registry.resourceTypes.has(type) ? type : undefined;
    if (fromReference !== undefined && declared !== undefined && declared !== fromReference.type) {
      ctx.report(
        'error',
        'invalid',
        path,
        `${fieldLabel(elementId, path)} says its type is ${declared}, but "${preview(reference)}" is ${article(fromReference.type)}`,
      );
      return;
    }
    const found = fromReference?.type ?? declared;
    if (found === undefined || allowed === undefined || allowed.has(found)) return;
    const example = [...allowed][0] ?? 'Patient';
    ctx.report(
      'error',
      'structure',
      path,
      `${fieldLabel(elementId, path)} must refer to ${targetList(allowed)} (e.g. ${example}/123), not ${article(found)}`,
    );
  };
}

import type { ElementConstraint } from '../profile';
import type { WalkContext } from './context';
import { fhirpathEngine, type FhirpathEvaluator } from './fhirpath-engine';
import { isRecord, type JsonObject } from './json';

/** A compiled FHIRPath invariant of one element (constraints with the same expression are merged). */
export interface Invariant {
  keys: string[];
  /** The constraint's severity; `information` for best-practice guidelines (reported only on request). */
  severity: 'error' | 'warning' | 'information';
  human: string;
  expression: string;
  /** false when the value breaks the invariant; true or undefined (undeterminable, or not evaluable) otherwise. */
  holds(value: unknown, ctx: WalkContext): boolean | undefined;
}

/**
 * Invariants not evaluated through FHIRPath:
 * - ele-1 ("hasValue() or (children().count() > id.count())") is on every element, so it is checked
 *   natively by `hasContent` / the primitive checks, with the same result and no FHIRPath cost;
 * - txt-1 and txt-2 (`htmlChecks()`) are checked natively on the xhtml value by ./narrative.ts,
 *   with R4's own element and attribute lists and a message that says which rule is broken.
 */
const NATIVE_OR_SKIPPED = new Set(['ele-1', 'txt-1', 'txt-2']);

/**
 * Constraints R4 marks as best-practice guidelines (dom-6: "A resource should have narrative for
 * robust management"): information, not warnings, and reported only when a validator asks for best
 * practice (the CLI does; the editor does not, since the app never writes narratives).
 */
const BEST_PRACTICE = new Set(['dom-6']);

/**
 * R4 expressions that fhirpath.js rejects as written: dom-3 applies `as()` to a collection, which
 * FHIRPath only defines for one item (R5 rewrote it with `ofType()`, which has the intended meaning).
 */
function normalize(expression: string): string {
  return expression.replace(/descendants\(\)\.as\(/g, 'descendants().ofType(');
}

const compiled = new Map<string, FhirpathEvaluator>();

/** The compiled expression; undefined while no FHIRPath engine is plugged in (see ./fhirpath-engine.ts). */
function compileOnce(base: string, expression: string): FhirpathEvaluator | undefined {
  const key = `${base}\u0000${expression}`;
  let fn = compiled.get(key);
  if (fn === undefined) {
    const engine = fhirpathEngine();
    if (engine === undefined) return undefined;
    fn = engine.compile(base, expression);
    compiled.set(key, fn);
  }
  return fn;
}

/** Splits at top-level occurrences of `separator` (outside parentheses and quotes). */
function splitTopLevel(expression: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression.charAt(i);
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && expression.startsWith(separator, i)) {
      parts.push(expression.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(expression.slice(start));
  return parts;
}

/** Functions that map an empty input collection to an empty result. */
const EMPTY_PRESERVING = /^(where|select|trace|ofType|as|first|last|tail|distinct)\(.*\)$/s;
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * For an expression made of `a.b...empty()` chains joined by `and`, the first names of the chains:
 * when none of those properties is present, every chain navigates an empty collection and the
 * expression is true without evaluating it. This keeps dom-2..dom-5 (`contained...empty()`,
 * including dom-3's `descendants()` walk) off the cost of studies without contained resources.
 */
function absentGuard(expression: string): string[] | undefined {
  const names: string[] = [];
  for (const conjunct of splitTopLevel(expression.trim(), ' and ')) {
    const steps = splitTopLevel(conjunct.trim(), '.');
    const first = steps[0];
    if (steps.length < 2 || first === undefined || !IDENTIFIER.test(first) || steps[steps.length - 1] !== 'empty()') {
      return undefined;
    }
    if (!steps.slice(1, -1).every((s) => IDENTIFIER.test(s) || EMPTY_PRESERVING.test(s))) return undefined;
    names.push(first);
  }
  return names;
}

function guarded(names: string[] | undefined, value: unknown): boolean {
  return names !== undefined && isRecord(value) && names.every((n) => value[n] === undefined);
}

/**
 * A sufficient condition for dom-3, checked before the FHIRPath: every contained resource's `#id`
 * is the `reference` of some element of the resource (dom-3 collects
 * `%resource.descendants().reference`, so it then holds). Breadth-first, because the references
 * usually sit near the top (`endpoint`, `subject`) while the bulk of a study is deep in `series`.
 * When it fails, dom-3 itself decides (it also accepts canonicals, uris and `#` back-references).
 */
function everyContainedReferenced(resource: unknown): boolean {
  if (!isRecord(resource) || !Array.isArray(resource.contained)) return false;
  const wanted = new Set<string>();
  for (const c of resource.contained) {
    if (!isRecord(c) || typeof c.id !== 'string') return false;
    wanted.add(`#${c.id}`);
  }
  const queue: unknown[] = [resource];
  for (let i = 0; i < queue.length && wanted.size > 0; i++) {
    const node = queue[i];
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) queue.push(item);
    } else if (isRecord(node)) {
      for (const key in node) {
        const child = node[key];
        if (key === 'reference' && typeof child === 'string') wanted.delete(child);
        else if (typeof child === 'object' && child !== null) queue.push(child);
      }
    }
  }
  return wanted.size === 0;
}

/** Cheap sufficient conditions for invariants, by key: true means the invariant holds. */
const SHORTCUTS: Record<string, (value: unknown) => boolean> = { 'dom-3': everyContainedReferenced };

/**
 * Compiles an element's invariants, evaluated with `base` as the FHIRPath context path and
 * `%resource` / `%rootResource` from the walk. An invariant that throws or yields no boolean is
 * treated as holding: a validator must not report what it could not decide.
 */
export function compileInvariants(constraints: readonly ElementConstraint[], base: string): Invariant[] {
  const byExpression = new Map<string, Invariant>();
  for (const c of constraints) {
    if (NATIVE_OR_SKIPPED.has(c.key) || c.expression === undefined) continue;
    const existing = byExpression.get(c.expression);
    if (existing !== undefined) {
      if (!existing.keys.includes(c.key)) existing.keys.push(c.key);
      continue;
    }
    const expression = normalize(c.expression);
    // Compiled when first needed, so that a validator can be built before the engine has loaded.
    let evaluate = compileOnce(base, expression);
    const guard = absentGuard(c.expression);
    const isRef1 = c.key === 'ref-1';
    const shortcut = SHORTCUTS[c.key];
    byExpression.set(c.expression, {
      keys: [c.key],
      severity: BEST_PRACTICE.has(c.key) ? 'information' : c.severity,
      human: c.human,
      expression: c.expression,
      holds(value, ctx) {
        if (guarded(guard, value) || shortcut?.(value) === true) return true;
        // R4's ref-1 misreads `#` alone (a contained resource pointing at its container, which dom-3 allows).
        if (isRef1 && isRecord(value) && value.reference === '#') return true;
        evaluate ??= compileOnce(base, expression);
        if (evaluate === undefined) return undefined;
        try {
          const result = evaluate(value, { resource: ctx.resource, rootResource: ctx.rootResource });
          return result.length === 1 && typeof result[0] === 'boolean' ? result[0] : undefined;
        } catch {
          return undefined;
        }
      },
    });
  }
  return [...byExpression.values()];
}

/**
 * ele-1 for a complex element: it has some content besides its `id` (a non-null value that is not an
 * empty list). The same rule makes empty JSON objects invalid.
 */
export function hasContent(value: JsonObject): boolean {
  for (const key in value) {
    if (key === 'id') continue;
    const v = value[key];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) return true;
  }
  return false;
}

/** Merges constraint lists by key (an element's own first, then its type's). */
export function mergeConstraints(...lists: readonly (readonly ElementConstraint[])[]): ElementConstraint[] {
  const seen = new Set<string>();
  const merged: ElementConstraint[] = [];
  for (const list of lists) {
    for (const c of list) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      merged.push(c);
    }
  }
  return merged;
}

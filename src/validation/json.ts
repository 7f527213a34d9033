/** JSON helpers of the rule modules (no FHIR knowledge here); the guard and equality are the kernel's. */
import { isRecord } from '../kernel/json';

export { deepEqual, isRecord, type JsonRecord as JsonObject } from '../kernel/json';

/**
 * FHIR `pattern[x]` matching: every property of the pattern is in the value with a matching value,
 * and every item of a pattern array is matched by some item of the value array. Primitives compare exactly.
 */
export function deepContains(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((v) => deepContains(v, p)));
  }
  if (isRecord(pattern)) {
    return isRecord(value) && Object.entries(pattern).every(([k, p]) => deepContains(value[k], p));
  }
  return value === pattern;
}

/** What kind of JSON value this is, in words, for messages. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** A short printable form of a value for messages (long values are cut). */
export function preview(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A JSON number whose text is not the shortest form JavaScript would write for it (`1.0`, `2E0`,
 * `-0`, `1.50`): JSON.parse alone would lose what R4's grammars judge (an integer has "no decimal
 * point and no exponent"; a decimal keeps its precision). Only `parseJson` makes these, so numbers
 * the editor produces are plain numbers and cost nothing.
 */
export class JsonNumber {
  constructor(
    /** The number as JSON.parse reads it. */
    readonly value: number,
    /** Its exact text in the source. */
    readonly source: string,
  ) {}
}

type SourceReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const keepNumberText: SourceReviver = (_key, value, context) =>
  typeof value === 'number' && context?.source !== undefined && context.source !== String(value)
    ? new JsonNumber(value, context.source)
    : value;

let sourceTextChecked = false;

/**
 * JSON.parse that keeps the text of every number whose text JavaScript would not write back the
 * same (a `JsonNumber`). It uses JSON.parse's own source text access (ECMAScript's "JSON.parse
 * source text access", in V8 since 11.4 / Node 21), so there is no second JSON grammar to trust;
 * it throws JSON.parse's SyntaxError on malformed text, and a plain Error on a runtime without it.
 */
export function parseJson(text: string): unknown {
  if (!sourceTextChecked) {
    const probe = JSON.parse('1.0', keepNumberText as Parameters<typeof JSON.parse>[1]) as unknown;
    if (!(probe instanceof JsonNumber)) {
      throw new Error('This JavaScript runtime has no JSON.parse source text access (Node 21 or later is needed)');
    }
    sourceTextChecked = true;
  }
  return JSON.parse(text, keepNumberText as Parameters<typeof JSON.parse>[1]) as unknown;
}

/** Small helpers for comparing FHIR JSON. */

export type JsonRecord = Record<string, unknown>;

/** Whether a value is a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; object key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const other = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === other.length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** The DICOM UID of a series or instance, which identifies it whatever its position. */
function uidOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.uid === 'string' ? value.uid : undefined;
}

/**
 * Whether array items can be matched by their `uid` (series, instances): every item has one and none repeats.
 * Matching by UID keeps an added, removed or moved series from looking like a change to all the others.
 */
export function keyedByUid(...arrays: unknown[][]): boolean {
  return arrays.every((items) => {
    const uids = items.map(uidOf);
    return uids.every((u) => u !== undefined) && new Set(uids).size === uids.length;
  });
}

/** The items of an array by UID (call only when `keyedByUid` holds). */
export function byUid(items: unknown[]): Map<string, { item: unknown; index: number }> {
  return new Map(items.map((item, index) => [uidOf(item) as string, { item, index }]));
}

/** Matching series and instances by their DICOM UID rather than by position, for merge and diff. */
import { isRecord } from '../kernel/json';

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

/**
 * Merging the form's study onto the loaded one, so that an open-and-save round trip changes nothing but `meta`:
 * whatever the form did not change keeps its stored form, down to key order.
 */
import type { ImagingStudy, ImagingStudySeries } from 'fhir/r4';
import { deepEqual, isRecord, type JsonRecord } from '../kernel/json';
import { byUid, keyedByUid } from './keyed';

function keep(stored: unknown, edited: unknown, unordered: boolean): unknown {
  if (deepEqual(stored, edited)) return stored;
  if (isRecord(stored) && isRecord(edited)) {
    const out: JsonRecord = {};
    for (const key of Object.keys(stored)) if (key in edited) out[key] = keep(stored[key], edited[key], false);
    for (const key of Object.keys(edited)) if (!(key in stored)) out[key] = edited[key];
    return out;
  }
  if (Array.isArray(stored) && Array.isArray(edited)) {
    if (unordered && sameItems(stored, edited)) return stored;
    if (keyedByUid(stored, edited)) {
      const index = byUid(stored);
      return edited.map((item) => {
        const match = isRecord(item) ? index.get(String(item.uid)) : undefined;
        return match ? keep(match.item, item, false) : item;
      });
    }
    if (stored.length === edited.length) return edited.map((item, i) => keep(stored[i], item, false));
  }
  return edited;
}

function sameItems(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  const rest = [...b];
  return a.every((item) => {
    const i = rest.findIndex((other) => deepEqual(item, other));
    if (i < 0) return false;
    rest.splice(i, 1);
    return true;
  });
}

function withoutCount(series: ImagingStudySeries): JsonRecord {
  const { numberOfInstances: _count, ...rest } = series;
  return rest;
}

/** The series count the form derives from the listed instances, if it looks derived. */
function derivedCount(series: ImagingStudySeries): boolean {
  return (series.instance?.length ?? 0) > 0 && series.numberOfInstances === series.instance?.length;
}

/** Whether the edited series equal the stored ones except for counts the form recomputed from the instances. */
function sameSeries(stored: ImagingStudySeries[], edited: ImagingStudySeries[]): boolean {
  return (
    stored.length === edited.length &&
    stored.every((s, i) => {
      const e = edited[i] as ImagingStudySeries;
      return (
        deepEqual(withoutCount(s), withoutCount(e)) && (s.numberOfInstances === e.numberOfInstances || derivedCount(e))
      );
    })
  );
}

function instanceTotal(series: ImagingStudySeries[]): number | undefined {
  let total = 0;
  for (const s of series) {
    const n = s.instance?.length ? s.instance.length : s.numberOfInstances;
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

/**
 * Counts recomputed from unchanged series keep their stored values: a stored study may list only some of its
 * series or instances, and its counts are then larger than the lists.
 */
function keepStoredCounts(merged: JsonRecord, original: ImagingStudy, edited: ImagingStudy): void {
  const stored = original.series ?? [];
  const series = edited.series ?? [];
  if (!sameSeries(stored, series)) return;
  if (original.series) merged.series = original.series;
  const derived: Record<'numberOfSeries' | 'numberOfInstances', number | undefined> = {
    numberOfSeries: series.length > 0 ? series.length : undefined,
    numberOfInstances: series.length > 0 ? instanceTotal(series) : undefined,
  };
  for (const key of ['numberOfSeries', 'numberOfInstances'] as const) {
    if (edited[key] === undefined || edited[key] !== derived[key]) continue;
    if (original[key] === undefined) delete merged[key];
    else merged[key] = original[key];
  }
}

/**
 * The study to save for an edit: the loaded `original` with the form's values merged in. Content the form did not
 * change keeps its stored form, including things the form normalises: the order of identifiers (an unordered
 * slice), the stored subject reference when it names the same patient, and series/instance counts when the series
 * are unchanged. `id` is always the original's.
 */
export function mergeEdits(original: ImagingStudy, edited: ImagingStudy): ImagingStudy {
  const stored = original as unknown as JsonRecord;
  const form = edited as unknown as JsonRecord;
  const merged: JsonRecord = {};
  for (const key of Object.keys(stored)) {
    if (key === 'resourceType' || key === 'id') merged[key] = stored[key];
    else if (key in form) merged[key] = keep(stored[key], form[key], key === 'identifier');
  }
  for (const key of Object.keys(form)) if (!(key in stored) && key !== 'id') merged[key] = form[key];
  if (original.subject && original.subject.reference === edited.subject?.reference) merged.subject = original.subject;
  keepStoredCounts(merged, original, edited);
  merged.resourceType = 'ImagingStudy';
  return structuredClone(merged) as unknown as ImagingStudy;
}

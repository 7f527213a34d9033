/**
 * numberOfSeries, numberOfInstances and series.numberOfInstances: derived from the series, never typed. A count
 * follows its list once the list changes; while a list is as it was opened, its count stays as stored (a stored
 * study may list only some of its series or instances, and then counts more than it lists).
 */
import type { ImagingStudy, ImagingStudySeries } from 'fhir/r4';
import { deepEqual } from '../kernel/json';

const uidsOf = (items: readonly { uid?: unknown }[] | undefined): unknown[] => (items ?? []).map((i) => i?.uid);

/** The series' instance count: the listed instances, unless the list is as in `opened` (then as stored). */
function seriesCount(series: ImagingStudySeries, opened: ImagingStudySeries | undefined): number | undefined {
  const listed = series.instance?.length ?? 0;
  const unchanged = opened !== undefined && deepEqual(uidsOf(series.instance), uidsOf(opened.instance));
  if (unchanged || listed === 0) return series.numberOfInstances;
  return listed;
}

/** The study's total: the sum of its series' counts, when each is known. */
export function instanceTotal(series: readonly ImagingStudySeries[]): number | undefined {
  let total = 0;
  for (const s of series) {
    const n = typeof s.numberOfInstances === 'number' ? s.numberOfInstances : s.instance?.length || undefined;
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

/**
 * Writes the derived counts onto `study` (built from the form), given the study the form was opened with
 * (`opened`, undefined for a new study). Unknown counts keep the value the study has.
 */
export function applyCounts(study: ImagingStudy, opened: ImagingStudy | undefined): void {
  const series = study.series ?? [];
  const openedSeries = opened?.series ?? [];
  const byUid = new Map(openedSeries.map((s) => [s.uid, s]));
  let changed = !opened || !deepEqual(uidsOf(series), uidsOf(openedSeries));
  for (const s of series) {
    const before = typeof s.uid === 'string' ? byUid.get(s.uid) : undefined;
    const n = seriesCount(s, before);
    if (n === undefined) delete s.numberOfInstances;
    else s.numberOfInstances = n;
    if (before === undefined || !deepEqual(uidsOf(s.instance), uidsOf(before.instance))) changed = true;
  }
  if (!changed || series.length === 0) return;
  study.numberOfSeries = series.length;
  const total = instanceTotal(series);
  if (total !== undefined) study.numberOfInstances = total;
}

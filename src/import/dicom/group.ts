/** Gathers instance headers into studies and series, in the order a reader expects (by number, then UID). */
import type { DicomSeries, DicomStudy, InstanceHeader, SkippedFile } from './types';

export interface Grouped {
  studies: DicomStudy[];
  /** Second copies of an instance already read (same SOP Instance UID). */
  duplicates: SkippedFile[];
}

function byNumberThenUid(a: { number?: number; uid: string }, b: { number?: number; uid: string }): number {
  const na = a.number ?? Number.MAX_SAFE_INTEGER;
  const nb = b.number ?? Number.MAX_SAFE_INTEGER;
  return na !== nb ? na - nb : a.uid.localeCompare(b.uid);
}

/** Groups headers by Study Instance UID; series and instances sorted by their numbers. */
export function groupStudies(headers: readonly { path: string; header: InstanceHeader }[]): Grouped {
  const studies = new Map<string, { study: DicomStudy; series: Map<string, DicomSeries> }>();
  const seen = new Map<string, string>();
  const duplicates: SkippedFile[] = [];
  for (const { path, header } of headers) {
    const first = seen.get(header.instance.uid);
    if (first !== undefined) {
      duplicates.push({ file: path, reason: `a second copy of ${first}` });
      continue;
    }
    seen.set(header.instance.uid, path);
    let entry = studies.get(header.study.studyUid);
    if (!entry) {
      entry = { study: { attributes: header.study, series: [] }, series: new Map() };
      studies.set(header.study.studyUid, entry);
    }
    let series = entry.series.get(header.series.uid);
    if (!series) {
      series = { attributes: header.series, instances: [] };
      entry.series.set(header.series.uid, series);
      entry.study.series.push(series);
    }
    series.instances.push(header.instance);
  }
  return { studies: [...studies.values()].map(({ study }) => sortStudy(study)), duplicates };
}

/** Sorts a study's series, and each series' instances, by number then UID (in place); returns the study. */
export function sortStudy(study: DicomStudy): DicomStudy {
  study.series.sort((a, b) => byNumberThenUid(a.attributes, b.attributes));
  study.series.forEach((s) => s.instances.sort(byNumberThenUid));
  return study;
}

/** Number of instances in a study. */
export function instanceCount(study: DicomStudy): number {
  return study.series.reduce((sum, s) => sum + s.instances.length, 0);
}

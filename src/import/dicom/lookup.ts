/**
 * The PACS lookup: find studies by patient ID (MRN), accession number or study date range over
 * QIDO-RS, then fetch one study's series and instances as a DicomStudy for the shared mapping.
 */
import {
  instanceAttributesOf,
  numberOf,
  seriesAttributesOf,
  stringOf,
  stringsOf,
  studyAttributesOf,
  TAG,
  type TagDataset,
} from './dataset';
import { dicomWebBase, instanceMetadata, searchForInstances, searchForSeries, searchForStudies } from './dicomweb';
import { sortStudy } from './group';
import type { DicomSeries, DicomStudy, SeriesAttributes, StudyAttributes } from './types';

export interface StudyQuery {
  patientId?: string;
  accession?: string;
  /** `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
}

/** One line of the lookup's result list. */
export interface StudyMatch {
  studyUid: string;
  date?: string;
  time?: string;
  description?: string;
  accession?: string;
  modalities: string[];
  seriesCount?: number;
  instanceCount?: number;
}

/** Study-level attributes asked for besides the QIDO-RS defaults (offset, procedure, referrer, birth date). */
const STUDY_FIELDS = [
  TAG.TimezoneOffsetFromUTC,
  TAG.StudyDescription,
  TAG.ProcedureCodeSequence,
  TAG.ReferringPhysicianName,
  TAG.PatientBirthDate,
  TAG.ModalitiesInStudy,
  TAG.NumberOfStudyRelatedSeries,
  TAG.NumberOfStudyRelatedInstances,
].join(',');
const SERIES_FIELDS = [TAG.SeriesDescription, TAG.BodyPartExamined, TAG.Laterality].join(',');
const INSTANCE_FIELDS = [TAG.InstanceNumber, TAG.ImageLaterality].join(',');

const dicomDay = (isoDate: string): string => isoDate.replaceAll('-', '');

/** The QIDO-RS query parameters for a lookup; at least one criterion is required. */
export function queryParams(query: StudyQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.patientId?.trim()) params.PatientID = query.patientId.trim();
  if (query.accession?.trim()) params.AccessionNumber = query.accession.trim();
  if (query.from || query.to) {
    params.StudyDate = `${query.from ? dicomDay(query.from) : ''}-${query.to ? dicomDay(query.to) : ''}`;
  }
  if (Object.keys(params).length === 0) throw new Error('Give a patient ID, an accession number or a date range.');
  params.includefield = STUDY_FIELDS;
  // One more than is shown, to know whether the PACS has more (QIDO-RS has no total count).
  params.limit = String(MATCH_LIMIT + 1);
  return params;
}

function toMatch(dataset: TagDataset): StudyMatch | undefined {
  const studyUid = stringOf(dataset, TAG.StudyInstanceUID);
  if (studyUid === undefined) return undefined;
  const match: StudyMatch = { studyUid, modalities: stringsOf(dataset, TAG.ModalitiesInStudy) };
  const fields: [keyof StudyMatch, string | number | undefined][] = [
    ['date', stringOf(dataset, TAG.StudyDate)],
    ['time', stringOf(dataset, TAG.StudyTime)],
    ['description', stringOf(dataset, TAG.StudyDescription)],
    ['accession', stringOf(dataset, TAG.AccessionNumber)],
    ['seriesCount', numberOf(dataset, TAG.NumberOfStudyRelatedSeries)],
    ['instanceCount', numberOf(dataset, TAG.NumberOfStudyRelatedInstances)],
  ];
  for (const [key, value] of fields) if (value !== undefined) Object.assign(match, { [key]: value });
  return match;
}

/** At most this many matches are listed; a search with more asks the user to narrow it. */
export const MATCH_LIMIT = 100;

export interface StudySearchResult {
  /** The matches (at most MATCH_LIMIT), newest first. */
  matches: StudyMatch[];
  /** The PACS has more matches than are listed. */
  more: boolean;
}

/** Searches the PACS at `address` (a DICOMweb base). */
export async function searchStudies(address: string, query: StudyQuery): Promise<StudySearchResult> {
  const found = await searchForStudies(dicomWebBase(address), queryParams(query));
  const matches = found
    .slice(0, MATCH_LIMIT)
    .map(toMatch)
    .filter((m) => m !== undefined)
    .sort((a, b) => `${b.date ?? ''}${b.time ?? ''}`.localeCompare(`${a.date ?? ''}${a.time ?? ''}`));
  return { matches, more: found.length > MATCH_LIMIT };
}

/**
 * QIDO-RS answers only what the PACS indexes: Orthanc, for one, leaves out sequences such as
 * ProcedureCodeSequence. One instance's WADO-RS metadata per series fills those gaps (best effort:
 * a PACS without WADO-RS still gives the QIDO-RS fields).
 */
async function firstInstanceMetadata(
  base: string,
  studyUid: string,
  series: DicomSeries,
): Promise<TagDataset | undefined> {
  const first = series.instances[0];
  if (!first) return undefined;
  try {
    return await instanceMetadata(base, studyUid, series.attributes.uid, first.uid);
  } catch {
    return undefined;
  }
}

/** Copies the attributes `extra` has and `target` lacks (never overrides what QIDO-RS said). */
function fillGaps<T extends object>(target: T, extra: T | undefined): T {
  if (!extra) return target;
  const out = { ...target } as Record<string, unknown>;
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    if (current === undefined || (Array.isArray(current) && current.length === 0)) out[key] = value;
  }
  return out as T;
}

/** Fetches one study (study, series and instance levels) from the PACS at `address`. */
export async function fetchStudy(address: string, studyUid: string): Promise<DicomStudy> {
  const base = dicomWebBase(address);
  const [studyDataset] = await searchForStudies(base, { StudyInstanceUID: studyUid, includefield: STUDY_FIELDS });
  let attributes: StudyAttributes | undefined = studyDataset ? studyAttributesOf(studyDataset) : undefined;
  if (!attributes) throw new Error('The PACS no longer has this study.');
  const seriesList = await searchForSeries(base, studyUid, { includefield: SERIES_FIELDS });
  const fetched = await Promise.all(
    seriesList.map(async (dataset) => {
      const seriesAttributes = seriesAttributesOf(dataset);
      if (!seriesAttributes) return undefined;
      const instances = await searchForInstances(base, studyUid, seriesAttributes.uid, {
        includefield: INSTANCE_FIELDS,
      });
      const series: DicomSeries = {
        attributes: seriesAttributes,
        instances: instances.map(instanceAttributesOf).filter((i) => i !== undefined),
      };
      const metadata = await firstInstanceMetadata(base, studyUid, series);
      return { series, metadata };
    }),
  );
  const series: DicomSeries[] = [];
  for (const entry of fetched) {
    if (!entry) continue;
    const extra: SeriesAttributes | undefined = entry.metadata ? seriesAttributesOf(entry.metadata) : undefined;
    series.push({ ...entry.series, attributes: fillGaps(entry.series.attributes, extra) });
    if (entry.metadata) attributes = fillGaps(attributes, studyAttributesOf(entry.metadata));
  }
  return sortStudy({ attributes, series });
}

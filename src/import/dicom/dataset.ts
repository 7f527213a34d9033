/**
 * Reads the attributes the import needs from a dataset keyed by tag. dcmjs' parsed dictionary and a
 * DICOM JSON object (QIDO-RS, PS3.18 F.2) share that shape, so files and PACS answers use the same code.
 */
import type { CodedEntry, InstanceAttributes, InstanceHeader, SeriesAttributes, StudyAttributes } from './types';

/** A dataset keyed by `GGGGEEEE` tag: `{ vr, Value: [...] }` per element. */
export type TagDataset = Record<string, unknown>;

export const TAG = {
  MediaStorageSOPClassUID: '00020002',
  TransferSyntaxUID: '00020010',
  SpecificCharacterSet: '00080005',
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  StudyDate: '00080020',
  StudyTime: '00080030',
  AccessionNumber: '00080050',
  Modality: '00080060',
  ModalitiesInStudy: '00080061',
  ReferringPhysicianName: '00080090',
  TimezoneOffsetFromUTC: '00080201',
  StudyDescription: '00081030',
  ProcedureCodeSequence: '00081032',
  SeriesDescription: '0008103E',
  CodeValue: '00080100',
  CodingSchemeDesignator: '00080102',
  CodeMeaning: '00080104',
  PatientName: '00100010',
  PatientID: '00100020',
  PatientBirthDate: '00100030',
  BodyPartExamined: '00180015',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SeriesNumber: '00200011',
  InstanceNumber: '00200013',
  Laterality: '00200060',
  ImageLaterality: '00200062',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
  PixelData: '7FE00010',
} as const;

function valuesOf(dataset: TagDataset, tag: string): unknown[] {
  const element = dataset[tag];
  if (typeof element !== 'object' || element === null) return [];
  const value = (element as { Value?: unknown }).Value;
  return Array.isArray(value) ? value : [];
}

/** The first value of a string element, trimmed; undefined when absent or empty. */
export function stringOf(dataset: TagDataset, tag: string): string | undefined {
  const first = valuesOf(dataset, tag)[0];
  const text = typeof first === 'string' ? first.trim() : typeof first === 'number' ? String(first) : undefined;
  return text === '' ? undefined : text;
}

/** All string values of a multi-valued element (e.g. ModalitiesInStudy). */
export function stringsOf(dataset: TagDataset, tag: string): string[] {
  return valuesOf(dataset, tag)
    .map((v) => (typeof v === 'string' ? v.trim() : ''))
    .filter((v) => v !== '');
}

/** The first value of an IS/US element as a number (DICOM JSON may carry IS as a string). */
export function numberOf(dataset: TagDataset, tag: string): number | undefined {
  const first = valuesOf(dataset, tag)[0];
  const n = typeof first === 'number' ? first : typeof first === 'string' ? Number(first.trim()) : Number.NaN;
  return Number.isFinite(n) && String(first).trim() !== '' ? n : undefined;
}

/** The alphabetic group of a PN element, `Family^Given^Middle^Prefix^Suffix`. */
export function personNameOf(dataset: TagDataset, tag: string): string | undefined {
  const first = valuesOf(dataset, tag)[0];
  let text: unknown = first;
  if (typeof first === 'object' && first !== null) text = (first as { Alphabetic?: unknown }).Alphabetic;
  if (typeof text !== 'string') return undefined;
  // A string PN may still carry the ideographic and phonetic groups after '='.
  const alphabetic = (text.split('=')[0] ?? '').trim();
  return alphabetic.replace(/\^+$/, '') === '' ? undefined : alphabetic;
}

/** The items of a sequence element. */
export function itemsOf(dataset: TagDataset, tag: string): TagDataset[] {
  return valuesOf(dataset, tag).filter((v): v is TagDataset => typeof v === 'object' && v !== null);
}

function codedEntries(dataset: TagDataset, tag: string): CodedEntry[] {
  const entries: CodedEntry[] = [];
  for (const item of itemsOf(dataset, tag)) {
    const value = stringOf(item, TAG.CodeValue);
    if (value === undefined) continue;
    const entry: CodedEntry = { value };
    const scheme = stringOf(item, TAG.CodingSchemeDesignator);
    const meaning = stringOf(item, TAG.CodeMeaning);
    if (scheme !== undefined) entry.scheme = scheme;
    if (meaning !== undefined) entry.meaning = meaning;
    entries.push(entry);
  }
  return entries;
}

/** Copies the defined entries of `source` onto `target` (undefined values are left out, not stored). */
function assignDefined<T extends object>(target: T, source: Partial<T>): T {
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
  return target;
}

/** The study-level attributes of a dataset (a file's header, or a QIDO-RS study answer). */
export function studyAttributesOf(dataset: TagDataset): StudyAttributes | undefined {
  const studyUid = stringOf(dataset, TAG.StudyInstanceUID);
  if (studyUid === undefined) return undefined;
  const patient = assignDefined(
    {},
    {
      id: stringOf(dataset, TAG.PatientID),
      name: personNameOf(dataset, TAG.PatientName),
      birthDate: stringOf(dataset, TAG.PatientBirthDate),
    },
  );
  return assignDefined<StudyAttributes>(
    { studyUid, procedureCodes: codedEntries(dataset, TAG.ProcedureCodeSequence), patient },
    {
      date: stringOf(dataset, TAG.StudyDate),
      time: stringOf(dataset, TAG.StudyTime),
      timezoneOffset: stringOf(dataset, TAG.TimezoneOffsetFromUTC),
      description: stringOf(dataset, TAG.StudyDescription),
      accession: stringOf(dataset, TAG.AccessionNumber),
      referringPhysician: personNameOf(dataset, TAG.ReferringPhysicianName),
    },
  );
}

/** The series-level attributes of a dataset. */
export function seriesAttributesOf(dataset: TagDataset): SeriesAttributes | undefined {
  const uid = stringOf(dataset, TAG.SeriesInstanceUID);
  if (uid === undefined) return undefined;
  return assignDefined<SeriesAttributes>(
    { uid },
    {
      number: numberOf(dataset, TAG.SeriesNumber),
      modality: stringOf(dataset, TAG.Modality),
      description: stringOf(dataset, TAG.SeriesDescription),
      bodyPart: stringOf(dataset, TAG.BodyPartExamined),
      laterality: stringOf(dataset, TAG.Laterality),
    },
  );
}

/** The instance-level attributes of a dataset. */
export function instanceAttributesOf(dataset: TagDataset): InstanceAttributes | undefined {
  const uid = stringOf(dataset, TAG.SOPInstanceUID);
  const sopClassUid = stringOf(dataset, TAG.SOPClassUID);
  if (uid === undefined || sopClassUid === undefined) return undefined;
  return assignDefined<InstanceAttributes>(
    { uid, sopClassUid },
    { number: numberOf(dataset, TAG.InstanceNumber), imageLaterality: stringOf(dataset, TAG.ImageLaterality) },
  );
}

/** All three levels of one instance's dataset; undefined when a level's UID is missing. */
export function instanceHeaderOf(dataset: TagDataset): InstanceHeader | undefined {
  const study = studyAttributesOf(dataset);
  const series = seriesAttributesOf(dataset);
  const instance = instanceAttributesOf(dataset);
  return study && series && instance ? { study, series, instance } : undefined;
}

/**
 * DICOM study -> ImagingStudy content, following the FHIR R4 ImagingStudy DICOM mapping: study UID,
 * start, modalities (CID 29 only), description, procedure codes, referrer, accession number, series
 * with their instances, and the counts. The result is FHIR-shaped but not yet merged with a form.
 */
import type {
  CodeableConcept,
  Coding,
  Identifier,
  ImagingStudySeries,
  ImagingStudySeriesInstance,
  Reference,
} from 'fhir/r4';
import { bodyPartCoding, codedEntryToConcept, lateralityCoding, modalityCoding } from './codes';
import { ACCESSION_ENTRY, isIdentifierEntry } from '../../profile/fields';
import { sopClassCoding } from '../../study/sop-class';
import { startedParts, type StartedParts } from './datetime';
import { formatPersonName } from './patient';
import type { DicomPatient, DicomSeries, DicomStudy } from './types';

/** The canonical URL of DICOM CID 29 Acquisition Modality, the binding of ImagingStudy.modality. */
export const CID29_URL = 'http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_29.html';

export interface MappedStudy {
  /** The bare Study Instance UID (no `urn:oid:`). */
  studyUid: string;
  /** Wall-clock start and the DICOM offset; without an offset the user picks the zone. */
  started?: StartedParts;
  /** The distinct series modalities that are in CID 29, in series order. */
  modality: Coding[];
  /** Series modalities not in CID 29 (e.g. SR, KO): listed to the user, not added to `modality`. */
  otherModalities: string[];
  description?: string;
  procedureCode: CodeableConcept[];
  referrer?: Reference;
  accession?: Identifier;
  series: ImagingStudySeries[];
  numberOfSeries: number;
  numberOfInstances: number;
  /** Who the DICOM header says the images are of, for the wrong-patient check. */
  patient: DicomPatient;
}

/** The identifier type of an accession number (HL7 v2 table 0203). */
export const ACCESSION_TYPE: CodeableConcept = { coding: [{ ...ACCESSION_ENTRY.type }] };

/** Whether an identifier is an accession number (typed ACSN). */
export function isAccession(identifier: Identifier): boolean {
  return isIdentifierEntry(ACCESSION_ENTRY, identifier);
}

function seriesLaterality(series: DicomSeries): Coding | undefined {
  const own = lateralityCoding(series.attributes.laterality);
  if (own) return own;
  // No series Laterality: use the images' one when they all agree.
  const values = new Set(series.instances.map((i) => i.imageLaterality?.toUpperCase()));
  const [only] = [...values];
  return values.size === 1 && only !== undefined ? lateralityCoding(only) : undefined;
}

function mapSeries(series: DicomSeries, cid29: ReadonlyMap<string, string>): ImagingStudySeries {
  const a = series.attributes;
  // Modality is 1..1 in FHIR: a series without one (rare, broken files) is marked OT ("other").
  const out: ImagingStudySeries = { uid: a.uid, modality: modalityCoding(a.modality ?? 'OT', cid29) };
  if (a.number !== undefined) out.number = a.number;
  if (a.description !== undefined) out.description = a.description;
  out.numberOfInstances = series.instances.length;
  if (a.bodyPart !== undefined) out.bodySite = bodyPartCoding(a.bodyPart);
  const laterality = seriesLaterality(series);
  if (laterality) out.laterality = laterality;
  out.instance = series.instances.map((i) => {
    const instance: ImagingStudySeriesInstance = {
      uid: i.uid,
      sopClass: sopClassCoding(i.sopClassUid),
    };
    if (i.number !== undefined) instance.number = i.number;
    return instance;
  });
  return out;
}

/** Maps a DICOM study; `cid29` maps each CID 29 modality code to its meaning. */
export function mapStudy(study: DicomStudy, cid29: ReadonlyMap<string, string>): MappedStudy {
  const a = study.attributes;
  const series = study.series.map((s) => mapSeries(s, cid29));
  const codes = [...new Set(study.series.map((s) => s.attributes.modality).filter((m) => m !== undefined))];
  const mapped: MappedStudy = {
    studyUid: a.studyUid,
    modality: codes.filter((c) => cid29.has(c)).map((c) => modalityCoding(c, cid29)),
    otherModalities: codes.filter((c) => !cid29.has(c)),
    procedureCode: a.procedureCodes.map(codedEntryToConcept),
    series,
    numberOfSeries: series.length,
    numberOfInstances: series.reduce((n, s) => n + (s.instance?.length ?? 0), 0),
    patient: a.patient,
  };
  const started = startedParts(a.date, a.time, a.timezoneOffset);
  if (started) mapped.started = started;
  if (a.description !== undefined) mapped.description = a.description;
  if (a.referringPhysician !== undefined) mapped.referrer = { display: formatPersonName(a.referringPhysician) };
  if (a.accession !== undefined) mapped.accession = { type: ACCESSION_TYPE, value: a.accession };
  return mapped;
}

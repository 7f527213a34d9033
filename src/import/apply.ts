/**
 * Applying a DICOM import to the form: the merged form values, and the difference against the
 * current values that the user reviews before accepting. Plain TypeScript, no React.
 */
import type { Annotation, Identifier, Reference } from 'fhir/r4';
import { isAccession, type MappedStudy } from './dicom/mapping';
import { STUDY_UID_INDEX } from '../study/values';
import { DICOM_UID_SYSTEM } from '../kernel/canonicals';
import { oidUri } from '../kernel/uid';
import type { StudyFormValues } from '../study/values';

export interface ImportChoice {
  mapped: MappedStudy;
  /** The FHIR dateTime for Started (offset resolved with the zone the user chose, if needed). */
  started?: string;
  /** The Endpoint the study was found on (PACS lookup), added to the study's endpoints. */
  endpoint?: Reference;
  /** Text of a note to add (the wrong-patient confirmation). */
  note?: string;
  /** The site's accession namespace, for an accession number the DICOM gives without an issuer. */
  accessionSystem?: string;
}

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** The form values after the import: imported fields replace the current ones, the rest stays. */
export function applyImport(current: StudyFormValues, choice: ImportChoice, now: Date = new Date()): StudyFormValues {
  const { mapped } = choice;
  const next = structuredClone(current);
  const identifiers = asArray<Identifier>(next.identifier);
  identifiers[STUDY_UID_INDEX] = {
    ...identifiers[STUDY_UID_INDEX],
    system: DICOM_UID_SYSTEM,
    value: oidUri(mapped.studyUid),
  };
  if (mapped.accession) {
    const accession: Identifier = { ...mapped.accession };
    if (accession.system === undefined && choice.accessionSystem !== undefined)
      accession.system = choice.accessionSystem;
    const at = identifiers.findIndex((id, i) => i !== STUDY_UID_INDEX && isAccession(id));
    if (at >= 0) identifiers[at] = { ...identifiers[at], ...accession };
    else identifiers.push(structuredClone(accession));
  }
  next.identifier = identifiers;
  if (choice.started !== undefined) next.started = choice.started;
  if (mapped.modality.length > 0) next.modality = structuredClone(mapped.modality);
  if (mapped.description !== undefined) next.description = mapped.description;
  if (mapped.procedureCode.length > 0) next.procedureCode = structuredClone(mapped.procedureCode);
  if (mapped.referrer) next.referrer = { ...mapped.referrer };
  next.series = structuredClone(mapped.series);
  next.numberOfSeries = mapped.numberOfSeries;
  next.numberOfInstances = mapped.numberOfInstances;
  if (choice.endpoint) {
    const endpoints = asArray<Reference>(next.endpoint);
    if (!endpoints.some((r) => r.reference === choice.endpoint?.reference)) endpoints.push({ ...choice.endpoint });
    next.endpoint = endpoints;
  }
  if (choice.note !== undefined) {
    const note: Annotation = { time: now.toISOString(), text: choice.note };
    next.note = [...asArray<Annotation>(next.note), note];
  }
  return next;
}

/**
 * Applying a DICOM import to the form: the merged form values, and the difference against the
 * current values that the user reviews before accepting. Plain TypeScript, no React.
 */
import type { Annotation, CodeableConcept, Coding, Identifier, ImagingStudySeries, Reference } from 'fhir/r4';
import { isAccession, type MappedStudy } from './dicom/mapping';
import { ACCESSION_ENTRY, labelOf, STUDY_UID_ENTRY } from '../profile/fields';
import { STUDY_UID_INDEX } from '../study/values';
import { DICOM_UID_SYSTEM } from '../kernel/canonicals';
import { oidUri } from '../kernel/uid';
import { displayStudyUid } from '../study/study-uid';
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

/** One line of the review: a field whose value the import changes. */
export interface DiffRow {
  field: string;
  before: string;
  after: string;
  /** The form already had a (different) value here: applying overwrites what someone entered. */
  replaces: boolean;
}

const codingText = (c: Coding): string => c.code ?? c.display ?? '';
const conceptText = (c: CodeableConcept): string =>
  c.text ?? c.coding?.map((x) => x.display ?? x.code ?? '').join(' / ') ?? '';

function seriesText(value: unknown): string {
  const series = asArray<ImagingStudySeries>(value);
  if (series.length === 0) return '';
  const parts = series.map((s, i) => {
    const n = Array.isArray(s.instance) ? s.instance.length : (s.numberOfInstances ?? 0);
    return `${s.number ?? i + 1} ${s.modality?.code ?? '?'} (${n} instance${n === 1 ? '' : 's'})`;
  });
  return `${series.length} series: ${parts.join(', ')}`;
}

function accessionText(value: unknown): string {
  return asArray<Identifier>(value)
    .filter((id, i) => i !== STUDY_UID_INDEX && isAccession(id))
    .map((id) => id.value ?? '')
    .join(', ');
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

const FIELDS: [label: string, show: (values: StudyFormValues) => string][] = [
  [STUDY_UID_ENTRY.label, (v) => displayStudyUid(asArray<Identifier>(v.identifier)[STUDY_UID_INDEX]?.value)],
  [ACCESSION_ENTRY.label, (v) => accessionText(v.identifier)],
  [labelOf('ImagingStudy.started'), (v) => text(v.started)],
  [labelOf('ImagingStudy.modality'), (v) => asArray<Coding>(v.modality).map(codingText).join(', ')],
  [labelOf('ImagingStudy.description'), (v) => text(v.description)],
  [
    labelOf('ImagingStudy.basedOn'),
    (v) =>
      asArray<Reference>(v.basedOn)
        .map((r) => r.display ?? r.reference ?? '')
        .join(', '),
  ],
  [labelOf('ImagingStudy.procedureCode'), (v) => asArray<CodeableConcept>(v.procedureCode).map(conceptText).join('; ')],
  [labelOf('ImagingStudy.reasonCode'), (v) => asArray<CodeableConcept>(v.reasonCode).map(conceptText).join('; ')],
  [
    labelOf('ImagingStudy.referrer'),
    (v) => (v.referrer as Reference | undefined)?.display ?? (v.referrer as Reference | undefined)?.reference ?? '',
  ],
  [labelOf('ImagingStudy.series'), (v) => seriesText(v.series)],
  [labelOf('ImagingStudy.numberOfSeries'), (v) => text(v.numberOfSeries)],
  [labelOf('ImagingStudy.numberOfInstances'), (v) => text(v.numberOfInstances)],
  [
    labelOf('ImagingStudy.endpoint'),
    (v) =>
      asArray<Reference>(v.endpoint)
        .map((r) => r.display ?? r.reference ?? '')
        .join(', '),
  ],
  [
    labelOf('ImagingStudy.note'),
    (v) =>
      asArray<Annotation>(v.note)
        .map((n) => n.text)
        .join(' | '),
  ],
];

/** The fields the import changes, with their current and new values as text. */
export function diffImport(current: StudyFormValues, next: StudyFormValues): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const [field, show] of FIELDS) {
    const before = show(current);
    const after = show(next);
    if (before !== after) rows.push({ field, before, after, replaces: before !== '' });
  }
  return rows;
}

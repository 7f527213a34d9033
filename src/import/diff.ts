/**
 * The review of a fill-in (a DICOM import, an order): the fields it changes, named as on screen, with their current
 * and new values as text. Plain TypeScript, and free of the DICOM code, so the editor's order picker can use it.
 */
import type { Annotation, CodeableConcept, Coding, Identifier, ImagingStudySeries, Reference } from 'fhir/r4';
import { labelOf } from '../profile/fields';
import { ACCESSION_ENTRY, isIdentifierEntry, STUDY_UID_ENTRY } from '../profile/identifiers';
import { displayStudyUid } from '../study/study-uid';
import { STUDY_UID_INDEX, type StudyFormValues } from '../study/values';
import { plural } from '../kernel/text';

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

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
    return `${s.number ?? i + 1} ${s.modality?.code ?? '?'} (${plural(n, 'instance')})`;
  });
  return `${series.length} series: ${parts.join(', ')}`;
}

function accessionText(value: unknown): string {
  return asArray<Identifier>(value)
    .filter((id, i) => i !== STUDY_UID_INDEX && isIdentifierEntry(ACCESSION_ENTRY, id))
    .map((id) => id.value ?? '')
    .join(', ');
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** A reference as the review shows it: its display, else the reference itself. */
const referenceText = (r: Reference): string => r.display ?? r.reference ?? '';

const FIELDS: [label: string, show: (values: StudyFormValues) => string][] = [
  [STUDY_UID_ENTRY.label, (v) => displayStudyUid(asArray<Identifier>(v.identifier)[STUDY_UID_INDEX]?.value)],
  [ACCESSION_ENTRY.label, (v) => accessionText(v.identifier)],
  [labelOf('ImagingStudy.started'), (v) => text(v.started)],
  [labelOf('ImagingStudy.modality'), (v) => asArray<Coding>(v.modality).map(codingText).join(', ')],
  [labelOf('ImagingStudy.description'), (v) => text(v.description)],
  [labelOf('ImagingStudy.basedOn'), (v) => asArray<Reference>(v.basedOn).map(referenceText).join(', ')],
  [labelOf('ImagingStudy.procedureCode'), (v) => asArray<CodeableConcept>(v.procedureCode).map(conceptText).join('; ')],
  [labelOf('ImagingStudy.reasonCode'), (v) => asArray<CodeableConcept>(v.reasonCode).map(conceptText).join('; ')],
  [labelOf('ImagingStudy.referrer'), (v) => (v.referrer ? referenceText(v.referrer as Reference) : '')],
  [labelOf('ImagingStudy.series'), (v) => seriesText(v.series)],
  [labelOf('ImagingStudy.numberOfSeries'), (v) => text(v.numberOfSeries)],
  [labelOf('ImagingStudy.numberOfInstances'), (v) => text(v.numberOfInstances)],
  [labelOf('ImagingStudy.endpoint'), (v) => asArray<Reference>(v.endpoint).map(referenceText).join(', ')],
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

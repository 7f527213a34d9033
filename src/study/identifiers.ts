/**
 * The form's layout of `ImagingStudy.identifier` and its inverse, in one place. The IMR slicing is unordered, so the
 * form gives the Study Instance UID and the accession number fixed places (see paths.ts); what is saved keeps the
 * order the identifiers were stored in, whatever the form edited.
 */
import type { Identifier } from 'fhir/r4';
import { isRecord } from '../kernel/json';
import { ACCESSION_ENTRY, isIdentifierEntry, STUDY_UID_ENTRY } from '../profile/fields';

/** The index of `identifier` that always holds the `identifier:studyUID` slice in the values. */
export const STUDY_UID_INDEX = 0;
/** The index of `identifier` that always holds the accession number entry (typed ACSN) in the values. */
export const ACCESSION_INDEX = 1;

/**
 * For each place of the form's layout, the index the identifier has in `stored` (undefined for an entry the form
 * makes: an empty Study Instance UID or accession number to type into).
 */
export function formLayout(stored: readonly Identifier[]): (number | undefined)[] {
  const uid = stored.findIndex((i) => isIdentifierEntry(STUDY_UID_ENTRY, i));
  const accession = stored.findIndex((i, n) => n !== uid && isIdentifierEntry(ACCESSION_ENTRY, i));
  const others = stored.map((_, n) => n).filter((n) => n !== uid && n !== accession);
  return [uid >= 0 ? uid : undefined, accession >= 0 ? accession : undefined, ...others];
}

/**
 * The identifiers of a resource built from the form (`built`: the form's layout, the accession entry left out
 * when it has no number) in the order of `stored`. An identifier the form added goes after the one before it in
 * the form.
 */
export function inStoredOrder(built: readonly Identifier[], stored: readonly Identifier[]): Identifier[] {
  const layout = formLayout(stored);
  const hasAccession = isRecord(built[ACCESSION_INDEX]) && isIdentifierEntry(ACCESSION_ENTRY, built[ACCESSION_INDEX]);
  let previous = -1;
  const keyed = built.map((item, i) => {
    const place = i < ACCESSION_INDEX || hasAccession ? i : i + 1;
    const key = layout[place] ?? previous + 0.001;
    previous = key;
    return { item, key };
  });
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.item);
}

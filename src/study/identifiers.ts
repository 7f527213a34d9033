/**
 * The form's layout of `ImagingStudy.identifier` and its inverse, in one place. The IMR slicing is unordered, so the
 * form gives the Study Instance UID and the accession number fixed places (see paths.ts); merge.ts undoes the layout
 * at save with `formLayout` (there, so that the inverse loads with the save layer, not with the editor).
 */
import type { Identifier } from 'fhir/r4';
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

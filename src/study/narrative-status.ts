/**
 * Whether the editor must warn that a study's narrative may be stale: one a person wrote (`additional`,
 * `extensions`) is not updated at save (see ./narrative.ts, which loads with the save layer, not with the editor).
 */
import type { ImagingStudy } from 'fhir/r4';

/** The warning for a changed study whose narrative a person wrote, which the save does not update. */
export function staleNarrativeWarning(study: ImagingStudy | undefined): string | undefined {
  const status = study?.text?.status;
  if (status !== 'additional' && status !== 'extensions') return undefined;
  return `The study's narrative (status "${status}") was written by hand and is not updated from your changes: it may now be out of date.`;
}

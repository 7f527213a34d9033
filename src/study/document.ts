/**
 * The study document as it is sent: for an edit the form's study merged onto the server's copy, claiming the IMR
 * profile. Every save goes through `studyToSave`, once; it loads with the save layer, not with the editor.
 */
import type { ImagingStudy } from 'fhir/r4';
import { IMR_IMAGINGSTUDY_URL } from '../kernel/canonicals';
import { mergeEdits } from './merge';
import { withProfile } from './meta';
import { withNarrative } from './narrative';

/**
 * The study to send: for an edit (`original` has an id) the form's study merged onto the original, so content the
 * form does not show is kept; for a new study the form's study without an id. Either claims the IMR profile, and a
 * generated narrative is generated again when the study changed (see narrative.ts).
 */
export function studyToSave(original: ImagingStudy | undefined, edited: ImagingStudy): ImagingStudy {
  if (original?.id) return withProfile(withNarrative(mergeEdits(original, edited), original), IMR_IMAGINGSTUDY_URL);
  const { id: _id, ...fresh } = structuredClone(edited);
  return withProfile<ImagingStudy>(withNarrative(fresh, undefined), IMR_IMAGINGSTUDY_URL);
}

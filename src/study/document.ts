/**
 * The study document as it is sent: the profile claimed in `meta.profile`, and for an edit the form's study merged
 * onto the server's copy. Every save goes through `studyToSave`, once.
 */
import type { ImagingStudy, Meta, Resource } from 'fhir/r4';
import { IMR_IMAGINGSTUDY_URL } from '../kernel/canonicals';
import { isRecord } from '../kernel/json';
import { mergeEdits } from './merge';

/** The resource claiming `profile` in `meta.profile` (a versioned canonical `url|1.1.0` names the same profile). */
export function withProfile<T extends Resource>(resource: T, profile: string): T {
  const meta: Meta = isRecord(resource.meta) ? resource.meta : {};
  // A malformed `meta.profile` (not a list) is replaced: the study must name its profile.
  const profiles = Array.isArray(meta.profile) ? meta.profile : [];
  if (profiles.some((p) => p.split('|')[0] === profile)) return resource;
  return { ...resource, meta: { ...meta, profile: [...profiles, profile] } };
}

/**
 * The study to send: for an edit (`original` has an id) the form's study merged onto the original, so content the
 * form does not show is kept; for a new study the form's study without an id. Either claims the IMR profile.
 */
export function studyToSave(original: ImagingStudy | undefined, edited: ImagingStudy): ImagingStudy {
  if (original?.id) return withProfile(mergeEdits(original, edited), IMR_IMAGINGSTUDY_URL);
  const { id: _id, ...fresh } = structuredClone(edited);
  return withProfile<ImagingStudy>(fresh, IMR_IMAGINGSTUDY_URL);
}

/** `meta.profile`: the one place a resource is made to claim a profile. */
import type { Meta, Resource } from 'fhir/r4';
import { isRecord } from '../kernel/json';

/** The resource claiming `profile` in `meta.profile` (a versioned canonical `url|1.1.0` names the same profile). */
export function withProfile<T extends Resource>(resource: T, profile: string): T {
  const meta: Meta = isRecord(resource.meta) ? resource.meta : {};
  // A malformed `meta.profile` (not a list) is replaced: the resource must name its profile.
  const profiles = Array.isArray(meta.profile) ? meta.profile : [];
  if (profiles.some((p) => p.split('|')[0] === profile)) return resource;
  return { ...resource, meta: { ...meta, profile: [...profiles, profile] } };
}

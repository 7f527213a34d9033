/** `meta.profile`: the one place a resource is made to claim a profile. */
import type { Meta, Resource } from 'fhir/r4';
import { isRecord } from '../kernel/json';

/**
 * The resource claiming `profile` in `meta.profile` (a versioned canonical `url|1.1.0` names the same profile). A
 * `_profile` companion gets a null placeholder for the added entry, so its extensions stay on their values.
 */
export function withProfile<T extends Resource>(resource: T, profile: string): T {
  const meta: Meta = isRecord(resource.meta) ? resource.meta : {};
  // A malformed `meta.profile` (not a list) is replaced: the resource must name its profile.
  const profiles = Array.isArray(meta.profile) ? meta.profile : [];
  if (profiles.some((p) => typeof p === 'string' && p.split('|')[0] === profile)) return resource;
  const companion = (meta as { _profile?: unknown })._profile;
  const aligned =
    Array.isArray(companion) && profiles.length > 0 ? { _profile: [...(companion as unknown[]), null] } : {};
  return { ...resource, meta: { ...meta, profile: [...profiles, profile], ...aligned } };
}

/**
 * The SMART scopes the app asks for: the least it needs to author ImagingStudies for the launch patient.
 *
 * v2 scopes ask for reading and writing separately, so that an EHR (or the user on a consent page) can grant read
 * access alone; the app then opens studies read-only. Nothing is ever deleted, Endpoints are never changed, and
 * Provenance is only written. Endpoints are shared by all patients and are not in the Patient compartment, hence
 * `user/Endpoint`. The patient's orders are read to link a study to its order (ServiceRequest); their requesters are
 * Practitioners, outside the Patient compartment, hence `user/Practitioner` (without it, requesters are shown by the
 * name the order carries).
 */
export type LaunchKind = 'ehr' | 'standalone';

const V2_RESOURCE_SCOPES = [
  'patient/Patient.r',
  'patient/ImagingStudy.rs',
  'patient/ImagingStudy.cu',
  'patient/Provenance.c',
  'user/Endpoint.rs',
  'user/Endpoint.c',
  'patient/ServiceRequest.rs',
  'patient/Encounter.r',
  'user/Practitioner.rs',
];

const V1_RESOURCE_SCOPES = [
  'patient/Patient.read',
  'patient/ImagingStudy.read',
  'patient/ImagingStudy.write',
  'patient/Provenance.write',
  'user/Endpoint.read',
  'user/Endpoint.write',
  'patient/ServiceRequest.read',
  'patient/Encounter.read',
  'user/Practitioner.read',
];

/** The scope string for an authorization request; v1 scopes when the server lists only SMART v1 permissions. */
export function requestedScopes(kind: LaunchKind, smartV2: boolean): string {
  const context = kind === 'ehr' ? 'launch' : 'launch/patient';
  return [context, 'openid', 'fhirUser', 'offline_access', ...(smartV2 ? V2_RESOURCE_SCOPES : V1_RESOURCE_SCOPES)].join(
    ' ',
  );
}

type Interaction = 'c' | 'r' | 'u' | 'd' | 's';

const V1_MEANING: Record<string, Interaction[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

/** Whether the granted scopes (v1 or v2) allow an interaction on a resource type, in any context. */
export function isAllowed(granted: readonly string[], resourceType: string, interaction: Interaction): boolean {
  return granted.some((scope) => {
    const match = /^(patient|user|system)\/([A-Za-z*]+)\.([a-z*]+)(\?.*)?$/.exec(scope);
    if (!match) return false;
    const [, , type, perms] = match;
    if (type !== '*' && type !== resourceType) return false;
    const v1 = perms ? V1_MEANING[perms] : undefined;
    if (v1) return v1.includes(interaction);
    return /^c?r?u?d?s?$/.test(perms ?? '') && (perms ?? '').includes(interaction);
  });
}

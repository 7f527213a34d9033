/** The permissions the app needs (reading, listing, saving), and how to name a missing one in plain words. */
import { isAllowed } from './scopes';

export type Interaction = 'c' | 'r' | 'u' | 'd' | 's';

/** One permission a request needs. */
export interface NeededPermission {
  resourceType: string;
  interaction: Interaction;
  /** `patient` for resources in the patient's compartment, `user` for shared ones (Endpoint). */
  context: 'patient' | 'user';
  /** What it allows, in words that complete "You are not allowed to …". */
  action: string;
}

export const READ_PATIENT: NeededPermission = {
  resourceType: 'Patient',
  interaction: 'r',
  context: 'patient',
  action: 'read the patient record',
};

export const SEARCH_STUDIES: NeededPermission = {
  resourceType: 'ImagingStudy',
  interaction: 's',
  context: 'patient',
  action: 'list the imaging studies of this patient',
};
export const CREATE_STUDY: NeededPermission = {
  resourceType: 'ImagingStudy',
  interaction: 'c',
  context: 'patient',
  action: 'create imaging studies for this patient',
};
export const UPDATE_STUDY: NeededPermission = {
  resourceType: 'ImagingStudy',
  interaction: 'u',
  context: 'patient',
  action: 'change imaging studies of this patient',
};
export const SEARCH_ORDERS: NeededPermission = {
  resourceType: 'ServiceRequest',
  interaction: 's',
  context: 'patient',
  action: "list this patient's orders",
};
export const READ_ENCOUNTER: NeededPermission = {
  resourceType: 'Encounter',
  interaction: 'r',
  context: 'patient',
  action: "read this patient's encounters",
};
export const READ_PRACTITIONERS: NeededPermission = {
  resourceType: 'Practitioner',
  interaction: 's',
  context: 'user',
  action: 'look up the names of referring physicians',
};
export const CREATE_ENDPOINT: NeededPermission = {
  resourceType: 'Endpoint',
  interaction: 'c',
  context: 'user',
  action: 'add new image locations (endpoints)',
};
export const CREATE_PROVENANCE: NeededPermission = {
  resourceType: 'Provenance',
  interaction: 'c',
  context: 'patient',
  action: 'record who changed a study (provenance)',
};

const V1_NAME: Record<Interaction, string> = { c: 'write', u: 'write', d: 'write', r: 'read', s: 'read' };

function usesV1(granted: readonly string[]): boolean {
  return granted.some((s) => /\.(read|write|\*)$/.test(s)) && !granted.some((s) => /\.[cruds]+(\?.*)?$/.test(s));
}

/** The scope that grants a permission, in the SMART version the server speaks (v1 when it granted only v1 scopes). */
export function scopeFor(permission: NeededPermission, granted: readonly string[]): string {
  const letter = usesV1(granted) ? V1_NAME[permission.interaction] : permission.interaction;
  return `${permission.context}/${permission.resourceType}.${letter}`;
}

function joinWords(words: string[], last: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/**
 * A plain-words 403 message. It names the needed permissions the granted scopes lack; when the scopes seem to allow
 * everything, the server refused for its own reasons, so it names all of them.
 */
export function forbiddenMessage(needed: readonly NeededPermission[], granted: readonly string[]): string {
  if (needed.length === 0) return 'You do not have permission to do this. Ask your administrator for access.';
  const missing = needed.filter((p) => !isAllowed(granted, p.resourceType, p.interaction));
  const named = missing.length > 0 ? missing : needed;
  const scopes = named.map((p) => scopeFor(p, granted));
  const permissionWord = scopes.length > 1 ? 'permissions' : 'permission';
  const needs = `the app needs the ${joinWords(scopes, 'and')} ${permissionWord}`;
  if (missing.length === 0) {
    return `The FHIR server did not allow this save (${needs}). Ask your administrator for access.`;
  }
  return `You are not allowed to ${joinWords(
    named.map((p) => p.action),
    'or',
  )} (${needs}). Ask your administrator for access.`;
}

/**
 * The Study Instance UID of a study: how the user enters it (bare, or pasted with `urn:oid:`), how it is stored
 * (an `urn:dicom:uid` identifier whose value is the OID URI), and the search that finds a study by it.
 */
import type { ImagingStudy } from 'fhir/r4';
import { DICOM_UID_SYSTEM } from '../kernel/canonicals';
import { bareUid, oidUri } from '../kernel/uid';

/**
 * The stored identifier value for what the user typed or pasted: always the OID URI of the bare UID, whether or
 * not the input already had the prefix. Surrounding whitespace (a careless paste) is dropped; anything else is
 * kept for the validator to judge.
 */
export function normalizeStudyUid(input: string): string | undefined {
  return bareUid(input) === '' ? undefined : oidUri(input);
}

/** The bare UID shown in the input for a stored identifier value. */
export function displayStudyUid(stored: unknown): string {
  return typeof stored === 'string' ? bareUid(stored) : '';
}

/** The study's Study Instance UID (bare), from its `urn:dicom:uid` identifier. */
export function studyUidOf(study: ImagingStudy): string | undefined {
  const value = study.identifier?.find((i) => i.system === DICOM_UID_SYSTEM)?.value;
  return value ? bareUid(value) : undefined;
}

/** The search (and conditional-create criteria) matching a study by its Study Instance UID (bare or an OID URI). */
export function uidCriteria(uid: string): string {
  return `identifier=${DICOM_UID_SYSTEM}|${oidUri(uid)}`;
}

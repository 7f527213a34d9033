/** DICOM UID helpers for the Study/Series/SOP Instance UID inputs. */

/** The identifier system of the IMR `identifier:studyUID` slice (fixed by the profile). */
export { DICOM_UID_SYSTEM } from '../profile/canonicals';
const OID_PREFIX = /^urn:oid:/i;

/**
 * A new UID under the `2.25` root (DICOM PS3.5 B.2): the 128 bits of a random UUID as a decimal
 * integer. At most 39 digits, so the UID stays well under the 64-character limit.
 */
export function generateUid(): string {
  const hex = crypto.randomUUID().replace(/-/g, '');
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

/**
 * The stored Study Instance UID identifier value for what the user typed or pasted: always
 * `urn:oid:` + the bare UID, whether or not the input already had the prefix. Surrounding
 * whitespace (a careless paste) is dropped; anything else is kept for the validator to judge.
 */
export function normalizeStudyUid(input: string): string | undefined {
  const bare = input.trim().replace(OID_PREFIX, '').trim();
  return bare === '' ? undefined : `urn:oid:${bare}`;
}

/** The bare UID shown in the input for a stored identifier value. */
export function displayStudyUid(stored: unknown): string {
  return typeof stored === 'string' ? stored.replace(OID_PREFIX, '') : '';
}

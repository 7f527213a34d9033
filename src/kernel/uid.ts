/**
 * DICOM UIDs (PS3.5 §9.1) and their OID-URI form: the one module that knows the `urn:oid:` prefix.
 * A UID is digits and dots, no empty component, no leading zero in a component ("0" alone is fine), at most
 * 64 characters. FHIR stores the study UID and SOP class codes as `urn:oid:` + UID; series and instance UIDs bare.
 */

/** The prefix of an OID URI: how FHIR writes a UID as a URI. */
export const OID_PREFIX = 'urn:oid:';
const OID_PREFIX_ANY_CASE = /^urn:oid:/i;

/** Numbers without leading zeros, separated by single dots. */
const UID_SYNTAX = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

/** Whether `uid` is a valid bare UID. */
export function isValidUid(uid: string): boolean {
  return uid.length <= 64 && UID_SYNTAX.test(uid);
}

/** Whether a value carries the `urn:oid:` prefix (exactly as FHIR writes it). */
export function hasOidPrefix(value: string): boolean {
  return value.startsWith(OID_PREFIX);
}

/** A UID without its `urn:oid:` prefix (any case) and without surrounding whitespace. */
export function bareUid(value: string): string {
  return value.trim().replace(OID_PREFIX_ANY_CASE, '').trim();
}

/** The OID URI of a UID: `urn:oid:` + the bare UID, whether or not `uid` already had the prefix. */
export function oidUri(uid: string): string {
  return `${OID_PREFIX}${bareUid(uid)}`;
}

/**
 * A new UID under the `2.25` root (DICOM PS3.5 B.2): the 128 bits of a random UUID (Web Crypto) as a decimal
 * integer. At most 39 digits, so the UID stays well under the 64-character limit.
 */
export function generateUid(): string {
  const hex = crypto.randomUUID().replace(/-/g, '');
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

/** What is wrong with a bare UID, as the end of a sentence starting with the field's name; undefined if valid. */
export function uidProblem(uid: string): string | undefined {
  if (isValidUid(uid)) return undefined;
  if (uid.length === 0) return 'is empty';
  const bad = /[^0-9.]/.exec(uid);
  if (bad !== null) return `may contain only digits and dots, but has "${bad[0]}"`;
  if (uid.length > 64) return `is ${uid.length} characters long; the maximum is 64`;
  if (uid.startsWith('.')) return 'must not start with a dot';
  if (uid.endsWith('.')) return 'must not end with a dot';
  if (uid.includes('..')) return 'must not have two dots in a row (an empty number)';
  const leadingZero = uid.split('.').find((part) => part.length > 1 && part.startsWith('0')) ?? '';
  return `has a number with a leading zero ("${leadingZero}"): write it as ${leadingZero.replace(/^0+(?=\d)/, '')}`;
}

/**
 * DICOM UIDs (PS3.5 §9.1) and their OID-URI form: the one module that knows the `urn:oid:` prefix.
 * A UID is digits and dots, no empty component, no leading zero in a component ("0" alone is fine), at most
 * 64 characters. FHIR stores the study UID and SOP class codes as `urn:oid:` + UID; series and instance UIDs bare.
 */

const OID_PREFIX = 'urn:oid:';
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

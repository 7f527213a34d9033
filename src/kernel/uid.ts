/**
 * DICOM UIDs in their OID-URI form: the one module that knows the `urn:oid:` prefix. FHIR stores the study UID and
 * SOP class codes as `urn:oid:` + UID; series and instance UIDs bare. The UID grammar is in ./uid-syntax.ts.
 */

/** The prefix of an OID URI: how FHIR writes a UID as a URI. */
export const OID_PREFIX = 'urn:oid:';
const OID_PREFIX_ANY_CASE = /^urn:oid:/i;

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

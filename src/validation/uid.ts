/**
 * DICOM UID rules (PS3.5 §9.1) that the FHIR profile cannot express: digits and dots only, no empty
 * component, no leading zero in a component ("0" alone is fine), at most 64 characters.
 */

const UID_RULE = 'A UID is numbers separated by dots, at most 64 characters (e.g. 1.2.840.113619.2.55.3)';
export const OID_PREFIX = 'urn:oid:';

/** Numbers without leading zeros, separated by single dots. */
const UID_SYNTAX = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

/** Whether `uid` is a valid UID (the common case, so a single regex test). */
function isValidUid(uid: string): boolean {
  return uid.length <= 64 && UID_SYNTAX.test(uid);
}

/** What is wrong with a UID, as the end of a sentence starting with the field label; undefined if valid. */
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

/** What is wrong with a bare UID (series and SOP instance UIDs), after the field label; undefined if valid. */
export function bareUidProblem(uid: string): string | undefined {
  if (isValidUid(uid)) return undefined;
  if (uid.startsWith(OID_PREFIX)) {
    return `must be the bare UID without "urn:oid:" (write ${uid.slice(OID_PREFIX.length)})`;
  }
  return `${uidProblem(uid)}. ${UID_RULE}.`;
}

/** What is wrong with the study UID identifier value (`urn:oid:` + UID), after the field label; undefined if valid. */
export function studyUidProblem(value: string): string | undefined {
  if (!value.startsWith(OID_PREFIX)) {
    const hint = isValidUid(value) ? ` (write urn:oid:${value})` : ' (e.g. urn:oid:1.2.840.113619.2.55.3)';
    return `must start with "urn:oid:" followed by the UID${hint}`;
  }
  const problem = uidProblem(value.slice(OID_PREFIX.length));
  return problem === undefined ? undefined : `${problem}. ${UID_RULE}, after "urn:oid:".`;
}

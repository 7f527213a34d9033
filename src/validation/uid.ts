/**
 * DICOM UID rules (PS3.5 §9.1) that the FHIR profile cannot express, as message endings: the UID grammar itself is
 * the kernel's (src/kernel/uid.ts); here is where each UID element of an ImagingStudy may or must carry the OID URI
 * prefix.
 */
import { hasOidPrefix, OID_PREFIX } from '../kernel/uid';
import { isUnfinishedUid, isValidUid, uidProblem } from '../kernel/uid-syntax';

const UID_RULE = 'A UID is numbers separated by dots, at most 64 characters (e.g. 1.2.840.113619.2.55.3)';

/** What is wrong with a bare UID (series and SOP instance UIDs), after the field label; undefined if valid. */
export function bareUidProblem(uid: string): string | undefined {
  if (isValidUid(uid)) return undefined;
  if (hasOidPrefix(uid)) {
    return `must be the bare UID without "${OID_PREFIX}" (write ${uid.slice(OID_PREFIX.length)})`;
  }
  return `${uidProblem(uid)}. ${UID_RULE}.`;
}

/** What is wrong with the study UID identifier value (OID URI), after the field label; undefined if valid. */
export function studyUidProblem(value: string): string | undefined {
  if (!hasOidPrefix(value)) {
    const hint = isValidUid(value) ? ` (write ${OID_PREFIX}${value})` : ` (e.g. ${OID_PREFIX}1.2.840.113619.2.55.3)`;
    return `must start with "${OID_PREFIX}" followed by the UID${hint}`;
  }
  // The form shows the UID without its prefix, so the message speaks of the UID alone.
  const problem = uidProblem(value.slice(OID_PREFIX.length));
  return problem === undefined ? undefined : `${problem}. ${UID_RULE}.`;
}

/**
 * The issue code of a problem with a bare UID: `incomplete` for a UID still being typed ("1.2."), which the form shows after a
 * pause; `value` for a definite mistake, shown at once.
 */
export function uidIssueCode(uid: string): 'incomplete' | 'value' {
  return isUnfinishedUid(uid) ? 'incomplete' : 'value';
}

/** The DICOM Study Instance UID as an ImagingStudy identifier, and the searches that find a study by it. */
import type { ImagingStudy } from 'fhir/r4';

import { DICOM_UID_SYSTEM } from '../profile/canonicals';

export { DICOM_UID_SYSTEM };

/** A UID without its `urn:oid:` prefix. */
export function bareUid(uid: string): string {
  return uid.trim().replace(/^urn:oid:/, '');
}

/** The study's Study Instance UID (without `urn:oid:`), from its `urn:dicom:uid` identifier. */
export function studyUidOf(study: ImagingStudy): string | undefined {
  const value = study.identifier?.find((i) => i.system === DICOM_UID_SYSTEM)?.value;
  return value ? bareUid(value) : undefined;
}

/** The search (and conditional-create criteria) matching a study by UID: `identifier=urn:dicom:uid|urn:oid:<uid>`. */
export function uidCriteria(uid: string): string {
  return `identifier=${DICOM_UID_SYSTEM}|urn:oid:${bareUid(uid)}`;
}

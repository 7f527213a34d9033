/** An instance's SOP class as stored: a Coding whose code is the SOP Class UID as an OID URI. */
import type { Coding } from 'fhir/r4';
import { SOP_CLASS_SYSTEM } from '../kernel/canonicals';
import { bareUid, oidUri } from '../kernel/uid';

/** The Coding for a SOP class UID (bare or an OID URI), with its name as display when known. */
export function sopClassCoding(uid: string, name?: string): Coding {
  const coding: Coding = { system: SOP_CLASS_SYSTEM, code: oidUri(uid) };
  if (name) coding.display = name;
  return coding;
}

/** The bare SOP Class UID a Coding names. */
export function sopClassUidOf(coding: Coding): string {
  return bareUid(coding.code ?? '');
}

/**
 * The field table's named identifier entries, in a module of their own so that the study list can tell an accession
 * number without loading the whole table.
 */
import { DICOM_UID_SYSTEM, V2_0203_SYSTEM } from '../kernel/canonicals';
import { isRecord } from '../kernel/json';
import type { ProfileWidget } from './widgets';

/**
 * An identifier the editor and import name as a field of their own: a named slice of `ImagingStudy.identifier`
 * (marked by its system) or a typed entry beside it (marked by its HL7 v2-0203 type).
 */
export interface IdentifierEntry {
  name: string;
  label: string;
  /** The widget of an entry that is not a slice of the profile (a slice's widget is the slice's table entry). */
  widget?: ProfileWidget;
  hint?: string;
  /** The identifier system that marks the entry (the slice's pattern). */
  system?: string;
  /** The identifier type that marks the entry. */
  type?: { system: string; code: string };
}

export const STUDY_UID_ENTRY: IdentifierEntry = {
  name: 'studyUID',
  system: DICOM_UID_SYSTEM,
  label: 'Study Instance UID',
};
/** R4 ImagingStudy.identifier: "Accession Number should use ACSN Identifier type". */
export const ACCESSION_ENTRY: IdentifierEntry = {
  name: 'accession',
  type: { system: V2_0203_SYSTEM, code: 'ACSN' },
  label: 'Accession number',
  widget: 'accession',
  hint: 'the number the RIS gave the order (at most 16 characters)',
};

/** The named identifier entries, in screen order. */
export const IDENTIFIER_ENTRIES: readonly IdentifierEntry[] = [STUDY_UID_ENTRY, ACCESSION_ENTRY];

/** Whether an identifier (any JSON value) is the entry's: its system, or a coding of its type. */
export function isIdentifierEntry(entry: IdentifierEntry, identifier: unknown): boolean {
  if (!isRecord(identifier)) return false;
  if (entry.system !== undefined) return identifier.system === entry.system;
  const type = entry.type;
  const coding = isRecord(identifier.type) ? identifier.type.coding : undefined;
  return (
    type !== undefined &&
    Array.isArray(coding) &&
    coding.some((c: unknown) => isRecord(c) && c.system === type.system && c.code === type.code)
  );
}

/** The accession number identifier (typed ACSN) among `identifiers`, if there is one. */
export function accessionOf<T extends { system?: string; value?: string }>(
  identifiers: readonly T[] | undefined,
): T | undefined {
  return identifiers?.find((i) => isIdentifierEntry(ACCESSION_ENTRY, i));
}

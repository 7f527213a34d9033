/**
 * The wrong-patient check: does the patient in the DICOM header (PatientID, PatientName,
 * PatientBirthDate) match the patient the app was launched for (MRN identifiers, name, birth date)?
 */
import type { HumanName, Patient } from 'fhir/r4';
import { dicomDate } from './datetime';
import type { DicomPatient } from './types';

/** A PN value `Family^Given^Middle^Prefix^Suffix` as a person would write it: `Dr Wilhelm Conrad Röntgen`. */
export function formatPersonName(pn: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = pn.split('^').map((p) => p.trim());
  return [prefix, given, middle, family, suffix].filter((p) => p !== '').join(' ');
}

/** Lower case, no diacritics, no punctuation: `Röntgen-Smith, W.` -> `rontgen smith w`. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const tokens = (text: string): string[] =>
  normalizeName(text)
    .split(' ')
    .filter((t) => t !== '');

function humanNameTokens(name: HumanName): { family: string[]; given: string[] } {
  const given = [...(name.given ?? []), ...(name.text && !name.family ? [name.text] : [])];
  return { family: tokens(name.family ?? ''), given: given.flatMap(tokens) };
}

/** Whether a DICOM PN names the same person as one of the FHIR names (family equal, given names included). */
export function nameMatches(pn: string, names: readonly HumanName[]): boolean {
  const parts = pn.split('^');
  return names.some((name) => {
    const fhir = humanNameTokens(name);
    const all = new Set([...fhir.family, ...fhir.given]);
    if (parts.length === 1) {
      // No component separators: all that can be asked is that every word is one of the patient's.
      const words = tokens(pn);
      return words.length > 0 && words.every((w) => all.has(w));
    }
    const family = tokens(parts[0] ?? '');
    const given = [...tokens(parts[1] ?? ''), ...tokens(parts[2] ?? '')];
    const familyOk = family.length > 0 && family.join(' ') === fhir.family.join(' ');
    return (
      familyOk && given.every((g) => fhir.given.includes(g) || (g.length === 1 && fhir.given.some((f) => f[0] === g)))
    );
  });
}

/** The patient's medical record numbers: identifiers typed MR, else (untyped records) all identifiers. */
export function medicalRecordNumbers(patient: Patient): string[] {
  const ids = patient.identifier ?? [];
  const typed = ids.filter((i) => i.type?.coding?.some((c) => c.code === 'MR'));
  return (typed.length > 0 ? typed : ids).map((i) => i.value?.trim() ?? '').filter((v) => v !== '');
}

function launchName(patient: Patient): string {
  const name = patient.name?.find((n) => n.use === 'official' || n.use === 'usual') ?? patient.name?.[0];
  if (!name) return '';
  return name.text ?? [...(name.given ?? []), name.family ?? ''].filter((p) => p !== '').join(' ');
}

export interface PatientMismatch {
  field: 'id' | 'name' | 'birthDate';
  /** What is compared, in words: "Patient ID / MRN". */
  label: string;
  dicom: string;
  launch: string;
}

/**
 * Where the DICOM patient differs from the launch patient. Something missing on either side is not
 * a mismatch (there is nothing to compare), so an anonymous or sparse header passes.
 */
export function patientMismatches(dicom: DicomPatient, patient: Patient): PatientMismatch[] {
  const found: PatientMismatch[] = [];
  const mrns = medicalRecordNumbers(patient);
  if (dicom.id !== undefined && mrns.length > 0 && !mrns.some((m) => m.toLowerCase() === dicom.id?.toLowerCase())) {
    found.push({ field: 'id', label: 'Patient ID / MRN', dicom: dicom.id, launch: mrns.join(', ') });
  }
  if (dicom.name !== undefined && (patient.name?.length ?? 0) > 0 && !nameMatches(dicom.name, patient.name ?? [])) {
    found.push({ field: 'name', label: 'Name', dicom: formatPersonName(dicom.name), launch: launchName(patient) });
  }
  const birth = dicomDate(dicom.birthDate);
  if (birth !== undefined && patient.birthDate !== undefined && !birth.startsWith(patient.birthDate)) {
    found.push({ field: 'birthDate', label: 'Birth date', dicom: birth, launch: patient.birthDate });
  }
  return found;
}

/** The note recorded in the study when the user imports despite a mismatch. */
export function mismatchNote(mismatches: readonly PatientMismatch[], when: Date = new Date()): string {
  const details = mismatches.map((m) => `${m.label}: DICOM "${m.dicom}", launch patient "${m.launch}"`).join('; ');
  return (
    `Imported from DICOM whose patient did not match the launch patient; the user confirmed the import ` +
    `on ${when.toISOString()}. ${details}.`
  );
}

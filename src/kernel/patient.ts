/** How a patient (or another person) is named on screen: the one home for patient display. */
import type { HumanName, Identifier, Patient } from 'fhir/r4';
import { V2_0203_SYSTEM } from './canonicals';

function formatName(name: HumanName): string {
  if (name.text?.trim()) return name.text.trim();
  const given = (name.given ?? []).join(' ');
  return [name.prefix?.join(' '), given, name.family].filter((p) => p && p.trim()).join(' ');
}

/**
 * A person's name as written on a record (a reference's display): the official name, else the first in use. For a
 * patient, and for a practitioner (a referring physician).
 */
export function personNameText(person: { name?: HumanName[] }): string | undefined {
  const names = person.name ?? [];
  const chosen = names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'old') ?? names[0];
  return (chosen && formatName(chosen)) || undefined;
}

/** The patient's display name on screen, never empty. */
export function patientName(patient: Patient): string {
  return personNameText(patient) ?? 'Unnamed patient';
}

function isMrn(identifier: Identifier): boolean {
  return (identifier.type?.coding ?? []).some((c) => c.code === 'MR' && (!c.system || c.system === V2_0203_SYSTEM));
}

/** The medical record number: the identifier typed MR, else the `usual` one. */
export function patientMrn(patient: Patient): string | undefined {
  const ids = patient.identifier ?? [];
  return (ids.find(isMrn) ?? ids.find((i) => i.use === 'usual'))?.value;
}

const SEX: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' };

export function patientSex(patient: Patient): string | undefined {
  return patient.gender ? SEX[patient.gender] : undefined;
}

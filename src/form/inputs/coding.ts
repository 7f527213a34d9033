/** Coding helpers shared by the pickers. */
import type { Coding } from 'fhir/r4';
import type { ValueSetConcept } from '../../profile/model';

export function isCoding(value: unknown): value is Coding {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The codings of an array value; non-coding items are dropped from the view (kept in the value). */
export function codingsOf(value: unknown): Coding[] {
  return Array.isArray(value) ? value.filter(isCoding) : [];
}

/** A Coding for a value-set concept. */
export function conceptToCoding(concept: ValueSetConcept): Coding {
  return concept.display === undefined
    ? { system: concept.system, code: concept.code }
    : { system: concept.system, code: concept.code, display: concept.display };
}

/** Whether a coding is one of the concepts. */
export function inConcepts(coding: Coding, concepts: readonly ValueSetConcept[]): boolean {
  return concepts.some((c) => c.system === coding.system && c.code === coding.code);
}

/** Matches by code prefix ("CT") or by any word of the meaning ("tomography"), case-insensitively. */
export function matchesConcept(concept: ValueSetConcept, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return concept.code.toLowerCase().startsWith(q) || (concept.display ?? '').toLowerCase().includes(q);
}

export function codingLabel(coding: Coding): string {
  const code = coding.code ?? '';
  return coding.display ? `${code} — ${coding.display}` : code;
}

export function sameCoding(a: Coding, b: Coding): boolean {
  return a.system === b.system && a.code === b.code;
}

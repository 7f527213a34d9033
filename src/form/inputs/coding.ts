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

/**
 * How well a concept matches what the user typed, lower is better; undefined when it does not match.
 * The exact code comes first, then codes starting with the text, then meanings with a word starting
 * with it, then meanings merely containing it: typing "US" offers Ultrasound before "Photoacoustic".
 */
export function conceptRank(concept: ValueSetConcept, query: string): number | undefined {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const code = concept.code.toLowerCase();
  const display = (concept.display ?? '').toLowerCase();
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  for (let at = display.indexOf(q); at >= 0; at = display.indexOf(q, at + 1)) {
    if (at === 0 || !/[a-z0-9]/.test(display.charAt(at - 1))) return 2;
  }
  return display.includes(q) ? 3 : undefined;
}

/** Matches by code prefix ("CT") or within the meaning ("tomography"), case-insensitively. */
export function matchesConcept(concept: ValueSetConcept, query: string): boolean {
  return conceptRank(concept, query) !== undefined;
}

/** The concepts that match the query, best first (stable within a rank). */
export function rankConcepts<T extends ValueSetConcept>(concepts: readonly T[], query: string): T[] {
  return concepts
    .map((concept, index) => ({ concept, index, rank: conceptRank(concept, query) }))
    .filter((r): r is { concept: T; index: number; rank: number } => r.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.concept);
}

/** Codings that match the typed text, best first: an Autocomplete's `filterOptions` for codings. */
export function rankCodings(options: readonly Coding[], state: { inputValue: string }): Coding[] {
  return rankConcepts(
    options.map((coding) => ({
      system: coding.system ?? '',
      code: coding.code ?? '',
      display: coding.display,
      coding,
    })),
    state.inputValue,
  ).map((c) => c.coding);
}

export function codingLabel(coding: Coding): string {
  const code = coding.code ?? '';
  return coding.display ? `${code} — ${coding.display}` : code;
}

export function sameCoding(a: Coding, b: Coding): boolean {
  return a.system === b.system && a.code === b.code;
}

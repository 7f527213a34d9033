/**
 * DICOM coded values to FHIR Codings: coding scheme designators (PS3.16 8.2) to code system URIs,
 * BodyPartExamined defined terms to DICOM CID 4031 (PS3.16 Annex L) and Laterality to CID 244.
 */
import type { CodeableConcept, Coding } from 'fhir/r4';
import { DCM_SYSTEM, LOINC_SYSTEM, SNOMED_SYSTEM } from '../../kernel/canonicals';
import { anatomicRegionFor, lateralityConcept } from '../../profile/dicom-terminology';
import type { CodedEntry } from './types';

const SCHEMES: Record<string, string> = {
  DCM: DCM_SYSTEM,
  SCT: SNOMED_SYSTEM,
  SRT: SNOMED_SYSTEM,
  LN: LOINC_SYSTEM,
  RADLEX: 'http://radlex.org',
  UCUM: 'http://unitsofmeasure.org',
  I10: 'http://hl7.org/fhir/sid/icd-10',
  I10P: 'http://www.cms.gov/Medicare/Coding/ICD10',
};

/** A code sequence item as a CodeableConcept; an unknown scheme keeps its designator in the text. */
export function codedEntryToConcept(entry: CodedEntry): CodeableConcept {
  const system = entry.scheme === undefined ? undefined : SCHEMES[entry.scheme.toUpperCase()];
  const coding: Coding = { code: entry.value };
  if (system !== undefined) coding.system = system;
  if (entry.meaning !== undefined) coding.display = entry.meaning;
  const concept: CodeableConcept = { coding: [coding] };
  if (system === undefined && entry.scheme !== undefined) {
    concept.text = `${entry.meaning ?? entry.value} (${entry.scheme} ${entry.value})`;
  } else if (entry.meaning !== undefined) {
    concept.text = entry.meaning;
  }
  return concept;
}

/**
 * BodyPartExamined as a Coding: the CID 4031 region PS3.16 Annex L gives for the defined term (101 of its 119
 * regions have one), else the term as it is, as display text, for the user to pick a region for.
 */
export function bodyPartCoding(term: string): Coding {
  const region = anatomicRegionFor(term);
  return region ? { ...region } : { display: term };
}

/** DICOM Laterality (0020,0060) and ImageLaterality (0020,0062) values as their CID 244 SNOMED CT codes. */
const LATERALITY_CODES: Record<string, string> = { R: '24028007', L: '7771000', B: '51440002' };

/** Laterality `R`/`L` (or ImageLaterality `B`) as its CID 244 Coding; `U` (unpaired) has none. */
export function lateralityCoding(value: string | undefined): Coding | undefined {
  const code = value === undefined ? undefined : LATERALITY_CODES[value.toUpperCase()];
  const concept = code === undefined ? undefined : lateralityConcept(code);
  return concept ? { ...concept } : undefined;
}

/** A DICOM modality code as a DCM Coding, with the CID 29 meaning when it has one. */
export function modalityCoding(code: string, cid29: ReadonlyMap<string, string>): Coding {
  const display = cid29.get(code);
  return display === undefined ? { system: DCM_SYSTEM, code } : { system: DCM_SYSTEM, code, display };
}

/**
 * DICOM coded values to FHIR Codings: coding scheme designators (PS3.16 8.2) to code system URIs,
 * BodyPartExamined defined terms to SNOMED CT (PS3.16 Annex L, common regions only) and Laterality.
 */
import type { CodeableConcept, Coding } from 'fhir/r4';
import { DCM_SYSTEM, LOINC_SYSTEM, SNOMED_SYSTEM } from '../../kernel/canonicals';
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

const BODY_PARTS: Record<string, [code: string, display: string]> = {
  ABDOMEN: ['818981001', 'Abdomen'],
  BRAIN: ['12738006', 'Brain'],
  BREAST: ['76752008', 'Breast'],
  CHEST: ['43799004', 'Chest'],
  HEAD: ['69536005', 'Head'],
  HEART: ['80891009', 'Heart'],
  KNEE: ['72696002', 'Knee'],
  NECK: ['45048000', 'Neck'],
  PELVIS: ['816092008', 'Pelvis'],
};

/** BodyPartExamined as a Coding: SNOMED CT for the common regions, else the DICOM term as display text. */
export function bodyPartCoding(term: string): Coding {
  const known = BODY_PARTS[term.toUpperCase()];
  return known ? { system: SNOMED_SYSTEM, code: known[0], display: known[1] } : { display: term };
}

const LATERALITY: Record<string, Coding> = {
  R: { system: SNOMED_SYSTEM, code: '24028007', display: 'Right' },
  L: { system: SNOMED_SYSTEM, code: '7771000', display: 'Left' },
  B: { system: SNOMED_SYSTEM, code: '51440002', display: 'Right and left' },
};

/** Laterality `R`/`L` (or ImageLaterality `B`) as the SNOMED CT Coding R4 suggests; `U` (unpaired) has none. */
export function lateralityCoding(value: string | undefined): Coding | undefined {
  const known = value === undefined ? undefined : LATERALITY[value.toUpperCase()];
  return known ? { ...known } : undefined;
}

/** A DICOM modality code as a DCM Coding, with the CID 29 meaning when it has one. */
export function modalityCoding(code: string, cid29: ReadonlyMap<string, string>): Coding {
  const display = cid29.get(code);
  return display === undefined ? { system: DCM_SYSTEM, code } : { system: DCM_SYSTEM, code, display };
}

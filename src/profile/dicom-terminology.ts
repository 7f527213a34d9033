/**
 * The DICOM code lists the series pickers offer (CID 4031 body sites, CID 244 laterality) and the Annex L
 * BodyPartExamined map the DICOM import uses. About 8 KB of tables: imported by the picker's lazy chunk and the
 * import slice, never by the editor's first load.
 */
import type { ValueSetConcept, ValueSetModel } from './model';
import terminology from './generated/dicom-terminology.json';

/** DICOM CID 4031 Common Anatomic Region, SNOMED CT codes with their DICOM code meanings. */
export const ANATOMIC_REGIONS: ValueSetModel = terminology.anatomicRegions;
/** DICOM CID 244 Laterality, SNOMED CT codes with their DICOM code meanings. */
export const LATERALITY: ValueSetModel = terminology.laterality;

const BODY_PARTS: Readonly<Record<string, string | undefined>> = terminology.bodyPartExamined;
const REGIONS_BY_CODE = new Map(ANATOMIC_REGIONS.concepts.map((c) => [c.code, c]));

/**
 * The CID 4031 concept PS3.16 Annex L gives for a BodyPartExamined (0018,0015) defined term (case and surrounding
 * spaces ignored); undefined for a term Table L-1 does not list.
 */
export function anatomicRegionFor(bodyPartExamined: string): ValueSetConcept | undefined {
  const code = BODY_PARTS[bodyPartExamined.trim().toUpperCase()];
  return code === undefined ? undefined : REGIONS_BY_CODE.get(code);
}

/** The CID 244 concept with this SNOMED CT code. */
export function lateralityConcept(code: string): ValueSetConcept | undefined {
  return LATERALITY.concepts.find((c) => c.code === code);
}

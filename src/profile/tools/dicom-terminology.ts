/**
 * The DICOM code lists the editor offers beyond the bound value sets, generated from the shared terminology files
 * (copied from `../shared/terminology/` into ../definitions/dicom/): CID 4031 Common Anatomic Region (series body site), CID 244
 * Laterality, and PS3.16 Annex L's BodyPartExamined defined terms for the CID 4031 codes. R4 binds body site and
 * laterality by example only, so these lists are what the pickers offer, not rules the validator applies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValueSetConcept } from '../model';

/**
 * The project's own copy of the two shared DICOM tables (from `../shared/terminology/`, as CID 29 is carried in
 * ../definitions/): a fresh clone builds and tests without the folder beside it.
 */
export const SHARED_TERMINOLOGY_DIR = fileURLToPath(new URL('../definitions/dicom/', import.meta.url));

const PART16 = 'http://dicom.nema.org/medical/dicom/current/output/chtml/part16/';

interface SharedCode {
  system: string;
  code: string;
  display: string;
  bodyPartExamined?: string;
}

interface SharedContextGroup {
  system: string;
  cid: number;
  title: string;
  version: string;
  codes: SharedCode[];
}

/** One context group as the app carries it: the shape of an expanded value set, plus its version. */
export interface ContextGroupJson {
  url: string;
  title: string;
  version: string;
  concepts: ValueSetConcept[];
}

export interface DicomTerminologyJson {
  description: string;
  anatomicRegions: ContextGroupJson;
  laterality: ContextGroupJson;
  /** Annex L: a BodyPartExamined defined term → the CID 4031 code it corresponds to. */
  bodyPartExamined: Record<string, string>;
}

function readGroup(file: string): SharedContextGroup {
  const json = JSON.parse(fs.readFileSync(path.join(SHARED_TERMINOLOGY_DIR, file), 'utf8')) as SharedContextGroup;
  if (!Array.isArray(json.codes) || typeof json.cid !== 'number') throw new Error(`${file} is not a context group`);
  return json;
}

function contextGroup(group: SharedContextGroup): ContextGroupJson {
  return {
    url: `${PART16}sect_CID_${group.cid}.html`,
    title: `${group.title} (DICOM CID ${group.cid})`,
    version: group.version,
    concepts: group.codes.map(({ system, code, display }) => ({ system: system || group.system, code, display })),
  };
}

/** The generated table, from the shared files as they are now. */
export function dicomTerminology(): DicomTerminologyJson {
  const regions = readGroup('dicom-cid4031-anatomic-regions.json');
  const laterality = readGroup('dicom-cid244-laterality.json');
  const bodyPartExamined: Record<string, string> = {};
  for (const c of regions.codes) {
    if (c.bodyPartExamined === undefined) continue;
    if (bodyPartExamined[c.bodyPartExamined] !== undefined) throw new Error(`${c.bodyPartExamined} is mapped twice`);
    bodyPartExamined[c.bodyPartExamined] = c.code;
  }
  return {
    description:
      'DICOM PS3.16 CID 4031 Common Anatomic Region and CID 244 Laterality (SNOMED CT), and Annex L Table L-1 BodyPartExamined defined terms for the CID 4031 codes; generated from ../shared/terminology/ by `npm run profiles`.',
    anatomicRegions: contextGroup(regions),
    laterality: contextGroup(laterality),
    bodyPartExamined,
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNOMED_SYSTEM } from '../kernel/canonicals';
import { ANATOMIC_REGIONS, LATERALITY, anatomicRegionFor } from './dicom-terminology';
import { SHARED_TERMINOLOGY_DIR } from './tools/dicom-terminology';

interface SharedCode {
  code: string;
  display: string;
  bodyPartExamined?: string;
}
const shared = (file: string): SharedCode[] =>
  (JSON.parse(fs.readFileSync(path.join(SHARED_TERMINOLOGY_DIR, file), 'utf8')) as { codes: SharedCode[] }).codes;

describe('the DICOM code lists the project carries', () => {
  it('offers all 119 CID 4031 anatomic regions, as SNOMED CT codes with their DICOM meanings', () => {
    const codes = shared('dicom-cid4031-anatomic-regions.json');
    expect(codes).toHaveLength(119);
    expect(ANATOMIC_REGIONS.concepts).toHaveLength(119);
    expect(ANATOMIC_REGIONS.concepts).toEqual(
      codes.map((c) => ({ system: SNOMED_SYSTEM, code: c.code, display: c.display })),
    );
    expect(ANATOMIC_REGIONS.url).toBe(
      'http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_4031.html',
    );
  });

  it('offers the 4 CID 244 lateralities, Bilateral under its DICOM meaning', () => {
    expect(LATERALITY.concepts.map((c) => `${c.code} ${c.display ?? ''}`)).toEqual([
      '24028007 Right',
      '7771000 Left',
      '51440002 Bilateral',
      '66459002 Unilateral',
    ]);
    expect(LATERALITY.concepts.every((c) => c.system === SNOMED_SYSTEM)).toBe(true);
  });

  it('maps the 101 BodyPartExamined terms Annex L gives a CID 4031 code for, and no other', () => {
    const codes = shared('dicom-cid4031-anatomic-regions.json');
    const mapped = codes.filter((c) => c.bodyPartExamined !== undefined);
    expect(mapped).toHaveLength(101);
    for (const c of mapped) expect(anatomicRegionFor(c.bodyPartExamined ?? '')?.code).toBe(c.code);
    // 18 regions have no defined term; the Table L-1 endoscopic approaches are not body regions of CID 4031.
    expect(codes.length - mapped.length).toBe(18);
    expect(anatomicRegionFor('ENDOCARDIAC')).toBeUndefined();
  });

  it('maps CHEST to the CID 4031 Chest (816094009), not the older 43799004, whatever its case', () => {
    expect(anatomicRegionFor('CHEST')).toEqual({ system: SNOMED_SYSTEM, code: '816094009', display: 'Chest' });
    expect(anatomicRegionFor(' chest ')?.code).toBe('816094009');
  });
});

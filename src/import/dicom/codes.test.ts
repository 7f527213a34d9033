import { describe, expect, it } from 'vitest';
import { bodyPartCoding, lateralityCoding } from './codes';

const SCT = 'http://snomed.info/sct';

describe('DICOM body part and laterality as FHIR Codings', () => {
  it('codes a BodyPartExamined term as the CID 4031 region Annex L gives, and keeps any other term as text', () => {
    expect(bodyPartCoding('CHEST')).toEqual({ system: SCT, code: '816094009', display: 'Chest' });
    expect(bodyPartCoding('acjoint')).toEqual({ system: SCT, code: '85856004', display: 'Acromioclavicular joint' });
    expect(bodyPartCoding('LEFT KNEE-ISH')).toEqual({ display: 'LEFT KNEE-ISH' });
  });

  it('codes Laterality R, L and B with the CID 244 meanings; U has no code', () => {
    expect(lateralityCoding('R')).toEqual({ system: SCT, code: '24028007', display: 'Right' });
    expect(lateralityCoding('l')).toEqual({ system: SCT, code: '7771000', display: 'Left' });
    expect(lateralityCoding('B')).toEqual({ system: SCT, code: '51440002', display: 'Bilateral' });
    expect(lateralityCoding('U')).toBeUndefined();
    expect(lateralityCoding(undefined)).toBeUndefined();
  });
});

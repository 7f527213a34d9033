import { describe, expect, it } from 'vitest';
import { conceptRank, rankConcepts } from './coding';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const concepts = [
  { system: DCM, code: 'BI', display: 'Biomagnetic Imaging' },
  { system: DCM, code: 'MR', display: 'Magnetic Resonance' },
  { system: DCM, code: 'PA', display: 'Photoacoustic' },
  { system: DCM, code: 'US', display: 'Ultrasound' },
  { system: DCM, code: 'CT', display: 'Computed Tomography' },
];

describe('rankConcepts', () => {
  it('puts the exact code first, before meanings that merely contain the text', () => {
    expect(rankConcepts(concepts, 'us').map((c) => c.code)).toEqual(['US', 'PA']);
  });

  it('prefers a meaning word that starts with the text over one that contains it', () => {
    expect(rankConcepts(concepts, 'magnetic').map((c) => c.code)).toEqual(['MR', 'BI']);
    expect(rankConcepts(concepts, 'magnetic res').map((c) => c.code)).toEqual(['MR']);
  });

  it('keeps the value set order for an empty query and drops what does not match', () => {
    expect(rankConcepts(concepts, ' ').map((c) => c.code)).toEqual(['BI', 'MR', 'PA', 'US', 'CT']);
    expect(conceptRank({ system: DCM, code: 'CT', display: 'Computed Tomography' }, 'xray')).toBeUndefined();
  });
});

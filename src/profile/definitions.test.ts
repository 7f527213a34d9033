import { describe, expect, it } from 'vitest';
import cid29 from './definitions/ValueSet-dicom-cid29-acquisition-modality.json';
import endpointStatus from './definitions/ValueSet-endpoint-status.json';
import connectionType from './definitions/ValueSet-imaging-study-endpoint-connectiontype-vs.json';
import payloadType from './definitions/ValueSet-imaging-study-endpoint-payloadtype-vs.json';
import imagingStudyStatus from './definitions/ValueSet-imagingstudy-status.json';

interface ValueSetFile {
  url: string;
  compose: { include: { system: string; concept: { code: string; display: string }[] }[] };
  expansion: { timestamp: string; total: number; contains: { system: string; code: string; display: string }[] };
}

const valueSets: ValueSetFile[] = [cid29, endpointStatus, connectionType, payloadType, imagingStudyStatus];

describe('hand-written value sets', () => {
  it.each(valueSets.map((vs) => [vs.url, vs] as const))(
    '%s: the committed expansion lists exactly the composed codes',
    (_url, vs) => {
      const composed = vs.compose.include.flatMap((inc) =>
        inc.concept.map((c) => ({ system: inc.system, code: c.code, display: c.display })),
      );
      expect(vs.expansion.contains).toEqual(composed);
      expect(vs.expansion.total).toBe(composed.length);
      expect(vs.expansion.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    },
  );

  it('binds CID 29 at the canonical base R4 ImagingStudy.modality uses, with all 51 codes', () => {
    expect(cid29.url).toBe('http://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_29.html');
    expect(cid29.expansion.contains).toHaveLength(51);
    expect(new Set(cid29.expansion.contains.map((c) => c.code)).size).toBe(51);
  });
});

import { describe, expect, it } from 'vitest';
import { buildStudy, CT_IMAGE, notDicomFile, toPart10, truncatedFile } from '../testing/build';
import { FIRST_SLICE, pixelDataEnd, readHeader, REASONS, type ByteSource } from './header';

/** A byte source that records how far it was read, to prove pixel data is left alone. */
function tracked(bytes: Uint8Array): ByteSource & { furthest: number } {
  const source = {
    size: bytes.length,
    furthest: 0,
    slice(start: number, end: number) {
      source.furthest = Math.max(source.furthest, end);
      return { arrayBuffer: async () => bytes.slice(start, end).buffer };
    },
  };
  return source;
}

const study = buildStudy({
  patientId: 'MRN-1',
  patientName: 'Lovelace^Ada',
  birthDate: '18151210',
  accession: 'A-1',
  description: 'CT chest',
  date: '20240314',
  time: '092653.5',
  timezoneOffset: '+0100',
  referringPhysician: 'Curie^Marie',
  procedure: { code: '29252-4', scheme: 'LN', meaning: 'CT Chest' },
  // 512 x 512 x 2 bytes: the pixel data is far larger than the first slice.
  matrix: 512,
  series: [
    { modality: 'CT', sopClassUid: CT_IMAGE, description: 'Axial', bodyPart: 'CHEST', laterality: 'R', instances: 1 },
  ],
});
const file = (study.instances[0] as { bytes: Uint8Array }).bytes;

describe('readHeader', () => {
  it('reads the study, series and instance attributes and never the pixel data', async () => {
    const source = tracked(file);
    const result = await readHeader(source);
    expect(result).toEqual({
      ok: true,
      header: {
        study: {
          studyUid: study.studyUid,
          date: '20240314',
          time: '092653.5',
          timezoneOffset: '+0100',
          description: 'CT chest',
          accession: 'A-1',
          referringPhysician: 'Curie^Marie',
          procedureCodes: [{ value: '29252-4', scheme: 'LN', meaning: 'CT Chest' }],
          patient: { id: 'MRN-1', name: 'Lovelace^Ada', birthDate: '18151210' },
        },
        series: {
          uid: study.seriesUids[0],
          number: 1,
          modality: 'CT',
          description: 'Axial',
          bodyPart: 'CHEST',
          laterality: 'R',
        },
        instance: { uid: study.instances[0]?.sopInstanceUid, sopClassUid: CT_IMAGE, number: 1 },
      },
    });
    expect(file.length).toBeGreaterThan(500_000);
    expect(source.furthest).toBe(FIRST_SLICE);
  });

  it('grows the slice when the header is larger than the first one', async () => {
    const source = tracked(file);
    const result = await readHeader(source, 200);
    expect(result.ok).toBe(true);
    expect(source.furthest).toBeLessThan(file.length);
  });

  it('skips a file that is not DICOM, with the reason', async () => {
    expect(await readHeader(tracked(notDicomFile()))).toEqual({ ok: false, reason: REASONS.notDicom });
  });

  it('skips a file cut off inside its header', async () => {
    expect(await readHeader(tracked(truncatedFile(file, 300)))).toEqual({ ok: false, reason: REASONS.cutShort });
  });

  it('skips a file whose image data is cut short, naming the sizes', async () => {
    const cut = file.slice(0, file.length - 1000);
    const result = await readHeader(tracked(cut));
    expect(result).toEqual({
      ok: false,
      reason: `damaged or cut short: the image data stops after ${cut.length} of ${file.length} bytes`,
    });
  });

  it('skips a DICOMDIR and a dataset without UIDs', async () => {
    const dicomdir = toPart10({ SOPClassUID: '1.2.840.10008.1.3.10', SOPInstanceUID: '2.25.1', FileSetID: 'DISC' });
    expect(await readHeader(tracked(dicomdir))).toEqual({ ok: false, reason: REASONS.dicomdir });
    const orphan = toPart10({ SOPClassUID: CT_IMAGE, SOPInstanceUID: '2.25.2', Modality: 'CT' });
    expect(await readHeader(tracked(orphan))).toEqual({ ok: false, reason: REASONS.noUids });
  });
});

describe('pixelDataEnd', () => {
  it('finds where explicit-VR pixel data ends', () => {
    expect(pixelDataEnd(file, '1.2.840.10008.1.2.1')).toBe(file.length);
  });
  it('gives up on encapsulated (undefined-length) pixel data', () => {
    const bytes = new Uint8Array(160);
    bytes.set([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff], 140);
    expect(pixelDataEnd(bytes, '1.2.840.10008.1.2.4.50')).toBeUndefined();
  });
});

/**
 * Builds DICOM Part 10 files with dcmjs: test studies of several series, with a small real pixel
 * matrix so that a PACS accepts them. Pure functions (no disk), shared by the e2e generator, the
 * benchmark and unit tests.
 */
import { randomUUID } from 'node:crypto';
import dcmjs from 'dcmjs';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
export const MR_IMAGE = '1.2.840.10008.5.1.4.1.1.4';
export const PET_IMAGE = '1.2.840.10008.5.1.4.1.1.128';
export const BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11';
const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';

/** A fresh UID under the 2.25 (UUID) root. */
export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString(10)}`;
}

export interface SeriesSpec {
  modality: string;
  sopClassUid: string;
  description?: string;
  bodyPart?: string;
  laterality?: string;
  instances: number;
  number?: number;
  /** Pixel matrix side for this series; default the study's. */
  matrix?: number;
}

export interface StudySpec {
  studyUid?: string;
  patientId: string;
  /** PN form, `Family^Given`. */
  patientName: string;
  /** `YYYYMMDD`. */
  birthDate?: string;
  accession?: string;
  description?: string;
  /** `YYYYMMDD` and `HHMMSS`. */
  date: string;
  time?: string;
  /** `+HHMM`; left out for a study without a time-zone offset. */
  timezoneOffset?: string;
  referringPhysician?: string;
  procedure?: { code: string; scheme: string; meaning: string };
  series: SeriesSpec[];
  /** Pixel matrix side (rows = columns), 16-bit; default 64 (8 KB of pixel data). */
  matrix?: number;
}

export interface BuiltInstance {
  name: string;
  bytes: Uint8Array;
  seriesUid: string;
  sopInstanceUid: string;
}

export interface BuiltStudy {
  studyUid: string;
  seriesUids: string[];
  instances: BuiltInstance[];
}

/** Writes one dataset (naturalized keywords) as a Part 10 file. */
export function toPart10(dataset: Record<string, unknown>): Uint8Array {
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LE,
    ImplementationClassUID: '2.25.310145698785913283911093424512153612961',
    ImplementationVersionName: 'IMR-TEST-1',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}

function pixels(matrix: number, seed: number): ArrayBuffer {
  const data = new Uint16Array(matrix * matrix);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + seed * 13) % 4096;
  return data.buffer;
}

function imageModule(matrix: number, seed: number): Record<string, unknown> {
  return {
    Rows: matrix,
    Columns: matrix,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    PixelData: [pixels(matrix, seed)],
    _vrMap: { PixelData: 'OW' },
  };
}

/** Builds every instance of a study; image SOP classes get pixel data, SR does not. */
export function buildStudy(spec: StudySpec): BuiltStudy {
  const studyUid = spec.studyUid ?? newUid();
  const seriesUids: string[] = [];
  const instances: BuiltInstance[] = [];
  spec.series.forEach((series, s) => {
    const seriesUid = newUid();
    seriesUids.push(seriesUid);
    for (let i = 0; i < series.instances; i++) {
      const sopInstanceUid = newUid();
      const dataset: Record<string, unknown> = {
        SpecificCharacterSet: 'ISO_IR 192',
        SOPClassUID: series.sopClassUid,
        SOPInstanceUID: sopInstanceUid,
        StudyDate: spec.date,
        StudyTime: spec.time ?? '',
        AccessionNumber: spec.accession ?? '',
        Modality: series.modality,
        ReferringPhysicianName: spec.referringPhysician ?? '',
        StudyDescription: spec.description,
        SeriesDescription: series.description,
        PatientName: spec.patientName,
        PatientID: spec.patientId,
        PatientBirthDate: spec.birthDate ?? '',
        PatientSex: 'O',
        StudyInstanceUID: studyUid,
        SeriesInstanceUID: seriesUid,
        StudyID: '1',
        SeriesNumber: series.number ?? s + 1,
        InstanceNumber: i + 1,
      };
      if (spec.timezoneOffset !== undefined) dataset.TimezoneOffsetFromUTC = spec.timezoneOffset;
      if (series.bodyPart !== undefined) dataset.BodyPartExamined = series.bodyPart;
      if (series.laterality !== undefined) dataset.Laterality = series.laterality;
      if (spec.procedure) {
        dataset.ProcedureCodeSequence = [
          {
            CodeValue: spec.procedure.code,
            CodingSchemeDesignator: spec.procedure.scheme,
            CodeMeaning: spec.procedure.meaning,
          },
        ];
      }
      if (series.sopClassUid !== BASIC_TEXT_SR)
        Object.assign(dataset, imageModule(series.matrix ?? spec.matrix ?? 64, i));
      for (const key of Object.keys(dataset)) if (dataset[key] === undefined) delete dataset[key];
      instances.push({
        name: `${series.modality}-s${s + 1}-i${String(i + 1).padStart(4, '0')}.dcm`,
        bytes: toPart10(dataset),
        seriesUid,
        sopInstanceUid,
      });
    }
  });
  return { studyUid, seriesUids, instances };
}

/** A file that is not DICOM at all (a text note someone copied onto the disc). */
export function notDicomFile(): Uint8Array {
  return new TextEncoder().encode('Patient leaflet: please arrive 15 minutes before your appointment.\n');
}

/** A DICOM file cut off inside its header (as a failed copy leaves it). */
export function truncatedFile(from: Uint8Array, keep = 300): Uint8Array {
  return from.slice(0, keep);
}

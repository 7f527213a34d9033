/**
 * Test DICOM on disk: writes generated studies (see build.ts) into a temp directory, plus a
 * non-DICOM file and a truncated one, for the drop and lookup tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeedPatient } from '../sandbox/seed';
import {
  BASIC_TEXT_SR,
  buildStudy,
  CT_IMAGE,
  MR_IMAGE,
  notDicomFile,
  PET_IMAGE,
  truncatedFile,
  type BuiltStudy,
  type StudySpec,
} from '../../src/import/testing/build';

export interface WrittenStudy extends BuiltStudy {
  dir: string;
  files: string[];
}

/** A fresh temp directory for generated files. */
export function tempDir(prefix = 'imr-dicom-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes a study's instances as `<dir>/<series>/<instance>.dcm`. */
export function writeStudy(dir: string, spec: StudySpec): WrittenStudy {
  const built = buildStudy(spec);
  const files = built.instances.map((instance) => {
    const file = path.join(dir, instance.name);
    fs.writeFileSync(file, instance.bytes);
    return file;
  });
  return { ...built, dir, files };
}

/** `Family^Given` for a seeded patient. */
export function pnOf(patient: SeedPatient): string {
  return `${patient.family}^${patient.given}`;
}

/** A three-series study (CT, PT, SR) for a patient; with or without a time-zone offset. */
export function threeSeriesStudy(
  patient: SeedPatient,
  options: { withOffset: boolean; accession: string; patientId?: string; date?: string },
): StudySpec {
  const spec: StudySpec = {
    patientId: options.patientId ?? patient.mrn,
    patientName: pnOf(patient),
    birthDate: patient.birthDate.replaceAll('-', ''),
    accession: options.accession,
    description: 'PET-CT whole body',
    date: options.date ?? '20240314',
    time: '092653',
    referringPhysician: 'Curie^Marie^^Dr',
    procedure: { code: '44136-0', scheme: 'LN', meaning: 'PET-CT Whole body' },
    series: [
      { modality: 'CT', sopClassUid: CT_IMAGE, description: 'CT low dose', bodyPart: 'CHEST', instances: 3 },
      { modality: 'PT', sopClassUid: PET_IMAGE, description: 'PET AC', bodyPart: 'CHEST', instances: 2 },
      { modality: 'SR', sopClassUid: BASIC_TEXT_SR, description: 'Dose report', instances: 1 },
    ],
  };
  if (options.withOffset) spec.timezoneOffset = '+0100';
  return spec;
}

/** A second, smaller study (MR knee) for mixed-drop tests. */
export function kneeStudy(patient: SeedPatient, accession: string): StudySpec {
  return {
    patientId: patient.mrn,
    patientName: pnOf(patient),
    birthDate: patient.birthDate.replaceAll('-', ''),
    accession,
    description: 'MR knee left',
    date: '20240220',
    time: '141500',
    timezoneOffset: '+0100',
    series: [
      { modality: 'MR', sopClassUid: MR_IMAGE, description: 'PD sag', bodyPart: 'KNEE', laterality: 'L', instances: 2 },
    ],
  };
}

/** Writes `notes.txt` (not DICOM) and `broken.dcm` (cut inside its header) next to a study. */
export function writeBadFiles(dir: string, sample: Uint8Array): { notDicom: string; truncated: string } {
  const notDicom = path.join(dir, 'notes.txt');
  const truncated = path.join(dir, 'broken.dcm');
  fs.writeFileSync(notDicom, notDicomFile());
  fs.writeFileSync(truncated, truncatedFile(sample));
  return { notDicom, truncated };
}

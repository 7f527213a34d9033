/**
 * What the import keeps of a DICOM instance: the study, series and instance attributes the
 * ImagingStudy mapping needs, as plain structured-cloneable data (it crosses the worker boundary).
 * Files and QIDO-RS answers both end up in these shapes, so one mapping serves both.
 */

/** A coded entry of a code sequence (e.g. ProcedureCodeSequence): PS3.3 Table 8.8-1. */
export interface CodedEntry {
  value: string;
  scheme?: string;
  meaning?: string;
}

/** Who the images are of, as the DICOM header says. */
export interface DicomPatient {
  /** PatientID (0010,0020). */
  id?: string;
  /** PatientName (0010,0010), PN form `Family^Given^Middle^Prefix^Suffix`. */
  name?: string;
  /** PatientBirthDate (0010,0030), `YYYYMMDD`. */
  birthDate?: string;
}

export interface StudyAttributes {
  studyUid: string;
  /** StudyDate (0008,0020), `YYYYMMDD`. */
  date?: string;
  /** StudyTime (0008,0030), `HHMMSS.FFFFFF` or shorter. */
  time?: string;
  /** TimezoneOffsetFromUTC (0008,0201), `+HHMM` / `-HHMM`. */
  timezoneOffset?: string;
  description?: string;
  accession?: string;
  /** ReferringPhysicianName (0008,0090), PN form. */
  referringPhysician?: string;
  procedureCodes: CodedEntry[];
  patient: DicomPatient;
}

export interface SeriesAttributes {
  uid: string;
  number?: number;
  modality?: string;
  description?: string;
  /** BodyPartExamined (0018,0015), a defined term such as `CHEST`. */
  bodyPart?: string;
  /** Laterality (0020,0060): `R` or `L`. */
  laterality?: string;
}

export interface InstanceAttributes {
  uid: string;
  sopClassUid: string;
  number?: number;
  /** ImageLaterality (0020,0062): `R`, `L`, `U` or `B`. */
  imageLaterality?: string;
}

/** One instance's header, as read from a file or a QIDO-RS instance answer. */
export interface InstanceHeader {
  study: StudyAttributes;
  series: SeriesAttributes;
  instance: InstanceAttributes;
}

/** A file the import did not use, and why, in words for the user. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface DicomSeries {
  attributes: SeriesAttributes;
  instances: InstanceAttributes[];
}

/** One study gathered from files or from the PACS: the study attributes and its series, in order. */
export interface DicomStudy {
  attributes: StudyAttributes;
  series: DicomSeries[];
}

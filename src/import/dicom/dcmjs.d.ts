/** The part of dcmjs (no bundled types) that the project uses. */
declare module 'dcmjs' {
  /** One data element as dcmjs (and DICOM JSON, PS3.18 F.2) represents it. */
  export interface DicomElement {
    vr?: string;
    Value?: unknown[];
  }
  /** A dataset keyed by tag, `GGGGEEEE` in upper-case hex. */
  export type DicomDataset = Record<string, DicomElement>;

  export interface DicomDictInstance {
    meta: DicomDataset;
    dict: DicomDataset;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }

  export interface ReadFileOptions {
    ignoreErrors?: boolean;
    /** Stop when this tag is reached (e.g. `7FE00010`, pixel data); the tag is kept without its value. */
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
  }

  interface DicomLog {
    setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent'): void;
  }

  const dcmjs: {
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: ReadFileOptions): DicomDictInstance };
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Record<string, unknown>): DicomDataset;
        naturalizeDataset(dataset: DicomDataset): Record<string, unknown>;
      };
      DicomDict: new (meta: DicomDataset) => DicomDictInstance;
    };
    log: DicomLog & {
      /** A named logger, e.g. `validation.dcmjs` (warnings about malformed values). */
      getLogger(name: string): DicomLog;
    };
  };
  export default dcmjs;
}

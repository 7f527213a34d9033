/** The save layer's public types and the plan one save follows. */
import type { Endpoint, ImagingStudy, OperationOutcome, OperationOutcomeIssue, Provenance } from 'fhir/r4';
import type { StudyDiff } from '../study/diff';
import type { RetryPolicy } from './retry';

/** The IHE IMR 1.1.0 ImagingStudy profile every saved study claims. */
export { IMR_IMAGINGSTUDY_URL as IMR_IMAGING_STUDY_PROFILE } from '../kernel/canonicals';
/** The IHE IMR Imaging Study Endpoint profile every new Endpoint claims. */
export { IMAGING_STUDY_ENDPOINT_URL as IMR_ENDPOINT_PROFILE } from '../kernel/canonicals';

/**
 * An Endpoint the user added in the form. It has no id yet; the study refers to it as `{ reference: fullUrl }`,
 * where `fullUrl` is a `urn:uuid:` that the save replaces with the server's id.
 */
export interface NewEndpoint {
  fullUrl: string;
  resource: Endpoint;
}

export interface SaveInput {
  /** The study as loaded from the server; absent for a new study. */
  original?: ImagingStudy;
  /** The form's study. For an edit it is merged onto `original`, so content the form does not show is kept. */
  study: ImagingStudy;
  newEndpoints: NewEndpoint[];
}

/** What a save came to. */
export type SaveResult =
  | {
      kind: 'saved';
      study: ImagingStudy;
      /** The Endpoints this save created. */
      endpoints: Endpoint[];
      /** The Provenance this save recorded (absent when an earlier, seemingly failed attempt had saved it). */
      provenance?: Provenance;
      /** Warnings about a save that went through, e.g. when the Provenance could not be recorded. */
      outcome?: OperationOutcome;
    }
  | {
      kind: 'conflict';
      /** The server's current version. */
      server: ImagingStudy;
      diff: StudyDiff;
      /** The study this save tried to write (the form's values merged onto the original). */
      mine: ImagingStudy;
      /** The server version with the user's changes re-applied, for "reload, keeping my changes". */
      rebased: ImagingStudy;
    }
  | { kind: 'duplicate'; existing: ImagingStudy }
  | {
      kind: 'failed';
      outcome: OperationOutcome;
      /** Whether trying again later may help (the server was unavailable or slow). */
      retryable: boolean;
      /** References of what was created before the failure (Endpoints, when the server has no transactions). */
      created?: string[];
    };

export interface SaveOptions {
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** The clock for Provenance.recorded. */
  now?: () => Date;
  /**
   * Validates the study exactly as it will be sent (after the merge); error and fatal issues stop the save before
   * any request. The app passes the IMR validator; the save layer itself knows no profile rules.
   */
  validate?: (study: ImagingStudy) => OperationOutcomeIssue[];
}

/** Everything one save sends, decided up front. */
export interface SavePlan {
  mode: 'create' | 'update';
  /** The study to send, with `meta.profile`, referring to new Endpoints by their `fullUrl`. */
  study: ImagingStudy;
  /** The study entry's fullUrl in a transaction: a `urn:uuid:` for a create, the resource URL for an update. */
  studyFullUrl: string;
  /** The study's DICOM Study Instance UID (without `urn:oid:`). */
  uid?: string;
  /** For an update: the study's id, its version as loaded, and the loaded study (the base of a conflict diff). */
  id?: string;
  versionId?: string;
  original?: ImagingStudy;
  endpoints: NewEndpoint[];
  recorded: Date;
  retry: RetryPolicy;
  timeoutMs: number;
}

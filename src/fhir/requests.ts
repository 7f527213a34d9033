/** The save layer's requests: all through `FhirSession.request` (so fhirclient refreshes tokens), with a deadline. */
import type { Bundle, FhirResource, ImagingStudy } from 'fhir/r4';
import { withTimeout } from './timeout';
import type { FhirSession } from './session';
import type { FhirRequestOptions } from './token-refresh';
import { uidCriteria } from '../study/study-uid';

export const DEFAULT_TIMEOUT_MS = 30_000;

const FHIR_JSON = 'application/fhir+json';
export const READ_HEADERS: Record<string, string> = { accept: FHIR_JSON };
export const WRITE_HEADERS: Record<string, string> = {
  accept: FHIR_JSON,
  'content-type': FHIR_JSON,
  // The saved resources come back in the answer, so the app shows what the server stored.
  prefer: 'return=representation',
};

/** One request that rejects with a `TimeoutError` when the server has not answered within `timeoutMs`. */
export function fhirRequest<T>(session: FhirSession, options: FhirRequestOptions, timeoutMs: number): Promise<T> {
  return withTimeout((signal) => session.request<T>({ ...options, signal }), timeoutMs);
}

/** Whether a value is a resource of the given type. */
export function isResourceOf<T extends FhirResource>(value: unknown, type: T['resourceType']): value is T {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === type;
}

/**
 * The study with this DICOM Study Instance UID (`1.2.3` or `urn:oid:1.2.3`) that the server shows this user, if any,
 * so the UI can offer to open it instead of creating a second study with the same UID. Throws if the search fails.
 */
export async function findStudyByUid(
  session: FhirSession,
  uid: string,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<ImagingStudy | undefined> {
  const [name, value] = uidCriteria(uid).split('=') as [string, string];
  const bundle = await fhirRequest<Bundle>(
    session,
    { url: `ImagingStudy?${name}=${encodeURIComponent(value)}`, headers: READ_HEADERS },
    timeoutMs,
  );
  return (bundle.entry ?? []).map((e) => e.resource).find((r) => isResourceOf<ImagingStudy>(r, 'ImagingStudy'));
}

/**
 * The studies that carry the identifier `system|value` (an accession number) that the server shows this user, e.g.
 * to point out another study of the same order. Throws if the search fails.
 */
export async function findStudiesByIdentifier(
  session: FhirSession,
  system: string,
  value: string,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<ImagingStudy[]> {
  const bundle = await fhirRequest<Bundle>(
    session,
    { url: `ImagingStudy?identifier=${encodeURIComponent(`${system}|${value}`)}`, headers: READ_HEADERS },
    timeoutMs,
  );
  return (bundle.entry ?? []).map((e) => e.resource).filter((r) => isResourceOf<ImagingStudy>(r, 'ImagingStudy'));
}

/** Reads a resource by (relative or absolute) reference or location, e.g. a transaction entry's `location`. */
export async function readResource<T extends FhirResource>(
  session: FhirSession,
  reference: string,
  type: T['resourceType'],
  timeoutMs: number,
): Promise<T> {
  const resource = await fhirRequest<unknown>(session, { url: reference, headers: READ_HEADERS }, timeoutMs);
  if (!isResourceOf<T>(resource, type)) throw new Error(`The FHIR server did not return the ${type} at ${reference}.`);
  return resource;
}

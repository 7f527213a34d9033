/**
 * QIDO-RS over dicomweb-client, with failures turned into plain words: no answer, CORS refused,
 * 401/403, not DICOMweb, server error. A browser reports "no answer" and "CORS refused" the same way
 * (status 0), so a failed request is followed by an opaque `no-cors` probe: if that one gets through,
 * the server is up and it is CORS that blocked the answer.
 */
import { api } from 'dicomweb-client';
import type { TagDataset } from './dataset';

export type DicomWebProblem =
  'bad-address' | 'connection' | 'timeout' | 'cors' | 'unauthorized' | 'forbidden' | 'not-dicomweb' | 'server';

/** A failed DICOMweb request; `message` is meant for the user. */
export class DicomWebError extends Error {
  constructor(
    readonly problem: DicomWebProblem,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DicomWebError';
  }
}

/** The part of dicomweb-client's QIDO-RS API used here (its bundled types say `any[]`). */
interface QidoClient {
  searchForStudies(options: { queryParams?: Record<string, string>; request?: RequestOptions }): Promise<unknown>;
  searchForSeries(options: {
    studyInstanceUID: string;
    queryParams?: Record<string, string>;
    request?: RequestOptions;
  }): Promise<unknown>;
  searchForInstances(options: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    queryParams?: Record<string, string>;
    request?: RequestOptions;
  }): Promise<unknown>;
  retrieveInstanceMetadata(options: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    sopInstanceUID: string;
    request?: RequestOptions;
  }): Promise<unknown>;
}

interface RequestOptions {
  instance: XMLHttpRequest;
}

export const TIMEOUT_MS = 15_000;

/** `http://pacs/dicom-web/` -> `http://pacs/dicom-web`; throws a DicomWebError for a non-http(s) address. */
export function dicomWebBase(address: string): string {
  const trimmed = address.trim().replace(/\/+$/, '');
  if (!URL.canParse(trimmed) || !/^https?:$/.test(new URL(trimmed).protocol)) {
    throw new DicomWebError('bad-address', `"${address}" is not an http(s) address, so it cannot be a DICOMweb base.`);
  }
  return trimmed;
}

/**
 * dicomweb-client percent-encodes every query value, commas included; Orthanc (1.10, DICOMweb plugin
 * 1.7) then ignores `includefield=a%2Cb`. PS3.18 8.3.4 lists fields comma-separated, and a comma is
 * allowed unencoded in a query, so the client's (public, static) query builder keeps them.
 */
const clientClass = api.DICOMwebClient as unknown as { _parseQueryParameters(params?: Record<string, string>): string };
clientClass._parseQueryParameters = (params = {}) =>
  `?${Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replace(/%2C/gi, ',')}`)
    .join('&')}`;

function client(base: string): QidoClient {
  return new api.DICOMwebClient({ url: base, singlepart: false, verbose: false }) as unknown as QidoClient;
}

/** Whether anything answers at `url` at all, CORS aside (an opaque response still proves a server is there). */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

/** Turns a failed request into a DicomWebError naming what failed. */
export async function explainFailure(url: string, status: number, elapsedMs: number): Promise<DicomWebError> {
  const origin = new URL(url).origin;
  if (status === 0) {
    if (elapsedMs >= TIMEOUT_MS - 50) {
      return new DicomWebError('timeout', `${origin} did not answer within ${TIMEOUT_MS / 1000} seconds.`);
    }
    if (await reachable(url)) {
      return new DicomWebError(
        'cors',
        `${origin} answered, but the browser blocked the answer: that server does not allow this app's origin (CORS).`,
      );
    }
    return new DicomWebError(
      'connection',
      `No answer from ${origin}: the server could not be reached (wrong address, the server is down, or it is not reachable from this computer).`,
    );
  }
  return statusError(status, url);
}

/** The error for an HTTP status that is not a success. */
export function statusError(status: number, url: string): DicomWebError {
  if (status === 401) {
    return new DicomWebError(
      'unauthorized',
      `${url} asks for a login (HTTP 401); the app cannot sign in to it.`,
      status,
    );
  }
  if (status === 403) return new DicomWebError('forbidden', `${url} refused access (HTTP 403).`, status);
  if (status >= 500) return new DicomWebError('server', `The server reported an error (HTTP ${status}).`, status);
  return new DicomWebError(
    'not-dicomweb',
    `The address answered HTTP ${status}: it does not look like a DICOMweb (QIDO-RS) service.`,
    status,
  );
}

function notDicomWeb(): DicomWebError {
  return new DicomWebError(
    'not-dicomweb',
    'The address answered, but not with DICOM JSON: it does not look like a DICOMweb (QIDO-RS) service.',
  );
}

const TAG_KEY = /^[0-9A-F]{8}$/i;

/** A QIDO-RS answer must be a JSON array of tag-keyed objects. */
function toDatasets(body: unknown): TagDataset[] {
  if (!Array.isArray(body)) throw notDicomWeb();
  for (const item of body) {
    if (typeof item !== 'object' || item === null || !Object.keys(item).every((k) => TAG_KEY.test(k))) {
      throw notDicomWeb();
    }
  }
  return body as TagDataset[];
}

type Query = (client: QidoClient, request: RequestOptions) => Promise<unknown>;

/** Runs one QIDO-RS query; `url` is only used to name the failing address. */
async function run(base: string, url: string, query: Query): Promise<TagDataset[]> {
  const xhr = new XMLHttpRequest();
  xhr.timeout = TIMEOUT_MS;
  const started = performance.now();
  let body: unknown;
  try {
    body = await query(client(base), { instance: xhr });
  } catch (error) {
    const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
    throw await explainFailure(url, typeof status === 'number' ? status : 0, performance.now() - started);
  }
  return toDatasets(body);
}

/** QIDO-RS `GET {base}/studies?...`. */
export function searchForStudies(base: string, params: Record<string, string>): Promise<TagDataset[]> {
  const url = `${base}/studies?${new URLSearchParams(params).toString()}`;
  return run(base, url, (c, request) => c.searchForStudies({ queryParams: params, request }));
}

/** QIDO-RS `GET {base}/studies/{uid}/series?...`. */
export function searchForSeries(base: string, studyUid: string, params: Record<string, string>): Promise<TagDataset[]> {
  const url = `${base}/studies/${studyUid}/series`;
  return run(base, url, (c, request) =>
    c.searchForSeries({ studyInstanceUID: studyUid, queryParams: params, request }),
  );
}

/** QIDO-RS `GET {base}/studies/{uid}/series/{uid}/instances?...`. */
export function searchForInstances(
  base: string,
  studyUid: string,
  seriesUid: string,
  params: Record<string, string>,
): Promise<TagDataset[]> {
  const url = `${base}/studies/${studyUid}/series/${seriesUid}/instances`;
  return run(base, url, (c, request) =>
    c.searchForInstances({ studyInstanceUID: studyUid, seriesInstanceUID: seriesUid, queryParams: params, request }),
  );
}

/** WADO-RS `GET {base}/studies/{uid}/series/{uid}/instances/{uid}/metadata`: one instance's full header (no pixels). */
export async function instanceMetadata(
  base: string,
  studyUid: string,
  seriesUid: string,
  sopInstanceUid: string,
): Promise<TagDataset | undefined> {
  const url = `${base}/studies/${studyUid}/series/${seriesUid}/instances/${sopInstanceUid}/metadata`;
  const [first] = await run(base, url, (c, request) =>
    c.retrieveInstanceMetadata({
      studyInstanceUID: studyUid,
      seriesInstanceUID: seriesUid,
      sopInstanceUID: sopInstanceUid,
      request,
    }),
  );
  return first;
}

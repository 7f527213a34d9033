/**
 * Test doubles for the save layer: a FhirSession whose `request` is answered by a handler, and errors shaped
 * exactly like fhirclient's (its HttpError reads the body into its message, leaving the Response consumed).
 */
import type { Bundle, CapabilityStatement, FhirResource, ImagingStudy, OperationOutcome } from 'fhir/r4';
import type { FhirSession, LaunchContext } from '../session';
import type { FhirRequestOptions } from '../token-refresh';

export interface RecordedRequest extends FhirRequestOptions {
  method: string;
  /** The parsed JSON body of a write. */
  json?: unknown;
}

export type Handler = (request: RecordedRequest) => unknown;

export interface FakeServer {
  session: FhirSession;
  requests: RecordedRequest[];
  /** The requests other than `metadata` and searches, i.e. the writes and reads of the save itself. */
  writes(): RecordedRequest[];
}

export const ISS = 'https://fhir.example.org/r4';

/** A session whose requests go to `handler`; a thrown (or rejected) value becomes the request's failure. */
export function fakeServer(handler: Handler, context: Partial<LaunchContext> = {}): FakeServer {
  const requests: RecordedRequest[] = [];
  const session: FhirSession = {
    context: {
      iss: ISS,
      patientId: 'p1',
      fhirUser: 'Practitioner/pr1',
      needPatientBanner: true,
      fhirContext: [],
      grantedScopes: ['launch', 'patient/ImagingStudy.cruds', 'patient/Provenance.c', 'user/Endpoint.crus'],
      ...context,
    },
    readPatient: () => Promise.reject(new Error('not used')),
    searchStudies: () => Promise.reject(new Error('not used')),
    readStudy: () => Promise.reject(new Error('not used')),
    searchEndpoints: () => Promise.reject(new Error('not used')),
    searchOrders: () => Promise.reject(new Error('not used')),
    readOrder: () => Promise.reject(new Error('not used')),
    readEncounter: () => Promise.reject(new Error('not used')),
    readPractitioners: () => Promise.reject(new Error('not used')),
    searchPractitioners: () => Promise.reject(new Error('not used')),
    async request<T>(options: FhirRequestOptions): Promise<T> {
      const recorded: RecordedRequest = { ...options, method: options.method ?? 'GET' };
      if (options.body) recorded.json = JSON.parse(options.body);
      requests.push(recorded);
      return (await handler(recorded)) as T;
    },
  };
  return {
    session,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET'),
  };
}

/** An error shaped like fhirclient's HttpError after it parsed the body (`bodyUsed` is then true). */
export async function httpError(status: number, body?: unknown, contentType = 'application/fhir+json'): Promise<Error> {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const response = new Response(text || null, {
    status,
    statusText: `Status ${status}`,
    headers: { 'content-type': contentType },
  });
  const error = Object.assign(new Error(`${status} ${response.statusText}\nURL: ${ISS}/x`), {
    name: 'HttpError',
    status,
    statusCode: status,
    statusText: response.statusText,
    response,
  });
  // As fhirclient's HttpError.parse(): JSON bodies are appended pretty-printed, text bodies as they are.
  if (/\bjson\b/i.test(contentType)) {
    const parsed: unknown = text ? await response.json() : undefined;
    if (parsed !== undefined) error.message += `\n\n${JSON.stringify(parsed, null, 4)}`;
  } else if (/^text\//i.test(contentType)) {
    const read = await response.text();
    if (read) error.message += `\n\n${read}`;
  }
  return error;
}

export function operationOutcome(text: string, expression?: string, code = 'invalid'): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: code as OperationOutcome['issue'][number]['code'],
        details: { text },
        ...(expression ? { expression: [expression] } : {}),
      },
    ],
  };
}

/** A CapabilityStatement with or without the `transaction` interaction. */
export function capabilities(transactions: boolean): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2024-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{ mode: 'server', ...(transactions ? { interaction: [{ code: 'transaction' }, { code: 'batch' }] } : {}) }],
  };
}

export function searchset(...studies: ImagingStudy[]): Bundle {
  return { resourceType: 'Bundle', type: 'searchset', entry: studies.map((resource) => ({ resource })) };
}

/** A transaction-response echoing each entry's resource with an id, with the given statuses. */
export function transactionResponse(request: unknown, statuses: string[] = []): Bundle {
  const bundle = request as Bundle;
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: (bundle.entry ?? []).map((entry, i) => {
      const type = entry.resource?.resourceType ?? 'Resource';
      const id = entry.resource?.id ?? `${type.toLowerCase()}-${i}`;
      return {
        resource: { ...entry.resource, id, meta: { versionId: '2' } } as FhirResource,
        response: { status: statuses[i] ?? '201 Created', location: `${type}/${id}/_history/2` },
      };
    }),
  };
}

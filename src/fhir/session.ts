import FHIR from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import type { Bundle, Endpoint, FhirResource, ImagingStudy, Patient } from 'fhir/r4';

/** What the launch told us: who, for which patient, with which permissions. */
export interface LaunchContext {
  iss: string;
  patientId: string;
  /** e.g. `Practitioner/123`, from the id_token. */
  fhirUser?: string;
  encounterId?: string;
  /** False when the EHR shows its own patient banner. */
  needPatientBanner: boolean;
  grantedScopes: string[];
}

/** The app's only handle on the FHIR server. Every request goes through fhirclient so refresh and 401 apply. */
export interface FhirSession {
  context: LaunchContext;
  readPatient(): Promise<Patient>;
  /** The launch patient's ImagingStudies, newest first. */
  searchStudies(): Promise<ImagingStudy[]>;
  readStudy(id: string): Promise<ImagingStudy>;
  /** Endpoints on the server; `text` filters by name (empty: all). */
  searchEndpoints(text: string): Promise<Endpoint[]>;
  /** A raw request, for the save layer. */
  request<T>(options: FhirRequestOptions): Promise<T>;
}

/**
 * Options of a raw request. `signal` aborts it (timeouts); with `includeResponse` fhirclient resolves with
 * `{ body, response }`, so the caller can read the status (e.g. 200 vs 201 for a conditional create).
 */
export interface FhirRequestOptions {
  url: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  includeResponse?: boolean;
}

function resourcesOf<T extends FhirResource>(bundle: Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
}

function toSession(client: Client): FhirSession {
  const token = client.state.tokenResponse ?? {};
  const patientId = client.getPatientId();
  if (!patientId) throw new Error('The launch did not select a patient. Relaunch the app from the patient chart.');
  const context: LaunchContext = {
    iss: client.state.serverUrl,
    patientId,
    fhirUser: client.getFhirUser() ?? undefined,
    encounterId: client.getEncounterId() ?? undefined,
    needPatientBanner: token.need_patient_banner !== false,
    grantedScopes: String(token.scope ?? '')
      .split(/\s+/)
      .filter(Boolean),
  };
  const json = { headers: { accept: 'application/fhir+json' } };
  return {
    context,
    readPatient: () => client.request<Patient>({ url: `Patient/${encodeURIComponent(patientId)}`, ...json }),
    async searchStudies() {
      const bundle = await client.request<Bundle>({
        url: `ImagingStudy?patient=${encodeURIComponent(patientId)}&_sort=-started&_count=200`,
        ...json,
      });
      return resourcesOf<ImagingStudy>(bundle, 'ImagingStudy');
    },
    readStudy: (id) => client.request<ImagingStudy>({ url: `ImagingStudy/${encodeURIComponent(id)}`, ...json }),
    async searchEndpoints(text) {
      const query = text.trim() ? `&name:contains=${encodeURIComponent(text.trim())}` : '';
      const bundle = await client.request<Bundle>({ url: `Endpoint?status=active&_count=50${query}`, ...json });
      return resourcesOf<Endpoint>(bundle, 'Endpoint');
    },
    request: (options) => client.request(options),
  };
}

let pending: Promise<FhirSession> | undefined;

/**
 * Completes the SMART launch (the redirect back from the authorization server) and returns the session.
 * Memoized: the authorization code may be exchanged only once, however often React mounts the app.
 */
export function connect(): Promise<FhirSession> {
  // A public client identifies itself when it refreshes its token.
  FHIR.oauth2.settings.refreshTokenWithClientId = true;
  pending ??= FHIR.oauth2.ready().then(toSession);
  return pending;
}

export interface LaunchProblem {
  title: string;
  message: string;
  /** Whether relaunching from the EHR is the way out. */
  relaunch: boolean;
}

/** Explains in plain words why the app could not start. */
export function describeLaunchError(err: unknown): LaunchProblem {
  const message = err instanceof Error ? err.message : String(err);
  if (/access_denied/i.test(message)) {
    return {
      title: 'Access was not granted',
      message:
        'You (or your EHR) declined to give this app access to the patient record, so it cannot show or save imaging studies. Launch it again and choose Allow to continue.',
      relaunch: true,
    };
  }
  if (/No 'state' parameter|No state found/i.test(message)) {
    return {
      title: 'Your session has ended',
      message:
        'This page was opened without an active launch, or the session has expired. Open the app again from the patient chart in your EHR.',
      relaunch: true,
    };
  }
  if (err instanceof TypeError || /Failed to fetch|NetworkError|ECONNREFUSED/i.test(message)) {
    return {
      title: 'The FHIR server cannot be reached',
      message: 'The hospital FHIR server did not answer. Check your network connection, then relaunch the app.',
      relaunch: true,
    };
  }
  if (/^\d{3} |HttpError/.test(message) || (err as { status?: unknown })?.status !== undefined) {
    return {
      title: 'The server refused the launch',
      message: `The authorization server or FHIR server rejected the request (${message.split('\n')[0]}). Relaunch the app; if this keeps happening, contact your administrator.`,
      relaunch: true,
    };
  }
  return { title: 'The app could not start', message, relaunch: true };
}

import FHIR from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import type {
  Bundle,
  Encounter,
  Endpoint,
  FhirResource,
  ImagingStudy,
  Patient,
  Practitioner,
  ServiceRequest,
} from 'fhir/r4';
import { withTokenRefresh, type FhirRequestOptions } from './token-refresh';
import { LaunchRefused } from './config';
import { isRecord } from '../kernel/json';
import { checkRedirect } from './redirect';

import { IMAGING_STUDY_ENDPOINT_URL as IMAGING_STUDY_ENDPOINT } from '../kernel/canonicals';

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
  /**
   * The resources the EHR launched the app for (SMART App Launch `fhirContext`), as relative references such as
   * `ServiceRequest/123`: from 2.1's `{ reference }` objects or 2.0.0's plain strings.
   */
  fhirContext: string[];
}

/** The relative references of a token response's `fhirContext` (either form); anything else is left out. */
export function fhirContextReferences(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item: unknown) =>
      typeof item === 'string' ? item : isRecord(item) && typeof item.reference === 'string' ? item.reference : '',
    )
    .filter((reference) => /^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(reference));
}

/**
 * The app's only handle on the FHIR server. Every request goes through fhirclient, so tokens are refreshed before
 * they expire, and once more when the server rejects one early (see token-refresh.ts).
 */
export interface FhirSession {
  context: LaunchContext;
  readPatient(): Promise<Patient>;
  /** The launch patient's ImagingStudies, newest first. */
  searchStudies(): Promise<ImagingStudy[]>;
  readStudy(id: string): Promise<ImagingStudy>;
  /** Endpoints on the server; `text` filters by name (empty: all). */
  searchEndpoints(text: string): Promise<Endpoint[]>;
  /** The launch patient's imaging orders (ServiceRequests), newest first, at most 100. */
  searchOrders(): Promise<ServiceRequest[]>;
  /** Practitioners by id (the requesters of orders); needs a user-level Practitioner scope. */
  readPractitioners(ids: readonly string[]): Promise<Practitioner[]>;
  /** Practitioners whose name contains `text`, at most 20 (the referrer search); needs the same scope. */
  searchPractitioners(text: string): Promise<Practitioner[]>;
  /** One of the patient's orders, by id. */
  readOrder(id: string): Promise<ServiceRequest>;
  /** One of the patient's encounters, by id. */
  readEncounter(id: string): Promise<Encounter>;
  /** A raw request, for the save layer. */
  request<T>(options: FhirRequestOptions): Promise<T>;
}

function resourcesOf<T extends FhirResource>(bundle: Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
}

const MAX_SEARCH_TEXT = 100;
/** SNOMED CT 363679005 "Imaging", the usual ServiceRequest.category of a radiology order. */
const IMAGING_CATEGORY = '363679005';

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
    fhirContext: fhirContextReferences((token as { fhirContext?: unknown }).fhirContext),
  };
  const json = { headers: { accept: 'application/fhir+json' } };
  const request = withTokenRefresh(client);
  return {
    context,
    readPatient: () => request<Patient>({ url: `Patient/${encodeURIComponent(patientId)}`, ...json }),
    async searchStudies() {
      const bundle = await request<Bundle>({
        url: `ImagingStudy?patient=${encodeURIComponent(patientId)}&_sort=-started&_count=200`,
        ...json,
      });
      return resourcesOf<ImagingStudy>(bundle, 'ImagingStudy');
    },
    readStudy: (id) => request<ImagingStudy>({ url: `ImagingStudy/${encodeURIComponent(id)}`, ...json }),
    async searchEndpoints(text) {
      // A name is found by its first characters; a pasted megabyte must not become a megabyte-long URL.
      const words = text.trim().slice(0, MAX_SEARCH_TEXT);
      const query = words ? `&name:contains=${encodeURIComponent(words)}` : '';
      const bundle = await request<Bundle>({ url: `Endpoint?status=active&_count=50${query}`, ...json });
      // Only Endpoints that claim the IHE Imaging Study Endpoint profile may be referenced from an IMR study.
      return resourcesOf<Endpoint>(bundle, 'Endpoint').filter((e) => e.meta?.profile?.includes(IMAGING_STUDY_ENDPOINT));
    },
    async searchOrders() {
      const bundle = await request<Bundle>({
        url: `ServiceRequest?patient=${encodeURIComponent(patientId)}&_sort=-authored&_count=100`,
        ...json,
      });
      // Imaging orders: those in the imaging category where the server categorises its orders at all.
      return resourcesOf<ServiceRequest>(bundle, 'ServiceRequest').filter(
        (o) => !o.category?.length || o.category.some((c) => c.coding?.some((x) => x.code === IMAGING_CATEGORY)),
      );
    },
    readEncounter: (id) => request<Encounter>({ url: `Encounter/${encodeURIComponent(id)}`, ...json }),
    readOrder: (id) => request<ServiceRequest>({ url: `ServiceRequest/${encodeURIComponent(id)}`, ...json }),
    async readPractitioners(ids) {
      if (ids.length === 0) return [];
      const list = ids.map(encodeURIComponent).join(',');
      const bundle = await request<Bundle>({ url: `Practitioner?_id=${list}&_count=${ids.length}`, ...json });
      return resourcesOf<Practitioner>(bundle, 'Practitioner');
    },
    async searchPractitioners(text) {
      const words = text.trim().slice(0, MAX_SEARCH_TEXT);
      const bundle = await request<Bundle>({
        url: `Practitioner?name:contains=${encodeURIComponent(words)}&_count=20`,
        ...json,
      });
      return resourcesOf<Practitioner>(bundle, 'Practitioner');
    },
    request,
  };
}

let pending: Promise<FhirSession> | undefined;
let launched: Client | undefined;

/**
 * Completes the SMART launch (the redirect back from the authorization server) and returns the session.
 * Memoized: the authorization code may be exchanged only once, however often React mounts the app.
 */
export function connect(): Promise<FhirSession> {
  // A public client identifies itself when it refreshes its token.
  FHIR.oauth2.settings.refreshTokenWithClientId = true;
  pending ??= Promise.resolve()
    .then(() => checkRedirect(window.location.search, window.sessionStorage))
    .then(() => FHIR.oauth2.ready())
    .then((client) => {
      launched = client;
      return toSession(client);
    });
  return pending;
}

/**
 * Signs out of this tab: fhirclient's launch state, tokens included, leaves sessionStorage and the session is
 * forgotten, so nothing of it can be used again without a new launch from the EHR.
 */
export async function signOut(): Promise<void> {
  const client = launched;
  launched = undefined;
  pending = undefined;
  if (!client) return;
  const storage = client.environment.getStorage();
  // fhirclient keeps the launch under a random key and that key under SMART_KEY.
  const key: unknown = await storage.get('SMART_KEY');
  if (typeof key === 'string') await storage.unset(key);
  await storage.unset('SMART_KEY');
  client.state.tokenResponse = {};
}

export interface LaunchProblem {
  title: string;
  message: string;
  /** Whether relaunching from the EHR is the way out. */
  relaunch: boolean;
}

/** Explains in plain words why the app could not start. */
export function describeLaunchError(err: unknown): LaunchProblem {
  if (err instanceof LaunchRefused) return { title: 'This launch was refused', message: err.message, relaunch: true };
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

/**
 * The app's first requests, started as soon as the page's script runs instead of after React's first render: the
 * code exchange, then the Patient read and the study search side by side (neither needs the other's answer).
 */
import type { ImagingStudy, Patient } from 'fhir/r4';
import { toOperationOutcome } from '../fhir/outcome';
import { outcomeMessages } from '../kernel/outcome';
import { issuerEntry, loadConfig } from '../fhir/config';
import { connect, describeLaunchError, type FhirSession, type LaunchProblem } from '../fhir/session';
import { READ_PATIENT, SEARCH_STUDIES } from '../fhir/permissions';
import { restriction } from './access';
import type { Route } from './router';

/** The study list's content: the studies, why they could not be loaded, or why they may not be listed. */
export type StudySearch =
  | { status: 'found'; studies: ImagingStudy[] }
  | { status: 'failed'; messages: string[] }
  | { status: 'not-allowed'; reason: string };

/** Where a launch for an order or a study (SMART `fhirContext`) starts, or why it cannot start there. */
export interface LaunchTarget {
  route?: Route;
  problem?: string;
}

export type Started =
  | { status: 'problem'; problem: LaunchProblem }
  | {
      status: 'ready';
      session: FhirSession;
      patient: Patient;
      launch: LaunchTarget;
      /** The accession number namespace configured for the launch's FHIR server (smart-config.json), if any. */
      accessionSystem?: string;
      /**
       * The study list's search, which never rejects: the first call gets the one started with the launch, every
       * later call (the list shown again) a new one, so the list shows what the server has now.
       */
      studies: () => Promise<StudySearch>;
    };

/** Searches the launch patient's studies, if the granted scopes allow it; never rejects. */
function searchStudies(session: FhirSession): Promise<StudySearch> {
  const reason = restriction(session.context.grantedScopes, [SEARCH_STUDIES]);
  if (reason) return Promise.resolve({ status: 'not-allowed', reason });
  return session.searchStudies().then(
    (studies): StudySearch => ({ status: 'found', studies }),
    async (err: unknown): Promise<StudySearch> => ({
      status: 'failed',
      messages: outcomeMessages(await toOperationOutcome(err)),
    }),
  );
}

/** The search started with the launch for the first caller, a new search for every later one. */
function launchSearchFirst(session: FhirSession, first: Promise<StudySearch>): () => Promise<StudySearch> {
  let pending: Promise<StudySearch> | undefined = first;
  return () => {
    const search = pending ?? searchStudies(session);
    pending = undefined;
    return search;
  };
}

const CONTEXT_WORDS: Record<string, string> = { ServiceRequest: 'an order', ImagingStudy: 'an imaging study' };

/**
 * The page a launch for an order (a new study for it) or a study (that study) opens, after checking that the
 * resource exists and belongs to the launch patient. A context naming anything else is ignored.
 */
async function launchTarget(session: FhirSession): Promise<LaunchTarget> {
  const reference = session.context.fhirContext.find((r) => /^(ServiceRequest|ImagingStudy)\//.test(r));
  if (!reference) return {};
  const [type = '', id = ''] = reference.split('/');
  const what = CONTEXT_WORDS[type] ?? reference;
  try {
    const resource = type === 'ImagingStudy' ? await session.readStudy(id) : await session.readOrder(id);
    if (resource.subject?.reference !== `Patient/${session.context.patientId}`) {
      return {
        problem: `The EHR opened the app for ${what} (${reference}) of another patient, so it was not opened. These are the studies of the patient in the banner.`,
      };
    }
    return { route: type === 'ImagingStudy' ? { page: 'study', id } : { page: 'new', order: id } };
  } catch (err) {
    const why = outcomeMessages(await toOperationOutcome(err)).join(' ');
    return { problem: `The EHR opened the app for ${what} (${reference}) that could not be opened: ${why}` };
  }
}

async function run(): Promise<Started> {
  // The launch page read the configuration before it redirected; read it again (for the accession namespace) while
  // the code exchange is under way, so that it is there when the first editor draws. A failure here leaves the
  // namespace unset and stops nothing: the launch itself got past the configuration.
  const config = loadConfig(window.location.href).catch(() => undefined);
  try {
    const session = await connect();
    const cannotRead = restriction(session.context.grantedScopes, [READ_PATIENT]);
    if (cannotRead) {
      return { status: 'problem', problem: { title: 'Access was not granted', message: cannotRead, relaunch: true } };
    }
    const patient = session.readPatient();
    const studies = searchStudies(session);
    const launch = launchTarget(session);
    const accessionSystem = await config.then((c) => c && issuerEntry(c, session.context.iss)?.accessionSystem);
    return {
      status: 'ready',
      session,
      patient: await patient,
      launch: await launch,
      studies: launchSearchFirst(session, studies),
      ...(accessionSystem === undefined ? {} : { accessionSystem }),
    };
  } catch (err) {
    return { status: 'problem', problem: describeLaunchError(err) };
  }
}

let started: Promise<Started> | undefined;

/**
 * Completes the launch (once per page, however often it is called) and reads what the first page shows. Never
 * rejects: a failed launch settles as a problem to show.
 */
export function start(): Promise<Started> {
  started ??= run();
  return started;
}

/**
 * Study Instance UID lookups of one session, kept briefly. The editor looks a new study's UID up while it is edited
 * (to point out a study that already has it); the save of that study can then rely on a recent "no study has this
 * UID" instead of asking again on the way to its transaction. The transaction's conditional create stays the guard
 * against a study created in between.
 */
import type { ImagingStudy } from 'fhir/r4';
import { bareUid } from '../kernel/uid';
import { DEFAULT_TIMEOUT_MS, findStudyByUid } from './requests';
import type { FhirSession } from './session';

/**
 * How long an answer "no study has this UID" spares the save its own lookup. Only a study created with the very same
 * UID in that time gets past it; the save's conditional create then matches it and the save reports the duplicate,
 * but the new Endpoints and the Provenance of that transaction were stored with it.
 */
export const UID_ANSWER_FRESH_MS = 60_000;

interface Lookup {
  /** When the request was sent (`Date.now()`). */
  asked: number;
  answer: Promise<ImagingStudy | undefined>;
  /** Set once the answer named a study, or once the lookup failed: a save then asks itself. */
  settled?: 'found' | 'failed';
}

const lookups = new WeakMap<FhirSession, Map<string, Lookup>>();

const isFresh = (lookup: Lookup, maxAgeMs: number): boolean => Date.now() - lookup.asked <= maxAgeMs;

/**
 * The study with this UID (bare or `urn:oid:`) that the server shows this user, if any: the answer of a lookup of
 * this session sent within `maxAgeMs` (or still running), else of a new one. Rejects if the search fails.
 */
export function lookUpStudyUid(
  session: FhirSession,
  uid: string,
  maxAgeMs: number = UID_ANSWER_FRESH_MS,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<ImagingStudy | undefined> {
  const key = bareUid(uid);
  let map = lookups.get(session);
  if (!map) lookups.set(session, (map = new Map()));
  const known = map.get(key);
  if (known && isFresh(known, maxAgeMs)) return known.answer;
  // What no save may use any more goes (a session looks up one UID after another while one is typed).
  for (const [other, old] of map) if (!isFresh(old, UID_ANSWER_FRESH_MS)) map.delete(other);
  const lookup: Lookup = { asked: Date.now(), answer: findStudyByUid(session, key, timeoutMs) };
  map.set(key, lookup);
  // A failure is kept like an answer (the editor does not ask again at each edit while the server fails).
  lookup.answer.then(
    (study) => {
      if (study) lookup.settled = 'found';
    },
    () => {
      lookup.settled = 'failed';
    },
  );
  return lookup.answer;
}

/**
 * A lookup of this session that a save of a new study with this UID may use instead of its own: sent within
 * UID_ANSWER_FRESH_MS and either still running or answered "no study has this UID". After a study found (it may have
 * gone since) or a failure, the save asks itself.
 */
export function recentLookup(session: FhirSession, uid: string): Promise<ImagingStudy | undefined> | undefined {
  const known = lookups.get(session)?.get(bareUid(uid));
  return known && !known.settled && isFresh(known, UID_ANSWER_FRESH_MS) ? known.answer : undefined;
}

/** Forgets the lookups of a UID: a save has just sent it (a study may have it now). */
export function forgetStudyUid(session: FhirSession, uid: string): void {
  lookups.get(session)?.delete(bareUid(uid));
}

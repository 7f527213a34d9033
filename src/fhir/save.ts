/**
 * Saving an ImagingStudy: one transaction per save (new Endpoints, the study, a Provenance), a conditional create
 * for new studies and an If-Match update for edits, retries for transient failures, and every other outcome as a
 * typed result the UI can act on.
 */
import type { Endpoint, ImagingStudy } from 'fhir/r4';
import { outcomeOf } from '../kernel/outcome';
import { studyToSave } from '../study/document';
import { withProfile } from '../study/meta';
import { supportsTransactions } from './capabilities';
import { toOperationOutcome } from './outcome';
import { DEFAULT_TIMEOUT_MS, findStudyByUid } from './requests';
import { DEFAULT_RETRY, withRetry } from './retry';
import { existingStudyResult, saveFailure } from './save-outcomes';
import { saveSeparately } from './save-separate';
import { saveInTransaction } from './save-transaction';
import { forgetStudyUid, recentLookup } from './study-uid-lookup';
import {
  IMR_ENDPOINT_PROFILE,
  type NewEndpoint,
  type SaveInput,
  type SaveOptions,
  type SavePlan,
  type SaveResult,
} from './save-types';
import type { FhirSession } from './session';
import { studyUidOf } from '../study/study-uid';

export { findStudyByUid } from './requests';
export { diffStudies, rebase, type StudyChange, type StudyDiff } from '../study/diff';
export {
  IMR_ENDPOINT_PROFILE,
  IMR_IMAGING_STUDY_PROFILE,
  type NewEndpoint,
  type SaveInput,
  type SaveOptions,
  type SaveResult,
} from './save-types';

function newEndpointsUsed(study: ImagingStudy, endpoints: NewEndpoint[]): NewEndpoint[] {
  const referenced = new Set((study.endpoint ?? []).map((r) => r.reference));
  // An endpoint added in the form and then unpicked is not created.
  return endpoints
    .filter((e) => referenced.has(e.fullUrl))
    .map(({ fullUrl, resource }) => {
      const { id: _id, ...rest } = resource;
      return { fullUrl, resource: withProfile<Endpoint>(rest, IMR_ENDPOINT_PROFILE) };
    });
}

function planSave(session: FhirSession, input: SaveInput, options: SaveOptions): SavePlan {
  const original = input.original;
  const common = {
    endpoints: newEndpointsUsed(input.study, input.newEndpoints),
    recorded: (options.now ?? (() => new Date()))(),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  if (original?.id) {
    const study = studyToSave(original, input.study);
    const versionId = original.meta?.versionId;
    return {
      ...common,
      mode: 'update',
      study,
      studyFullUrl: `${session.context.iss.replace(/\/+$/, '')}/ImagingStudy/${original.id}`,
      uid: studyUidOf(study),
      id: original.id,
      original,
      ...(versionId ? { versionId } : {}),
    };
  }
  const study = studyToSave(undefined, input.study);
  return {
    ...common,
    mode: 'create',
    study,
    studyFullUrl: `urn:uuid:${crypto.randomUUID()}`,
    uid: studyUidOf(study),
  };
}

/**
 * The study that already has the UID of a new study, if any. A lookup of this session made moments ago (the editor's
 * while the UID was edited) is used when it found none or is still running; otherwise the save asks itself. So that
 * a duplicate UID does not store new Endpoints and a Provenance along with the conditional create that matches.
 */
async function existingStudy(session: FhirSession, plan: SavePlan, uid: string): Promise<ImagingStudy | undefined> {
  const recent = recentLookup(session, uid);
  if (recent) {
    try {
      return await recent;
    } catch {
      // That lookup failed: ask again, with retries.
    }
  }
  return withRetry(() => findStudyByUid(session, uid, plan.timeoutMs), plan.retry);
}

async function runSave(session: FhirSession, input: SaveInput, options: SaveOptions): Promise<SaveResult> {
  let plan: SavePlan;
  try {
    plan = planSave(session, input, options);
  } catch (err) {
    return { kind: 'failed', outcome: await toOperationOutcome(err), retryable: false };
  }
  // The study as it will be sent (merged onto the server's copy) is checked once more: the merge may bring back
  // what the form's live validation never saw.
  const errors = (options.validate?.(plan.study) ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length > 0) return { kind: 'failed', outcome: outcomeOf(...errors), retryable: false };
  try {
    if (plan.mode === 'create' && plan.uid) {
      const existing = await existingStudy(session, plan, plan.uid);
      if (existing) return existingStudyResult(plan, existing);
    }
    return (await supportsTransactions(session))
      ? await saveInTransaction(session, plan)
      : await saveSeparately(session, plan);
  } catch (err) {
    return saveFailure(session, plan, err);
  } finally {
    // What was known about the UID is out of date once a create was tried: the next save asks again.
    if (plan.mode === 'create' && plan.uid) forgetStudyUid(session, plan.uid);
  }
}

const inFlight = new WeakMap<FhirSession, Map<string, Promise<SaveResult>>>();

function saveKey(input: SaveInput): string {
  if (input.original?.id) return `ImagingStudy/${input.original.id}`;
  return `uid:${studyUidOf(input.study) ?? ''}`;
}

/**
 * Saves a study: creates it (with any new Endpoints it refers to by `urn:uuid:`) or updates the loaded `original`,
 * and records a Provenance naming the launch user. Never throws: the result says whether the study was saved, hit
 * an edit conflict, already exists, or failed (with an OperationOutcome for the form). While a save of the same
 * study is running, another call returns that same save, so a double click saves once.
 */
export function saveStudy(session: FhirSession, input: SaveInput, options: SaveOptions = {}): Promise<SaveResult> {
  let saves = inFlight.get(session);
  if (!saves) inFlight.set(session, (saves = new Map()));
  const key = saveKey(input);
  const running = saves.get(key);
  if (running) return running;
  const current = saves;
  const save = runSave(session, input, options).finally(() => current.delete(key));
  current.set(key, save);
  return save;
}

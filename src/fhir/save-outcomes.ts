/**
 * How a save ends when it does not simply succeed: an edit conflict (with the server's version and a diff), a study
 * that already exists, or a failure turned into an OperationOutcome.
 */
import type { ImagingStudy, OperationOutcome } from 'fhir/r4';
import { diffStudies, rebase } from '../study/diff';
import { deepEqual, type JsonRecord } from '../kernel/json';
import { makeIssue } from '../kernel/outcome';
import { httpStatusOf, isTimeout, toOperationOutcome, type FailureContext } from './outcome';
import { CREATE_ENDPOINT, CREATE_PROVENANCE, CREATE_STUDY, UPDATE_STUDY, type NeededPermission } from './permissions';
import { readResource } from './requests';
import { isTransient, RetriesExhausted, withRetry } from './retry';
import type { SavePlan, SaveResult } from './save-types';
import type { FhirSession } from './session';
import { rewriteEntryExpressions, type EntryRole } from './transaction';

function content(study: ImagingStudy): JsonRecord {
  const { resourceType: _type, id: _id, meta: _meta, endpoint, ...rest } = study;
  // A new Endpoint is referenced by its urn:uuid in the app and by Endpoint/<id> on the server.
  const endpoints = (endpoint ?? []).map((ref) => {
    const { reference, ...other } = ref;
    return reference?.startsWith('urn:uuid:') || reference?.startsWith('Endpoint/') ? other : ref;
  });
  return endpoints.length > 0 ? { ...rest, endpoint: endpoints } : rest;
}

/** Whether the server's study has the content this save sent (then an earlier attempt saved it). */
export function sameStudy(sent: ImagingStudy, stored: ImagingStudy): boolean {
  return deepEqual(content(sent), content(stored));
}

/** A study the server already had with this UID: this save's own earlier attempt, or a real duplicate. */
export function existingStudyResult(plan: SavePlan, existing: ImagingStudy): SaveResult {
  return sameStudy(plan.study, existing)
    ? { kind: 'saved', study: existing, endpoints: [] }
    : { kind: 'duplicate', existing };
}

/** The permissions a save needs, for naming the missing one when the server answers 403. */
export function neededPermissions(plan: SavePlan): NeededPermission[] {
  return [
    plan.mode === 'create' ? CREATE_STUDY : UPDATE_STUDY,
    ...(plan.endpoints.length > 0 ? [CREATE_ENDPOINT] : []),
    CREATE_PROVENANCE,
  ];
}

async function conflict(session: FhirSession, plan: SavePlan, err: unknown): Promise<SaveResult> {
  const original = plan.original;
  let server: ImagingStudy;
  try {
    server = await withRetry(
      () => readResource<ImagingStudy>(session, `ImagingStudy/${plan.id ?? ''}`, 'ImagingStudy', plan.timeoutMs),
      plan.retry,
    );
  } catch {
    const outcome = await toOperationOutcome(err);
    outcome.issue.push(makeIssue('error', 'conflict', 'The current version on the server could not be loaded.'));
    return { kind: 'failed', outcome, retryable: true };
  }
  if (!original || sameStudy(plan.study, server)) return { kind: 'saved', study: server, endpoints: [] };
  return {
    kind: 'conflict',
    server,
    diff: diffStudies(original, plan.study, server),
    mine: plan.study,
    rebased: rebase(original, plan.study, server),
  };
}

function gaveUp(attempts: number): string {
  return `The study was not saved: the FHIR server could not be reached or had a problem, ${attempts} times in a row. Your changes are still here; try saving again in a moment.`;
}

/**
 * Turns a failed save into its result: 409/412 on an edit becomes a conflict carrying the server's version;
 * everything else becomes an OperationOutcome (paths into the transaction rewritten to the study), marked
 * retryable when the server was unavailable or slow.
 */
export async function saveFailure(
  session: FhirSession,
  plan: SavePlan,
  err: unknown,
  roles: readonly EntryRole[] = [],
): Promise<SaveResult> {
  const last = err instanceof RetriesExhausted ? err.lastError : err;
  const status = httpStatusOf(last);
  if (plan.mode === 'update' && (status === 412 || status === 409)) return conflict(session, plan, last);
  const context: FailureContext = {
    permissions: neededPermissions(plan),
    grantedScopes: session.context.grantedScopes,
  };
  const outcome: OperationOutcome = rewriteEntryExpressions(await toOperationOutcome(last, context), roles);
  if (err instanceof RetriesExhausted && err.attempts > 1)
    outcome.issue.unshift(makeIssue('error', 'transient', gaveUp(err.attempts)));
  return { kind: 'failed', outcome, retryable: isTransient(last) || isTimeout(last) };
}

/** Adds to a failed result what was created before the failure, in plain words and as references. */
export function withCreated(result: SaveResult, created: string[]): SaveResult {
  if (result.kind !== 'failed' || created.length === 0) return result;
  const list = created.join(', ');
  const text =
    created.length === 1
      ? `The new endpoint was saved on the server as ${list}, but the imaging study was not. Saving again uses that endpoint instead of creating another.`
      : `The new endpoints were saved on the server as ${list}, but the imaging study was not. Saving again uses those endpoints instead of creating others.`;
  const note = makeIssue('warning', 'incomplete', text, undefined, list);
  return { ...result, outcome: { ...result.outcome, issue: [note, ...result.outcome.issue] }, created };
}

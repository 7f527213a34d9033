import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { isOperationOutcome, makeIssue, outcomeFromError, outcomeOf } from '../kernel/outcome';
import { forbiddenMessage, type NeededPermission } from './permissions';

interface HttpLikeError {
  status: number;
  message?: unknown;
  response?: Response;
}

function isHttpLike(err: unknown): err is HttpLikeError {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
}

/** The HTTP status of a failed request (fhirclient's HttpError), if the server answered at all. */
export function httpStatusOf(err: unknown): number | undefined {
  return isHttpLike(err) ? err.status : undefined;
}

function hasName(err: unknown, ...names: string[]): boolean {
  return typeof err === 'object' && err !== null && names.includes(String((err as { name?: unknown }).name));
}

/** Whether the request ran out of time (or was aborted) before the server answered. */
export function isTimeout(err: unknown): boolean {
  return hasName(err, 'TimeoutError', 'AbortError');
}

// The messages browsers and fetch polyfills use when the server cannot be reached at all.
const NETWORK_MESSAGE =
  /failed to fetch|networkerror|network error|network request failed|load failed|offline|fetch failed|terminated/i;

/** Whether fetch failed without any answer from the server (a TypeError with a browser's network message). */
export function isNetworkFailure(err: unknown): boolean {
  return err instanceof TypeError && NETWORK_MESSAGE.test(err.message);
}

/** A plain-words explanation of an HTTP status, used when the server sent no OperationOutcome of its own. */
export function statusMessage(status: number): string {
  if (status === 401) return 'Your session has expired. Relaunch the app from your EHR to continue.';
  if (status === 403) return 'You do not have permission to do this. Ask your administrator for access.';
  if (status === 404) return 'The record was not found on the server. It may have been deleted.';
  if (status === 409 || status === 412) return 'Someone else changed this record on the server since you opened it.';
  if (status === 400 || status === 422) return 'The server did not accept the data.';
  if (status >= 500) return `The FHIR server had a problem (HTTP ${status}). Try again in a moment.`;
  return `The FHIR server answered with HTTP ${status}.`;
}

const CODE_FOR_STATUS: Record<number, OperationOutcomeIssue['code']> = {
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  412: 'conflict',
  400: 'invalid',
  422: 'processing',
};

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The JSON body of a failed response. fhirclient's HttpError reads the body itself and appends it to its message
 * after a blank line, so when the Response is already consumed the body is recovered from there.
 */
async function errorBody(err: HttpLikeError): Promise<unknown> {
  if (err.response && !err.response.bodyUsed) {
    try {
      return parseJson(await err.response.clone().text());
    } catch {
      return undefined;
    }
  }
  const message = typeof err.message === 'string' ? err.message : '';
  const blank = message.indexOf('\n\n');
  return blank >= 0 ? parseJson(message.slice(blank + 2)) : undefined;
}

/** What the failed request was for, so that the outcome can say it in plain words. */
export interface FailureContext {
  /** The permissions the request needed, for naming the missing one on a 403. */
  permissions?: readonly NeededPermission[];
  /** The scopes granted at launch. */
  grantedScopes?: readonly string[];
}

function serverText(body: unknown): string | undefined {
  if (!isOperationOutcome(body)) return undefined;
  const texts = body.issue.map((i) => i.details?.text ?? i.diagnostics).filter((t): t is string => !!t);
  return texts.length > 0 ? texts.join(' ') : undefined;
}

function forbidden(body: unknown, context: FailureContext): OperationOutcome {
  const text = forbiddenMessage(context.permissions ?? [], context.grantedScopes ?? []);
  const diagnostics = serverText(body);
  return outcomeOf(makeIssue('error', 'forbidden', text, undefined, diagnostics));
}

/**
 * Turns anything thrown while talking to the server into an OperationOutcome: a fetch network failure, a fhirclient
 * HttpError (whose body, when it is an OperationOutcome, is returned as the server sent it), a non-JSON error page,
 * a timeout, or any other error. Every failure path of the app goes through this one function. A 403 is always
 * explained in plain words, naming the missing permission when `context` says what the request needed.
 */
export async function toOperationOutcome(err: unknown, context: FailureContext = {}): Promise<OperationOutcome> {
  if (isOperationOutcome(err)) return err;
  if (isHttpLike(err)) {
    const body = await errorBody(err);
    if (err.status === 403) return forbidden(body, context);
    if (err.status === 401) return outcomeOf(makeIssue('error', 'login', statusMessage(401)));
    if (isOperationOutcome(body) && body.issue.length > 0) return body;
    const code = CODE_FOR_STATUS[err.status] ?? (err.status >= 500 ? 'transient' : 'processing');
    return outcomeOf(makeIssue('error', code, statusMessage(err.status)));
  }
  if (isTimeout(err)) {
    return outcomeOf(makeIssue('error', 'timeout', 'The FHIR server did not answer in time. Try again in a moment.'));
  }
  if (isNetworkFailure(err)) {
    return outcomeOf(
      makeIssue(
        'error',
        'transient',
        'The FHIR server cannot be reached. Check your network connection and try again.',
      ),
    );
  }
  return outcomeFromError(err);
}

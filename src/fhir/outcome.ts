import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

/** One issue, for building OperationOutcomes in plain words. */
export function issue(
  severity: OperationOutcomeIssue['severity'],
  code: OperationOutcomeIssue['code'],
  text: string,
  expression?: string,
): OperationOutcomeIssue {
  return { severity, code, details: { text }, ...(expression ? { expression: [expression] } : {}) };
}

export function outcomeOf(...issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

function isOperationOutcome(value: unknown): value is OperationOutcome {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'OperationOutcome' &&
    Array.isArray((value as { issue?: unknown }).issue)
  );
}

interface HttpLikeError {
  status: number;
  response?: Response;
}

function isHttpLike(err: unknown): err is HttpLikeError {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
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

async function readBody(response: Response): Promise<unknown> {
  if (response.bodyUsed) return undefined;
  try {
    const text = await response.clone().text();
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns anything thrown while talking to the server into an OperationOutcome: a fetch network failure, a fhirclient
 * HttpError (whose body, when it is an OperationOutcome, is returned as the server sent it), a timeout, or any other
 * error. Every failure path of the app goes through this one function.
 */
export async function toOperationOutcome(err: unknown): Promise<OperationOutcome> {
  if (isOperationOutcome(err)) return err;
  if (isHttpLike(err)) {
    const body = err.response ? await readBody(err.response) : undefined;
    if (isOperationOutcome(body) && body.issue.length > 0) return body;
    const code = CODE_FOR_STATUS[err.status] ?? (err.status >= 500 ? 'transient' : 'processing');
    return outcomeOf(issue('error', code, statusMessage(err.status)));
  }
  if (err instanceof DOMException && (err.name === 'AbortError' || err.name === 'TimeoutError')) {
    return outcomeOf(issue('error', 'timeout', 'The FHIR server did not answer in time. Try again in a moment.'));
  }
  if (err instanceof TypeError) {
    // fetch rejects with a TypeError when the server cannot be reached at all.
    return outcomeOf(
      issue('error', 'transient', 'The FHIR server cannot be reached. Check your network connection and try again.'),
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return outcomeOf(issue('error', 'exception', message || 'Something went wrong.'));
}

/** The messages of an OperationOutcome, one per issue, for showing to the user. */
export function outcomeMessages(outcome: OperationOutcome): string[] {
  return outcome.issue.map((i) => i.details?.text ?? i.diagnostics ?? i.code);
}

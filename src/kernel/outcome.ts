/**
 * The one OperationOutcome builder. The validator's issues, the save layer's plain-words failures and the
 * editor's form-level messages are all made here, so every layer speaks the same shape: the message in
 * `details.text`, at most one indexed FHIRPath in `expression`.
 */
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { isRecord } from './json';

export type IssueSeverity = OperationOutcomeIssue['severity'];
export type IssueCode = OperationOutcomeIssue['code'];

/** One issue: `text` is what a user reads; `expression` the FHIRPath of the element it is about. */
export function makeIssue(
  severity: IssueSeverity,
  code: IssueCode,
  text: string,
  expression?: string,
  diagnostics?: string,
): OperationOutcomeIssue {
  const issue: OperationOutcomeIssue = { severity, code, details: { text } };
  if (expression !== undefined && expression !== '') issue.expression = [expression];
  if (diagnostics !== undefined) issue.diagnostics = diagnostics;
  return issue;
}

/** An OperationOutcome with these issues. */
export function outcomeOf(...issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

/** Whether a value is an OperationOutcome (with an issue list). */
export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return isRecord(value) && value.resourceType === 'OperationOutcome' && Array.isArray(value.issue);
}

/** The messages of an OperationOutcome, one per issue, for showing to the user. */
export function outcomeMessages(outcome: OperationOutcome): string[] {
  return outcome.issue.map((i) => i.details?.text ?? i.diagnostics ?? i.code);
}

/**
 * An OperationOutcome for anything thrown: an OperationOutcome itself, one carried by the error (fhirclient's
 * HttpError keeps the parsed body, other clients an `outcome` or `response`), one in the message's JSON tail,
 * or the error's message in plain words.
 */
export function outcomeFromError(error: unknown, fallback = 'Something went wrong.'): OperationOutcome {
  if (isOperationOutcome(error)) return error;
  if (isRecord(error)) {
    for (const key of ['outcome', 'body', 'response']) {
      const carried = error[key];
      if (isOperationOutcome(carried)) return carried;
    }
    if (typeof error.message === 'string') {
      const braced = error.message.indexOf('{');
      if (braced >= 0) {
        try {
          const parsed: unknown = JSON.parse(error.message.slice(braced));
          if (isOperationOutcome(parsed)) return parsed;
        } catch {
          // not JSON: fall through to the plain message
        }
      }
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return outcomeOf(makeIssue('error', 'exception', message || fallback));
}

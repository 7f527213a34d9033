import { OperationOutcomeError, businessRule, forbidden, unauthorized } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

// Medplum derives the HTTP status from OperationOutcome.id, so each helper keeps Medplum's id and
// replaces the issue text with one that says what went wrong.

function withText(base: OperationOutcome, code: OperationOutcomeIssue['code'], text: string): OperationOutcome {
  return { ...base, issue: [{ severity: 'error', code, details: { text } }] };
}

/** 403: the token's scopes or patient context do not allow this. */
export function forbiddenError(text: string): OperationOutcomeError {
  return new OperationOutcomeError(withText(forbidden, 'forbidden', text));
}

/** 401: no usable access token. */
export function unauthorizedOutcome(text: string): OperationOutcome {
  return withText(unauthorized, 'login', text);
}

/** 422: the resource is valid FHIR but breaks a profile or a server rule. */
export function unprocessableError(issues: OperationOutcomeIssue[]): OperationOutcomeError {
  return new OperationOutcomeError({ ...businessRule('profile', 'Profile validation failed'), issue: issues });
}

/** 500 with an OperationOutcome, for injected failures. */
export function serverErrorOutcome(text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', details: { text } }] };
}

import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

export type IssueSeverity = 'fatal' | 'error' | 'warning';
export type IssueCode = OperationOutcomeIssue['code'];

/** Builds an issue in the validator's format: the message in details.text, one indexed FHIRPath. */
export function makeIssue(
  severity: IssueSeverity,
  code: IssueCode,
  expression: string,
  text: string,
  diagnostics?: string,
): OperationOutcomeIssue {
  const issue: OperationOutcomeIssue = { severity, code, details: { text }, expression: [expression] };
  if (diagnostics !== undefined) issue.diagnostics = diagnostics;
  return issue;
}

/** `prefix.key`, or `prefix` itself when there is no key (lets leaves build their path only when they report). */
export function childPath(prefix: string, key: string | undefined): string {
  return key === undefined ? prefix : `${prefix}.${key}`;
}

/** Whether `expression` is `target` or lies under it: `a.b` covers `a.b`, `a.b.c`, `a.b[0]`, not `a.bc`. */
export function isAtOrBelow(expression: string, target: string): boolean {
  if (!expression.startsWith(target)) return false;
  if (expression.length === target.length) return true;
  const next = expression.charCodeAt(target.length);
  return next === 46 /* . */ || next === 91; /* [ */
}

/** Wraps issues in an OperationOutcome. */
export function toOutcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

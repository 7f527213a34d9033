import type { OperationOutcomeIssue } from 'fhir/r4';

/** Error or fatal: the severities that make a resource invalid. */
export const isError = (issue: OperationOutcomeIssue): boolean =>
  issue.severity === 'error' || issue.severity === 'fatal';

/** A one-line form of an issue, so a failing assertion shows what the validator said. */
export const showIssue = (issue: OperationOutcomeIssue): string =>
  `${issue.severity} ${issue.code} ${issue.expression?.join(' | ')}: ${issue.details?.text ?? issue.diagnostics}`;

/** Whether an issue lies at or under `expression`: `a.b` covers `a.b`, `a.b.c` and `a.b[0]`, not `a.bc`. */
export function inSubtree(issue: OperationOutcomeIssue, expression: string): boolean {
  return (issue.expression ?? []).some(
    (e) => e === expression || e.startsWith(`${expression}.`) || e.startsWith(`${expression}[`),
  );
}

/** Issues as a sorted list of JSON strings: compares two issue lists as multisets, ignoring order. */
export const asMultiset = (issues: readonly OperationOutcomeIssue[]): string[] =>
  issues.map((issue) => JSON.stringify(issue)).sort();

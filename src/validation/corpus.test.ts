import type { OperationOutcomeIssue } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { asMultiset, inSubtree, isError, showIssue } from './corpus/issues';
import { type CorpusCase, type ExpectedIssue, loadCorpus } from './corpus/load';
import { imrValidator } from './index';

const corpus = loadCorpus();
const validator = imrValidator();
const byKind = (kind: CorpusCase['kind']) => corpus.filter((c) => c.kind === kind).map((c) => [c.file, c] as const);

function matches(issue: OperationOutcomeIssue, expected: ExpectedIssue): boolean {
  return (
    issue.severity === expected.severity &&
    (expected.code === undefined || issue.code === expected.code) &&
    (issue.expression ?? []).includes(expected.expression)
  );
}

function expectPresent(issues: OperationOutcomeIssue[], expectedIssues: ExpectedIssue[]): void {
  for (const expected of expectedIssues) {
    const found = issues.filter((issue) => matches(issue, expected));
    expect(found.length, `${JSON.stringify(expected)} among\n${issues.map(showIssue).join('\n')}`).toBeGreaterThan(0);
  }
}

/** validateAt on the expected expression gives exactly the full run's issues in that subtree. */
function expectIncrementalAgrees(resource: unknown, issues: OperationOutcomeIssue[], expression: string): void {
  const full = issues.filter((issue) => inSubtree(issue, expression));
  expect(asMultiset(validator.validateAt(resource, expression)), expression).toEqual(asMultiset(full));
}

describe('corpus', () => {
  it('has at least 20 valid and 50 invalid instances', () => {
    expect(byKind('valid').length).toBeGreaterThanOrEqual(20);
    expect(byKind('invalid').length).toBeGreaterThanOrEqual(50);
  });
});

describe('valid corpus: no error', () => {
  it.each(byKind('valid'))('%s', (_file, { resource }) => {
    expect(validator.validate(resource).issue.filter(isError).map(showIssue)).toEqual([]);
  });
});

describe('warning corpus: the expected warnings, no error', () => {
  it.each(byKind('warning'))('%s', (_file, { resource, expect: expected }) => {
    const { issue } = validator.validate(resource);
    expect(issue.filter(isError).map(showIssue)).toEqual([]);
    expectPresent(issue, expected);
    for (const { expression } of expected) expectIncrementalAgrees(resource, issue, expression);
  });
});

describe('invalid corpus: the expected error(s) and no other error', () => {
  it.each(byKind('invalid'))('%s', (_file, { resource, expect: expected }) => {
    const { issue } = validator.validate(resource);
    expectPresent(issue, expected);
    const unexpected = issue.filter(isError).filter((i) => !expected.some((e) => matches(i, e)));
    expect(unexpected.map(showIssue), 'errors beyond the one broken rule').toEqual([]);
    for (const { expression } of expected) expectIncrementalAgrees(resource, issue, expression);
  });
});

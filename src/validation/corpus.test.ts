import type { OperationOutcomeIssue } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { asMultiset, inSubtree, isError, showIssue } from './corpus/issues';
import { type CorpusCase, type ExpectedIssue, isImrStudyCase, loadCorpus } from './corpus/load';
import { imrValidator } from './index';
import { createResourceValidator } from './resources';

const corpus = loadCorpus();
const validator = imrValidator();
const resources = createResourceValidator();
const byKind = (kind: CorpusCase['kind']) => corpus.filter((c) => c.kind === kind).map((c) => [c.file, c] as const);
/** Each case as the CLI judges it: its resource type's default profile, or the one the manifest names. */
const judge = (c: CorpusCase) => resources.validate(c.resource, c.profile);

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

/** validateAt on the expected expression gives exactly the full run's issues in that subtree (the editor's path). */
function expectIncrementalAgrees(c: CorpusCase, expression: string): void {
  if (!isImrStudyCase(c)) return;
  const issues = validator.validate(c.resource).issue;
  const full = issues.filter((issue) => inSubtree(issue, expression));
  expect(asMultiset(validator.validateAt(c.resource, expression)), expression).toEqual(asMultiset(full));
}

describe('corpus', () => {
  it('has at least 20 valid and 50 invalid instances', () => {
    expect(byKind('valid').length).toBeGreaterThanOrEqual(20);
    expect(byKind('invalid').length).toBeGreaterThanOrEqual(50);
  });

  it('names a rule for every case, and at least 40 cases quote the specification they rest on', () => {
    for (const c of corpus) expect(c.rule.trim(), c.file).not.toBe('');
    const quoted = corpus.filter((c) => c.quote !== undefined);
    for (const c of quoted) expect(c.quote?.trim(), c.file).not.toBe('');
    expect(quoted.length).toBeGreaterThanOrEqual(40);
  });

  it('covers every resource type the CLI validates', () => {
    const types = new Set(corpus.map((c) => (c.json as { resourceType?: string }).resourceType));
    expect([...types].sort()).toEqual(['Bundle', 'Endpoint', 'ImagingStudy', 'Provenance', 'ServiceRequest']);
  });

  it('an IMR study judged by the CLI gets the editor validator’s issues', () => {
    for (const c of corpus.filter(isImrStudyCase)) {
      expect(asMultiset(judge(c).outcome.issue), c.file).toEqual(asMultiset(validator.validate(c.resource).issue));
    }
  });
});

describe('valid corpus: no error', () => {
  it.each(byKind('valid'))('%s', (_file, c) => {
    const report = judge(c);
    expect((report.outcome.issue ?? []).filter(isError).map(showIssue)).toEqual([]);
    expect(report.valid).toBe(true);
  });
});

describe('warning corpus: the expected warnings, no error', () => {
  it.each(byKind('warning'))('%s', (_file, c) => {
    const report = judge(c);
    const issue = report.outcome.issue ?? [];
    expect(issue.filter(isError).map(showIssue)).toEqual([]);
    expect(report.valid).toBe(true);
    expectPresent(issue, c.expect);
    for (const { expression } of c.expect) expectIncrementalAgrees(c, expression);
  });
});

describe('invalid corpus: the expected error(s) and no other error', () => {
  it.each(byKind('invalid'))('%s', (_file, c) => {
    const report = judge(c);
    const issue = report.outcome.issue ?? [];
    expect(report.valid).toBe(false);
    expectPresent(issue, c.expect);
    const unexpected = issue.filter(isError).filter((i) => !c.expect.some((e) => matches(i, e)));
    expect(unexpected.map(showIssue), 'errors beyond the one broken rule').toEqual([]);
    for (const { expression } of c.expect) expectIncrementalAgrees(c, expression);
  });
});

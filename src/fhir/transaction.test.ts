import { describe, expect, it } from 'vitest';
import type { OperationOutcome } from 'fhir/r4';
import { rewriteEntryExpressions, type EntryRole } from './transaction';

const ROLES: EntryRole[] = [
  { kind: 'endpoint', fullUrl: 'urn:uuid:e1', name: 'PACS WADO' },
  { kind: 'study' },
  { kind: 'provenance' },
];

function outcome(...paths: string[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: paths.map((p) => ({ severity: 'error', code: 'invalid', details: { text: 'Bad value' }, expression: [p] })),
  };
}

const expressions = (o: OperationOutcome) => o.issue.map((i) => i.expression?.[0]);

describe('rewriteEntryExpressions', () => {
  it('rewrites paths into the study entry to ImagingStudy paths', () => {
    const rewritten = rewriteEntryExpressions(
      outcome('Bundle.entry[1].resource.series[0].uid', 'Bundle.entry[1].resource'),
      ROLES,
    );
    expect(expressions(rewritten)).toEqual(['ImagingStudy.series[0].uid', 'ImagingStudy']);
  });

  it('understands the ofType() and HAPI comment forms', () => {
    const rewritten = rewriteEntryExpressions(
      outcome(
        'Bundle.entry[1].resource.ofType(ImagingStudy).started',
        'Bundle.entry[1].resource/*ImagingStudy/null*/.series[2].instance[0].uid',
      ),
      ROLES,
    );
    expect(expressions(rewritten)).toEqual(['ImagingStudy.started', 'ImagingStudy.series[2].instance[0].uid']);
  });

  it('also rewrites the deprecated location', () => {
    const input: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', location: ['Bundle.entry[1].resource.status'] }],
    };
    expect(rewriteEntryExpressions(input, ROLES).issue[0]?.location).toEqual(['ImagingStudy.status']);
  });

  it('leaves resource paths and paths into other entries alone, naming the new endpoint an issue is about', () => {
    const rewritten = rewriteEntryExpressions(
      outcome('ImagingStudy.status', 'Bundle.entry[0].resource.address'),
      ROLES,
    );
    expect(expressions(rewritten)).toEqual(['ImagingStudy.status', 'Bundle.entry[0].resource.address']);
    expect(rewritten.issue[1]?.details?.text).toBe('In the new endpoint “PACS WADO”: Bad value');
  });
});

import { describe, expect, it } from 'vitest';
import { loadImrRegistry } from '../profile';
import { buildFormModel } from './form-model';
import { flattenErrors, heldErrors, indexInputs, inputNameFor, toFieldErrors, toFormIssues } from './issues';

const inputs = indexInputs(buildFormModel(loadImrRegistry()));

describe('issue routing', () => {
  it.each([
    ['identifier', 'identifier.0.value'],
    ['identifier.0', 'identifier.0.value'],
    ['identifier.0.value', 'identifier.0.value'],
    ['modality.1', 'modality'],
    ['modality.1.code', 'modality'],
    ['series.2', 'series.2'],
    ['series.2.instance.7.uid', 'series.2.instance.7.uid'],
    ['series.2.instance.7.sopClass.code', 'series.2.instance.7.sopClass'],
  ])('shows an issue at %s on the input %s', (path, name) => {
    expect(inputNameFor(path, inputs)).toBe(name);
  });

  it('sends issues without a matching input to the form-level message, with their element path', () => {
    expect(inputNameFor('identifier.1.value', inputs)).toBe('identifier.1.value'); // the accession number
    expect(inputNameFor('identifier.2.value', inputs)).toBeUndefined();
    const issues = toFormIssues(
      [{ severity: 'error', code: 'invariant', details: { text: 'dom-3' }, expression: ['ImagingStudy'] }],
      inputs,
    );
    expect(issues).toEqual([{ severity: 'error', message: 'dom-3', path: 'ImagingStudy' }]);
  });

  it('keeps one error per input with the worst severity, and drops information issues', () => {
    const issues = toFormIssues(
      [
        {
          severity: 'warning',
          code: 'code-invalid',
          details: { text: 'not in CID 29' },
          expression: ['ImagingStudy.modality[0]'],
        },
        {
          severity: 'error',
          code: 'value',
          details: { text: 'bad code' },
          expression: ['ImagingStudy.modality[0].code'],
        },
        { severity: 'information', code: 'informational', diagnostics: 'fyi', expression: ['ImagingStudy.status'] },
      ],
      inputs,
    );
    expect(flattenErrors(toFieldErrors(issues))).toEqual([
      { name: 'modality', severity: 'error', message: 'not in CID 29; bad code' },
    ]);
  });
});

describe('heldErrors', () => {
  it('lists the errors of a tree as they are held, with their type, in key order', () => {
    const tree = toFieldErrors([
      { name: 'identifier.0.value', severity: 'error', message: 'Not a UID', required: false },
      { name: 'series.1', severity: 'error', message: 'Series 2 has no UID' },
      { name: 'series.1.uid', severity: 'warning', message: 'Check it' },
    ]);
    expect(heldErrors(tree)).toEqual([
      { name: 'identifier.0.value', type: 'error', message: 'Not a UID' },
      { name: 'series.1', type: 'error', message: 'Series 2 has no UID' },
      { name: 'series.1.uid', type: 'warning', message: 'Check it' },
    ]);
    expect(heldErrors({})).toEqual([]);
  });

  it('gives up on what is not a plain error at an input name', () => {
    expect(heldErrors({ series: { root: { type: 'error', message: 'x' } } })).toBeUndefined();
    expect(heldErrors({ modality: { type: 'error', message: 'x', types: { a: 'x' } } })).toBeUndefined();
  });
});

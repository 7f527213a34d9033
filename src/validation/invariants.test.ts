import { describe, expect, it } from 'vitest';
import { IMR_IMAGINGSTUDY_URL, loadImrRegistry } from '../profile';
import { createValidator, imrValidator, isValid, validateEndpoint } from './index';
import type { JsonObject } from './json';
import { containedEndpoint, studyWith, summary } from './testing/fixtures';

const validator = imrValidator();
const issuesOf = (study: unknown) => validator.validate(study).issue;
const withContained = (edit: (endpoint: JsonObject, study: JsonObject) => void) =>
  studyWith((s) => {
    const endpoint = containedEndpoint();
    s.contained = [endpoint];
    s.endpoint = [{ reference: '#ep' }];
    edit(endpoint, s);
  });

describe('FHIRPath invariants of the snapshot', () => {
  it('dom-2..dom-5 on contained resources, reported at the resource with key and expression', () => {
    const cases: [string, (e: JsonObject) => void][] = [
      ['dom-2', (e) => (e.contained = [{ resourceType: 'Organization', id: 'o' }])],
      ['dom-4', (e) => (e.meta = { versionId: '2' })],
      ['dom-4', (e) => (e.meta = { lastUpdated: '2024-05-01T10:00:00Z' })],
      ['dom-5', (e) => (e.meta = { security: [{ system: 'http://x', code: 'R' }] })],
    ];
    for (const [key, edit] of cases) {
      const issues = issuesOf(withContained(edit)).filter((i) => i.expression?.[0] === 'ImagingStudy');
      expect(summary(issues), key).toEqual(['error invariant ImagingStudy']);
      expect(issues[0]?.diagnostics, key).toMatch(new RegExp(`^${key}: contained`));
    }
  });

  it('dom-3: a contained resource must be referenced (or refer to its container)', () => {
    const unreferenced = withContained((_e, s) => {
      s.endpoint = [{ reference: 'Endpoint/e1' }];
    });
    expect(summary(issuesOf(unreferenced))).toEqual(['error invariant ImagingStudy']);
    expect(issuesOf(unreferenced)[0]?.details?.text).toMatch(/^Every contained resource must be referred to/);
    const byCanonical = withContained((_e, s) => {
      s.endpoint = [{ reference: 'Endpoint/e1' }];
      s.meta = { profile: ['#ep'] };
    });
    expect(issuesOf(byCanonical)).toEqual([]);
  });

  it('ref-1: a #id reference needs a contained resource with that id', () => {
    const study = withContained((_e, s) => {
      s.endpoint = [{ reference: '#ep' }, { reference: '#gone' }];
    });
    const issues = issuesOf(study);
    expect(summary(issues)).toEqual(['error invariant ImagingStudy.endpoint[1]']);
    expect(issues[0]?.details?.text).toBe(
      'Endpoint points to "#gone", but there is no contained resource with that id',
    );
    expect(issues[0]?.diagnostics).toMatch(/^ref-1: /);
  });

  it('ext-1: an extension has a value or nested extensions, not both, not neither', () => {
    const withExtension = (extension: JsonObject) => summary(issuesOf(studyWith((s) => (s.extension = [extension]))));
    const url = 'http://example.org/x';
    expect(withExtension({ url, valueString: 'a' })).toEqual([]);
    expect(withExtension({ url, extension: [{ url: 'part', valueString: 'a' }] })).toEqual([]);
    expect(withExtension({ url, valueString: 'a', extension: [{ url: 'part', valueString: 'b' }] })).toEqual([
      'error invariant ImagingStudy.extension[0]',
    ]);
    expect(withExtension({ url })).toEqual(['error invariant ImagingStudy.extension[0]']);
    expect(withExtension({ url, extension: [{ url: 'part' }] })).toEqual([
      'error invariant ImagingStudy.extension[0].extension[0]',
    ]);
  });

  it('per-1 on a Period, cpt-2 on a ContactPoint (datatype constraints reached through the model)', () => {
    const period = studyWith((s) => {
      s.identifier = [
        ...(s.identifier as JsonObject[]),
        { system: 'http://h.org/acc', value: 'A', period: { start: '2024-05-02', end: '2024-05-01' } },
      ];
    });
    expect(summary(issuesOf(period))).toEqual(['error invariant ImagingStudy.identifier[1].period']);
    const sameDayDifferentPrecision = studyWith((s) => {
      s.identifier = [
        ...(s.identifier as JsonObject[]),
        { system: 'http://h.org/acc', value: 'A', period: { start: '2024-05-01T10:00:00Z', end: '2024-05-01' } },
      ];
    });
    expect(issuesOf(sameDayDifferentPrecision)).toEqual([]);
    const endpoint = containedEndpoint();
    endpoint.contact = [{ value: '+41 00 000 00 00' }];
    expect(summary(validateEndpoint(endpoint).issue)).toEqual(['error invariant Endpoint.contact[0]']);
  });

  it('txt-1/txt-2 on the narrative, checked natively (./narrative.ts)', () => {
    const withDiv = (div: string) => issuesOf(studyWith((s) => (s.text = { status: 'generated', div })));
    expect(withDiv('<div xmlns="http://www.w3.org/1999/xhtml"><p>CT chest</p></div>')).toEqual([]);
    const bad = withDiv('<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></div>');
    expect(summary(bad)).toEqual(['error invariant ImagingStudy.text.div']);
    expect(bad[0]?.diagnostics).toBe('txt-1: htmlChecks()');
  });

  it('ele-1 natively: an element with nothing but an id is empty', () => {
    const study = studyWith((s) => {
      s.subject = { id: 'x' };
    });
    expect(summary(issuesOf(study))).toEqual(['error invariant ImagingStudy.subject']);
    expect(issuesOf(study)[0]?.diagnostics).toBe('ele-1');
  });

  it('does not report dom-6 (best practice: narrative) unless asked, and then as information', () => {
    expect(issuesOf(studyWith(() => undefined))).toEqual([]);
    const cli = createValidator(loadImrRegistry(), IMR_IMAGINGSTUDY_URL, { bestPractice: true });
    const outcome = cli.validate(studyWith(() => undefined));
    expect(summary(outcome.issue)).toEqual(['information invariant ImagingStudy']);
    expect(outcome.issue[0]?.diagnostics).toMatch(/^dom-6:/);
    expect(isValid(outcome)).toBe(true);
    const narrated = studyWith(
      (s) => (s.text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">CT</div>' }),
    );
    expect(cli.validate(narrated).issue).toEqual([]);
  });
});

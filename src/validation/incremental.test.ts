import { describe, expect, it } from 'vitest';
import { generateStudy, withInstanceUid } from '../testing/large-study';
import { isImrStudyCase, loadCorpus } from './corpus/load';
import { imrValidator } from './index';
import { isAtOrBelow } from './issues';
import { isRecord, type JsonObject } from './json';
import { at, containedEndpoint, studyWith } from './testing/fixtures';

const validator = imrValidator();

/** Every expression the form could ask about: each element, each list with and without an index. */
function expressionsOf(value: unknown, path: string, out: Set<string>): Set<string> {
  out.add(path);
  if (Array.isArray(value)) {
    value.forEach((item, i) => expressionsOf(item, `${path}[${i}]`, out));
    out.add(`${path}[${value.length}]`); // one past the end
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'resourceType') continue;
      // `_name` data is addressed through the primitive's own path.
      expressionsOf(child, `${path}.${key.startsWith('_') ? key.slice(1) : key}`, out);
    }
  }
  return out;
}

/** validateAt(resource, e) must be the full run's issues under e, in the same order. */
function expectAgreement(resource: unknown, extra: string[] = []): number {
  const full = validator.validate(resource).issue;
  const targets = expressionsOf(resource, 'ImagingStudy', new Set(extra));
  for (const issue of full) for (const e of issue.expression ?? []) targets.add(e);
  for (const target of targets) {
    const expected = full.filter((issue) => isAtOrBelow(issue.expression?.[0] ?? '', target));
    expect(validator.validateAt(resource, target), target).toEqual(expected);
  }
  return targets.size;
}

const ODD_TARGETS = [
  'ImagingStudy',
  'ImagingStudy.series',
  'ImagingStudy.series[0].instance',
  'ImagingStudy.series[99].uid',
  'ImagingStudy.notAField',
  'ImagingStudy.identifier[0].value.extension',
  'ImagingStudy.status.extension[0]',
  'ImagingStudy.contained[0].payloadType[0].coding[0]',
  'Patient.name',
  'ImagingStudy.series[x]',
  'ImagingStudy..series',
  '',
];

describe('validateAt equals the full validation filtered to the subtree', () => {
  it('on every corpus file, at every element', () => {
    let checked = 0;
    for (const { resource } of loadCorpus().filter(isImrStudyCase)) checked += expectAgreement(resource, ODD_TARGETS);
    expect(checked).toBeGreaterThan(1000);
  });

  it('on studies with many problems at once', () => {
    const messy = studyWith((s) => {
      s.status = 'done';
      s.unknown = 1;
      s.modality = [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'XX' }, null, {}];
      s.identifier = [{ system: 'urn:dicom:uid', value: '1.2.3' }, { system: 'urn:dicom:uid' }];
      s.numberOfInstances = 7;
      s._description = { extension: [{ url: 'http://x' }], bad: true };
      s.contained = [
        {
          ...containedEndpoint(),
          status: 'online',
          payloadType: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '1' }] }],
        },
      ];
      s.endpoint = [{ reference: '#ep' }, { reference: '#nope' }, { reference: 'Patient/1' }];
      const series = at(s, 'series[0]');
      s.series = [
        series,
        {
          ...series,
          uid: '1.2.03',
          instance: [...(series.instance as JsonObject[]), { uid: '1.2.826.0.1.3680043.8.498.1.1.1' }],
        },
        'text',
        { uid: series.uid },
      ];
    });
    expect(expectAgreement(messy, ODD_TARGETS)).toBeGreaterThan(50);
    for (const value of [null, 'ImagingStudy', [], { resourceType: 'Patient', series: [] }, {}]) {
      expectAgreement(value, ODD_TARGETS);
    }
  });

  it('follows immutable edits of a large study (cached UID index)', () => {
    let study: JsonObject = generateStudy(6, 40) as unknown as JsonObject;
    const target = 'ImagingStudy.series[4].instance[7].uid';
    const duplicateOf = (s: number, i: number) => `1.2.826.0.1.3680043.8.498.77.${s + 1}.${i + 1}`;
    const expectAt = (expression: string) => {
      const expected = validator.validate(study).issue.filter((i) => isAtOrBelow(i.expression?.[0] ?? '', expression));
      expect(validator.validateAt(study, expression), expression).toEqual(expected);
      return expected;
    };
    expect(expectAt(target)).toEqual([]);
    // A duplicate of an earlier series' instance, of an earlier one in its own series, of a later one, then unique:
    // only the later use of a UID gets the error.
    for (const [uid, targetErrors, laterErrors] of [
      [duplicateOf(1, 3), 1, 0],
      [duplicateOf(4, 2), 1, 0],
      [duplicateOf(4, 30), 0, 1],
      ['1.2.3.4', 0, 0],
    ] as const) {
      study = withInstanceUid(study as never, 4, 7, uid) as unknown as JsonObject;
      expect(expectAt(target).length, uid).toBe(targetErrors);
      expect(expectAt('ImagingStudy.series[4].instance[30].uid').length, uid).toBe(laterErrors);
    }
  });
});

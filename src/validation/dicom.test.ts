import { describe, expect, it } from 'vitest';
import { imrValidator } from './index';
import type { JsonObject } from './json';
import { at, studyWith, summary } from './testing/fixtures';
import { uidProblem } from '../kernel/uid-syntax';
import { bareUidProblem, studyUidProblem } from './uid';

const validator = imrValidator();
const issuesOf = (study: unknown) => validator.validate(study).issue;
const texts = (study: unknown) => issuesOf(study).map((i) => `${i.expression?.[0]}: ${i.details?.text}`);

describe('DICOM UID syntax', () => {
  it('names which rule a UID breaks', () => {
    expect(uidProblem('1.2.840.10008.0.1')).toBeUndefined();
    expect(uidProblem('1.2.abc')).toBe('may contain only digits and dots, but has "a"');
    expect(uidProblem('1.2 3')).toBe('may contain only digits and dots, but has " "');
    expect(uidProblem(`1.${'2'.repeat(63)}`)).toBe('is 65 characters long; the maximum is 64');
    expect(uidProblem('.1.2')).toBe('must not start with a dot');
    expect(uidProblem('1.2.')).toBe('must not end with a dot');
    expect(uidProblem('1..2')).toBe('must not have two dots in a row (an empty number)');
    expect(uidProblem('1.02.3')).toBe('has a number with a leading zero ("02"): write it as 2');
    expect(uidProblem('1.0.3')).toBeUndefined();
    expect(uidProblem('')).toBe('is empty');
  });

  it('accepts a 64-character UID and refuses 65', () => {
    const uid64 = `1.${'2'.repeat(62)}`;
    expect(uid64).toHaveLength(64);
    expect(bareUidProblem(uid64)).toBeUndefined();
    expect(studyUidProblem(`urn:oid:${uid64}`)).toBeUndefined();
    expect(studyUidProblem(`urn:oid:${uid64}2`)).toMatch(/65 characters/);
  });

  it('requires urn:oid: on the study UID, and refuses it on series and instance UIDs', () => {
    const study = studyWith((s) => {
      at(s, 'identifier[0]').value = '1.2.3';
      at(s, 'series[0]').uid = 'urn:oid:1.2.3.1';
      at(s, 'series[0].instance[0]').uid = 'urn:oid:1.2.3.1.1';
    });
    expect(texts(study).sort()).toEqual([
      'ImagingStudy.identifier[0].value: Study Instance UID must start with "urn:oid:" followed by the UID (write urn:oid:1.2.3)',
      'ImagingStudy.series[0].instance[0].uid: SOP Instance UID must be the bare UID without "urn:oid:" (write 1.2.3.1.1)',
      'ImagingStudy.series[0].uid: Series Instance UID must be the bare UID without "urn:oid:" (write 1.2.3.1)',
    ]);
  });

  it('reports each kind of bad UID once, at the UID, with the rule in the message', () => {
    // A UID that is only unfinished ("1.2." on the way to "1.2.3") is `incomplete`: the form waits for a pause.
    for (const [uid, words, code] of [
      ['1.2.x', 'only digits and dots', 'value'],
      ['1.2.03', 'leading zero ("03")', 'value'],
      ['1..2', 'two dots in a row', 'value'],
      ['1.2.', 'end with a dot', 'incomplete'],
      ['.1.2', 'start with a dot', 'value'],
      [`1.${'5'.repeat(63)}`, '65 characters', 'value'],
    ] as const) {
      const study = studyWith((s) => {
        at(s, 'series[0].instance[1]').uid = uid;
      });
      const issues = issuesOf(study);
      expect(summary(issues), uid).toEqual([`error ${code} ImagingStudy.series[0].instance[1].uid`]);
      expect(issues[0]?.details?.text, uid).toContain(words);
      expect(issues[0]?.details?.text, uid).toMatch(/^SOP Instance UID .*at most 64 characters/);
    }
  });

  it('speaks of the study UID as the form shows it, without its urn:oid: prefix', () => {
    const study = studyWith((s) => {
      at(s, 'identifier[0]').value = 'urn:oid:1.02.3';
    });
    expect(texts(study)).toEqual([
      'ImagingStudy.identifier[0].value: Study Instance UID has a number with a leading zero ("02"): write it as 2. A UID is numbers separated by dots, at most 64 characters (e.g. 1.2.840.113619.2.55.3).',
    ]);
  });

  it('warns (never errs) when the study starts more than 5 minutes in the future', () => {
    const later = (ms: number): string => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, '+00:00');
    const startedAt = (started: string) =>
      issuesOf(
        studyWith((s) => {
          s.started = started;
        }),
      ).filter((i) => i.expression?.[0] === 'ImagingStudy.started');
    expect(startedAt(later(2 * 60_000))).toEqual([]);
    expect(startedAt('2020-01-01')).toEqual([]);
    const future = startedAt(later(60 * 60_000));
    expect(future.map((i) => `${i.severity} ${i.details?.text ?? ''}`)).toEqual([
      'warning Started is more than 5 minutes in the future: check the date and time zone',
    ]);
    expect(startedAt('2999-01-01').map((i) => i.severity)).toEqual(['warning']);
  });

  it('an empty UID is an empty string error, not also a UID error', () => {
    const study = studyWith((s) => {
      at(s, 'series[0]').uid = '';
    });
    expect(texts(study)).toEqual([
      'ImagingStudy.series[0].uid: Series Instance UID must not be empty: enter a value or remove it',
    ]);
  });
});

describe('DICOM UID uniqueness within the study', () => {
  it('reports each later use of a series UID, pointing at the first', () => {
    const study = studyWith((s) => {
      const first = at(s, 'series[0]');
      const { uid, modality } = first;
      s.series = [first, { uid, modality }, { uid, modality }];
      s.numberOfSeries = 3;
    });
    expect(texts(study)).toEqual([
      'ImagingStudy.series[1].uid: Series Instance UID 1.2.826.0.1.3680043.8.498.1.1 is already used by series 1: each series needs its own UID',
      'ImagingStudy.series[2].uid: Series Instance UID 1.2.826.0.1.3680043.8.498.1.1 is already used by series 1: each series needs its own UID',
    ]);
  });

  it('reports SOP instance UIDs repeated within a series and across series', () => {
    const study = studyWith((s) => {
      const series0 = at(s, 'series[0]');
      const instance = series0.instance as JsonObject[];
      instance.push({ ...instance[0] });
      series0.numberOfInstances = 3;
      s.series = [
        series0,
        { uid: '1.2.9', modality: series0.modality, numberOfInstances: 1, instance: [{ ...instance[1] }] },
      ];
      s.numberOfSeries = 2;
      s.numberOfInstances = 4;
    });
    expect(summary(issuesOf(study))).toEqual([
      'error duplicate ImagingStudy.series[0].instance[2].uid',
      'error duplicate ImagingStudy.series[1].instance[0].uid',
    ]);
    expect(issuesOf(study).map((i) => i.details?.text)).toContain(
      'SOP Instance UID 1.2.826.0.1.3680043.8.498.1.1.2 is already used by series 1, instance 2: each instance needs its own UID',
    );
  });

  it('keeps series and SOP instance UIDs apart', () => {
    const study = studyWith((s) => {
      at(s, 'series[0].instance[0]').uid = at(s, 'series[0]').uid;
    });
    expect(issuesOf(study)).toEqual([]);
  });
});

describe('series and instance counts (warnings)', () => {
  it('warns when numberOfSeries / numberOfInstances disagree with the lists', () => {
    const study = studyWith((s) => {
      s.numberOfSeries = 2;
      s.numberOfInstances = 5;
      at(s, 'series[0]').numberOfInstances = 1;
    });
    expect(summary(issuesOf(study))).toEqual([
      'warning business-rule ImagingStudy.numberOfInstances',
      'warning business-rule ImagingStudy.numberOfSeries',
      'warning business-rule ImagingStudy.series[0].numberOfInstances',
    ]);
    expect(texts(study)).toContain(
      'ImagingStudy.numberOfSeries: Number of series is 2, but 1 series is listed: correct the number or the list',
    );
  });

  it('counts zero when no series or instances are listed', () => {
    const study = studyWith((s) => {
      delete s.series;
      s.numberOfSeries = 0;
      s.numberOfInstances = 0;
    });
    expect(issuesOf(study)).toEqual([]);
    const claims = studyWith((s) => {
      delete s.series;
      delete s.numberOfInstances;
      s.numberOfSeries = 1;
    });
    expect(summary(issuesOf(claims))).toEqual(['warning business-rule ImagingStudy.numberOfSeries']);
  });

  it('does not count when the numbers themselves are invalid', () => {
    const study = studyWith((s) => {
      s.numberOfSeries = -1;
    });
    expect(summary(issuesOf(study))).toEqual(['error value ImagingStudy.numberOfSeries']);
  });
});

describe('count warnings', () => {
  it('say "1 instance is listed" in the singular', () => {
    const series = [
      { uid: '1.2.3.1', modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' } },
    ];
    const study = {
      resourceType: 'ImagingStudy',
      numberOfInstances: 3,
      series: [
        {
          ...series[0],
          instance: [
            { uid: '1.2.3.1.1', sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' } },
          ],
        },
      ],
    };
    const texts = imrValidator()
      .validate(study as never)
      .issue.map((i) => i.details?.text ?? '');
    expect(texts.some((t) => t.includes('but 1 instance is listed'))).toBe(true);
  });
});

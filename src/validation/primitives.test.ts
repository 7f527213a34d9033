import { describe, expect, it } from 'vitest';
import { imrValidator, isValid } from './index';
import { studyWith, summary } from './testing/fixtures';
import { type JsonObject, JsonNumber, parseJson } from './json';

const validator = imrValidator();

/** The issues of a study whose extension[0] carries `value` under the choice key `key`. */
function extensionIssues(key: string, value: unknown): string[] {
  const study = studyWith((s) => {
    s.extension = [{ url: 'http://example.org/fhir/StructureDefinition/x', [key]: value }];
  });
  return summary(validator.validate(study).issue);
}

type Case = [value: unknown, expected: 'ok' | 'value' | 'structure' | 'should'];

function expectCases(key: string, cases: Case[]): void {
  for (const [value, expected] of cases) {
    const issues = extensionIssues(key, value);
    const path = `ImagingStudy.extension[0].${key}`;
    const want =
      expected === 'ok' ? [] : expected === 'should' ? [`warning value ${path}`] : [`error ${expected} ${path}`];
    expect(issues, `${key} = ${JSON.stringify(value)}`).toEqual(want);
  }
}

describe('R4 primitive formats', () => {
  it('a bad value is reported at each row that repeats it, and a good one between them stays good', () => {
    const study = studyWith((s) => {
      const series = (s.series as JsonObject[])[0] as JsonObject;
      const rows = series.instance as JsonObject[];
      const bad = { system: 'urn ietf', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' };
      const good = rows[1] as JsonObject;
      series.instance = [
        { ...rows[0], sopClass: bad },
        good,
        { ...good, uid: '1.2.826.0.1.3680043.8.498.1.1.3', sopClass: { ...bad } },
      ];
      series.numberOfInstances = 3;
      s.numberOfInstances = 3;
    });
    expect(summary(validator.validate(study).issue)).toEqual([
      'error value ImagingStudy.series[0].instance[0].sopClass.system',
      'error value ImagingStudy.series[0].instance[2].sopClass.system',
    ]);
  });

  it('dateTime: a date, or a time with seconds and a time zone', () => {
    expectCases('valueDateTime', [
      ['2024', 'ok'],
      ['2024-05', 'ok'],
      ['2024-05-01', 'ok'],
      ['2024-05-01T14:30:00Z', 'ok'],
      ['2024-05-01T14:30:00.123+02:00', 'ok'],
      ['2024-02-29', 'ok'],
      ['2024-05-01T14:30+02:00', 'value'],
      ['2024-05-01T14:30:00', 'value'],
      ['2024-13-01', 'value'],
      ['2024-02-30', 'value'],
      ['2023-02-29T10:00:00Z', 'value'],
      ['24-05-01', 'value'],
      ['', 'value'],
      [20240501, 'structure'],
    ]);
  });

  it('instant, date and time', () => {
    expectCases('valueInstant', [
      ['2024-05-01T14:30:00.000Z', 'ok'],
      ['2024-05-01T14:30:00+02:00', 'ok'],
      ['2024-05-01', 'value'],
    ]);
    expectCases('valueDate', [
      ['2024-05-01', 'ok'],
      ['2024-05', 'ok'],
      ['2024-05-01T10:00:00Z', 'value'],
      ['2024-04-31', 'value'],
    ]);
    expectCases('valueTime', [
      ['14:30:00', 'ok'],
      ['14:30', 'value'],
      ['25:00:00', 'value'],
    ]);
  });

  it('integers: JSON numbers, whole, 32-bit, with the type minimum', () => {
    expectCases('valueInteger', [
      [-5, 'ok'],
      [2147483647, 'ok'],
      [2147483648, 'value'],
      [2.5, 'value'],
      ['3', 'structure'],
    ]);
    expectCases('valueUnsignedInt', [
      [0, 'ok'],
      [-1, 'value'],
    ]);
    expectCases('valuePositiveInt', [
      [1, 'ok'],
      [0, 'value'],
    ]);
    expectCases('valueDecimal', [
      [2.5, 'ok'],
      [-0.1, 'ok'],
      ['2.5', 'structure'],
    ]);
  });

  it('boolean is a JSON true/false', () => {
    expectCases('valueBoolean', [
      [false, 'ok'],
      ['true', 'structure'],
      [1, 'structure'],
    ]);
  });

  it('uri, url, canonical, oid, uuid', () => {
    expectCases('valueUri', [
      ['urn:dicom:uid', 'ok'],
      ['http://a b', 'value'],
    ]);
    expectCases('valueUrl', [
      ['https://pacs.example.org/dicomweb', 'ok'],
      ['https://pacs example', 'value'],
    ]);
    expectCases('valueCanonical', [
      ['http://hl7.org/fhir/StructureDefinition/Patient|4.0.1', 'ok'],
      ['http://x y', 'value'],
    ]);
    expectCases('valueOid', [
      ['urn:oid:1.2.840.10008', 'ok'],
      ['1.2.840.10008', 'value'],
      ['urn:oid:1.02', 'value'],
    ]);
    expectCases('valueUuid', [
      ['urn:uuid:c757873d-ec9a-4326-a141-556f43239520', 'ok'],
      ['urn:uuid:C757873D-EC9A-4326-A141-556F43239520', 'value'],
    ]);
  });

  it('id, code, string, markdown, base64Binary', () => {
    expectCases('valueId', [
      ['a-B.9', 'ok'],
      ['a_b', 'value'],
      ['x'.repeat(65), 'value'],
    ]);
    expectCases('valueCode', [
      ['entered-in-error', 'ok'],
      ['two words', 'ok'],
      ['two  spaces', 'value'],
      [' leading', 'value'],
      ['trailing ', 'value'],
    ]);
    expectCases('valueString', [
      ['Chest CT', 'ok'],
      ['  padded  ', 'ok'],
      ['Ünïcödé ✓', 'ok'],
      ['   ', 'should'],
      ['', 'value'],
      [5, 'structure'],
      ['x'.repeat(1024 * 1024 + 1), 'value'],
    ]);
    expectCases('valueMarkdown', [
      ['**bold**\nnext line', 'ok'],
      ['\n\t', 'should'],
    ]);
    expectCases('valueBase64Binary', [
      ['aGVsbG8=', 'ok'],
      ['abc', 'value'],
    ]);
  });

  it('SHOULDs about strings are warnings, SHALLs errors (R4 datatypes: string)', () => {
    // "SHOULD always contain non-whitespace content"; "SHOULD not contain ... points below 32, except
    // for u0009 ..., u0010 ... and u0013"; leading/trailing whitespace is an XML-format rule only.
    expectCases('valueString', [
      ['tab\there\r\nnext', 'ok'],
      ['bell\u0007', 'should'],
      ['nul\u0000', 'should'],
      ['\u001Fx', 'should'],
      [' leading and trailing ', 'ok'],
    ]);
    // "Markdown content SHALL NOT contain Unicode character points below 32, except for u0009 ...".
    expectCases('valueMarkdown', [
      ['bell\u0007', 'value'],
      ['tab\tand\r\nlines', 'ok'],
    ]);
    // A code's grammar has no room for whitespace-only text: that is its SHALL, an error.
    expectCases('valueCode', [['   ', 'value']]);
    expectCases('valueUri', [['  ', 'value']]);
    const warned = studyWith((s) => (s.description = '   '));
    expect(isValid(validator.validate(warned))).toBe(true);
  });

  it('resource id is an id (R4 snapshots type it as a string)', () => {
    const bad = studyWith((s) => {
      s.id = 'study_1';
    });
    expect(summary(validator.validate(bad).issue)).toEqual(['error value ImagingStudy.id']);
  });

  it('says what is wrong and how it should look, naming the field', () => {
    const study = studyWith((s) => {
      s.started = '2024-05-01T14:30';
    });
    expect(validator.validate(study).issue[0]?.details?.text).toBe(
      'Started must be a date (2024-05-01), or a date and time with seconds and a time zone (2024-05-01T14:30:00+02:00)',
    );
    const asNumber = studyWith((s) => {
      s.numberOfSeries = '1';
    });
    expect(validator.validate(asNumber).issue[0]?.details?.text).toBe(
      'Number of series must be a number, not text (write 1 without quotes)',
    );
  });

  it('checks primitives inside datatypes and backbone elements', () => {
    const study = studyWith((s) => {
      s.meta = { lastUpdated: '2024-05-01T10:00Z', profile: ['http://x y'] };
      const series = (s.series as JsonObject[])[0] as JsonObject;
      series.started = '2024-05-01 10:00';
    });
    expect(summary(validator.validate(study).issue)).toEqual([
      'error value ImagingStudy.meta.lastUpdated',
      'error value ImagingStudy.meta.profile[0]',
      'error value ImagingStudy.series[0].started',
    ]);
  });
});

describe('numbers on their JSON text (parseJson, as the CLI reads files)', () => {
  /** The issues of a study file whose extension[0] has `key: <text>` written literally. */
  const issuesOfText = (key: string, text: string): string[] => {
    const study = studyWith((s) => {
      s.extension = [{ url: 'http://example.org/fhir/StructureDefinition/x', [key]: 0 }];
    });
    const json = JSON.stringify(study).replace(`"${key}":0`, `"${key}":${text}`);
    return summary(validator.validate(parseJson(json)).issue);
  };
  const bad = (key: string) => [`error value ImagingStudy.extension[0].${key}`];

  it('integer types have no decimal point and no exponent (R4: integer -?([0]|([1-9][0-9]*)))', () => {
    for (const key of ['valueInteger', 'valueUnsignedInt', 'valuePositiveInt']) {
      expect(issuesOfText(key, '1.0'), `${key} 1.0`).toEqual(bad(key));
      expect(issuesOfText(key, '2E0'), `${key} 2E0`).toEqual(bad(key));
      expect(issuesOfText(key, '1e0'), `${key} 1e0`).toEqual(bad(key));
      expect(issuesOfText(key, '7'), `${key} 7`).toEqual([]);
    }
    expect(issuesOfText('valueInteger', '-0')).toEqual([]);
    expect(issuesOfText('valueUnsignedInt', '-0')).toEqual(bad('valueUnsignedInt'));
    expect(issuesOfText('valueInteger', '2147483648')).toEqual(bad('valueInteger'));
    expect(issuesOfText('valueInteger', '-2147483649')).toEqual(bad('valueInteger'));
    expect(issuesOfText('valueInteger', '12345678901234567890')).toEqual(bad('valueInteger'));
  });

  it('decimal keeps its text: precision and exponents are allowed by its grammar', () => {
    for (const text of ['1.0', '1.50', '2E0', '1e-3', '0.010', '-0.0', '1e400']) {
      expect(issuesOfText('valueDecimal', text), text).toEqual([]);
    }
  });

  it('the message names the text', () => {
    const study = studyWith(() => undefined);
    const json = JSON.stringify(study).replace('"numberOfSeries":1', '"numberOfSeries":1.0');
    const [issue] = validator.validate(parseJson(json)).issue;
    expect(issue).toMatchObject({ severity: 'error', expression: ['ImagingStudy.numberOfSeries'] });
    expect(issue?.details?.text).toContain('1.0 is not: write it without a decimal point or exponent');
  });

  it('leaves plain numbers plain, and agrees with JSON.parse on everything else', () => {
    const text = '{"a":[1,0.5,-3,1e21,"1.0"],"b":{"c":true,"d":null}}';
    const parsed = parseJson(text) as { a: unknown[] };
    expect(parsed.a.slice(0, 3)).toEqual([1, 0.5, -3]);
    expect(parsed.a[3]).toBeInstanceOf(JsonNumber);
    expect(JSON.parse(text)).toEqual({ ...(parsed as object), a: [1, 0.5, -3, 1e21, '1.0'] });
    expect(() => parseJson('{"a":1,}')).toThrow(SyntaxError);
  });
});

import { OID_PREFIX } from '../kernel/uid';
import type { PrimitiveTypeModel } from '../profile';
import type { IssueCode } from './issues';
import { JsonNumber, jsonKind } from './json';
import { narrativeCheck } from './narrative-engine';

/**
 * Why a primitive value is wrong: the issue code and the message, given the field label. `severity`
 * follows the specification's wording: a broken SHALL (the type's grammar, the 1 MB limit) is an
 * error; a broken SHOULD (whitespace-only text, control characters) is only a warning. Read-only: a compiled
 * check hands the same problem to every value that repeats its last string.
 */
export interface PrimitiveProblem {
  readonly severity: 'error' | 'warning';
  readonly code: IssueCode;
  readonly message: (label: string) => string;
  /** The rule's key and expression, for invariants checked natively (txt-1, txt-2). */
  readonly diagnostics?: string;
}

/** Checks one JSON value (never null/undefined) against a primitive type. */
export type PrimitiveCheck = (value: unknown) => PrimitiveProblem | undefined;

/** What a valid value looks like, per R4 primitive type, for messages. */
const FORMATS: Record<string, string> = {
  boolean: 'must be true or false',
  integer: 'must be a whole number (e.g. 5)',
  unsignedInt: 'must be a whole number of 0 or more (e.g. 3)',
  positiveInt: 'must be a whole number of 1 or more (e.g. 1)',
  decimal: 'must be a number (e.g. 2.5)',
  string: 'must be text',
  markdown: 'must be text',
  code: 'must be a code without leading, trailing or double spaces (e.g. available)',
  id: 'must be 1 to 64 letters, digits, "-" or "." (e.g. study-1)',
  uri: 'must be a URI without spaces (e.g. urn:dicom:uid)',
  url: 'must be a URL without spaces (e.g. https://pacs.example.org/dicomweb)',
  canonical: 'must be a canonical URL without spaces (e.g. http://hl7.org/fhir/StructureDefinition/Patient)',
  oid: `must be ${OID_PREFIX} followed by an OID (e.g. ${OID_PREFIX}1.2.840.10008.1.2)`,
  uuid: 'must be urn:uuid: followed by a lower-case UUID (e.g. urn:uuid:c757873d-ec9a-4326-a141-556f43239520)',
  date: 'must be a date (2024-05-01), a year and month (2024-05) or a year (2024)',
  dateTime: 'must be a date (2024-05-01), or a date and time with seconds and a time zone (2024-05-01T14:30:00+02:00)',
  instant: 'must be a date and time with seconds and a time zone (e.g. 2024-05-01T14:30:00.000+02:00)',
  time: 'must be a time of day with seconds (e.g. 14:30:00)',
  base64Binary: 'must be base64-encoded data',
  xhtml: 'must be XHTML text',
};

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const MAX_STRING_LENGTH = 1024 * 1024;
const DATE_TYPES = new Set(['date', 'dateTime', 'instant']);
const PLAIN_TEXT = new Set(['string', 'markdown', 'xhtml']);
const INTEGER_MIN: Record<string, number> = { integer: INT32_MIN, unsignedInt: 0, positiveInt: 1 };

function format(code: string): string {
  return FORMATS[code] ?? `must be a valid ${code}`;
}

const problem = (code: IssueCode, message: (label: string) => string): PrimitiveProblem => ({
  severity: 'error',
  code,
  message,
});
const advice = (code: IssueCode, message: (label: string) => string): PrimitiveProblem => ({
  severity: 'warning',
  code,
  message,
});

/** C0 control characters other than tab, LF and CR: R4 says strings SHOULD NOT contain them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** A yyyy-mm-dd prefix that names a day the month does not have (2023-02-29, 2024-04-31). */
function impossibleDay(value: string): boolean {
  if (value.length < 10) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return day > new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function expectedJson(jsonType: PrimitiveTypeModel['jsonType']): string {
  return jsonType === 'string' ? 'text' : jsonType === 'number' ? 'a number' : 'true or false';
}

function wrongJsonType(code: string, jsonType: PrimitiveTypeModel['jsonType'], value: unknown): PrimitiveProblem {
  const quoted = typeof value === 'string' && jsonType !== 'string' ? ` (write ${value} without quotes)` : '';
  // For formatted text (dates, codes, URIs...) say what the text must look like too.
  const more = jsonType === 'string' && !PLAIN_TEXT.has(code) ? `: it ${format(code)}` : '';
  return problem('structure', (l) => `${l} must be ${expectedJson(jsonType)}, not ${jsonKind(value)}${quoted}${more}`);
}

function checkNumber(code: string, value: number): PrimitiveProblem | undefined {
  const min = INTEGER_MIN[code];
  if (min === undefined) return Number.isFinite(value) ? undefined : problem('value', (l) => `${l} ${format(code)}`);
  if (!Number.isInteger(value) || value < min || value > INT32_MAX) {
    return problem('value', (l) => `${l} ${format(code)}; ${value} is not`);
  }
  return undefined;
}

/**
 * A number on its source text: R4 gives integer, positiveInt and unsignedInt a grammar with no
 * decimal point and no exponent (e.g. unsignedInt `[0]|([1-9][0-9]*)`), and integer a 32-bit range;
 * decimal's grammar allows both, and its text is its precision.
 */
function checkNumberText(code: string, number: JsonNumber, regex: RegExp | undefined): PrimitiveProblem | undefined {
  const text = number.source;
  if (regex !== undefined && !regex.test(text)) {
    const why = /[.eE]/.test(text) ? ': write it without a decimal point or exponent' : '';
    return problem('value', (l) => `${l} ${format(code)}; ${text} is not${why}`);
  }
  const min = INTEGER_MIN[code];
  if (min !== undefined && (number.value < min || number.value > INT32_MAX)) {
    return problem('value', (l) => `${l} ${format(code)}; ${text} is out of range`);
  }
  return undefined;
}

function checkString(
  code: string,
  value: string,
  regex: RegExp | undefined,
  isDate: boolean,
): PrimitiveProblem | undefined {
  // R4 (JSON): "empty strings are not allowed" -> SHALL; the type regexes need one character too.
  if (value === '') return problem('value', (l) => `${l} must not be empty: enter a value or remove it`);
  // R4 (datatypes, string): "Strings SHALL NOT exceed 1MB".
  if (value.length > MAX_STRING_LENGTH) return problem('value', (l) => `${l} is too long (over 1 MB of text)`);
  if (regex !== undefined && !regex.test(value)) {
    return problem('value', (l) => `${l} ${format(code)}`);
  }
  if (isDate && impossibleDay(value)) {
    return problem('value', (l) => `${l} is not a real calendar date (${value.slice(0, 10)}): it ${format(code)}`);
  }
  // R4 (datatypes, string): strings "SHOULD always contain non-whitespace content" -> warning. Types
  // whose grammar forbids it (code, id, uri...) have already failed their regex above.
  if (value.charCodeAt(0) <= 32 && !/\S/.test(value)) {
    return advice('value', (l) => `${l} should contain more than spaces`);
  }
  // R4 (datatypes, string): strings "SHOULD not contain Unicode character points below 32, except
  // for u0009 (horizontal tab), u0010 (carriage return) and u0013 (line feed)" -> warning; for
  // markdown the same sentence says SHALL NOT -> error.
  if (CONTROL_CHARACTER.test(value)) {
    if (code === 'markdown') {
      return problem('value', (l) => `${l} must not contain control characters (other than tab and line breaks)`);
    }
    return advice('value', (l) => `${l} should not contain control characters (other than tab and line breaks)`);
  }
  return undefined;
}

/**
 * A narrative div: text (not empty), then the R4 narrative rules if the checker has loaded (see
 * ./narrative.ts): XML problems are value errors, txt-1/txt-2 invariant errors. Whitespace-only
 * text is txt-2's to report, an error (SHALL), not the string SHOULD.
 */
function checkXhtml(value: unknown): PrimitiveProblem | undefined {
  if (typeof value !== 'string') return wrongJsonType('xhtml', 'string', value);
  if (value === '') return problem('value', (l) => `${l} must not be empty: enter a value or remove it`);
  const found = narrativeCheck()?.(value);
  if (found === undefined) return undefined;
  if (found.key === 'xml') return problem('value', (l) => `${l} ${found.text}`);
  return { ...problem('invariant', (l) => `${l} ${found.text}`), diagnostics: `${found.key}: htmlChecks()` };
}

/**
 * Compiles the check for primitive type `code` (R4 JSON rules: the JSON type, then the spec's regex,
 * non-empty strings with some non-whitespace content, 32-bit integers, real calendar dates).
 * `formatChecked` drops the regex when a more specific rule (a DICOM UID) checks the format itself.
 */
export function compilePrimitive(
  code: string,
  definition: PrimitiveTypeModel | undefined,
  formatChecked = false,
): PrimitiveCheck {
  if (definition === undefined) return () => undefined;
  const { jsonType } = definition;
  const regex = formatChecked ? undefined : definition.regex;
  const isDate = DATE_TYPES.has(code);
  const lexical = definition.regex;
  if (code === 'xhtml') return checkXhtml;
  // The last string checked and its outcome: a study repeats the same strings row after row (every instance of a
  // series has the same SOP class system and code), and the outcome depends on the string alone.
  let lastString: string | undefined;
  let lastProblem: PrimitiveProblem | undefined;
  return (value) => {
    if (typeof value !== jsonType) {
      // A number read with its text (./json.ts parseJson): judged on that text.
      if (value instanceof JsonNumber) {
        return jsonType === 'number'
          ? checkNumberText(code, value, lexical)
          : wrongJsonType(code, jsonType, value.value);
      }
      return wrongJsonType(code, jsonType, value);
    }
    if (typeof value === 'number') return checkNumber(code, value);
    if (typeof value !== 'string') return undefined;
    if (value !== lastString) {
      lastProblem = checkString(code, value, regex, isDate);
      lastString = value;
    }
    return lastProblem;
  };
}

/** The FHIR primitive type names: a JSON property of one of these may have a `_name` sibling. */
export function isPrimitiveType(code: string, primitives: ReadonlyMap<string, PrimitiveTypeModel>): boolean {
  return primitives.has(code) || code.startsWith('http://hl7.org/fhirpath/System.');
}

/**
 * The one FHIR R4 date/dateTime grammar of the app: a year, a year and month, a date, or a date and time with an
 * explicit offset. Years follow R4's rule (0001–9999: there is no year 0000); months, days, hours and minutes are
 * range-checked. Seconds may be left out when reading (they are read as :00): the editor is lenient about what it
 * shows, the validator (R4's own regex) is strict about what is stored.
 */

export type DatePrecision = 'year' | 'year-month' | 'date' | 'date-time';

export interface DateTimeParts {
  precision: DatePrecision;
  /** `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss[.fff]` (wall-clock, no offset). */
  local: string;
  /** `+hh:mm` / `-hh:mm`, for date-time only (`Z` is read as `+00:00`). */
  offset?: string;
}

const YEAR = '(?:[0-9](?:[0-9](?:[0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(?:0[1-9]|1[0-2])';
const DAY = '(?:0[1-9]|[12][0-9]|3[01])';
const TIME = '(?:[01][0-9]|2[0-3]):[0-5][0-9](?::(?:[0-5][0-9]|60)(?:\\.[0-9]{1,9})?)?';
const OFFSET = '(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))';

const GRAMMAR = new RegExp(
  `^(?<year>${YEAR})(?:-(?<month>${MONTH})(?:-(?<day>${DAY})(?:T(?<time>${TIME})(?<offset>${OFFSET}))?)?)?$`,
);

/** Splits a FHIR date or dateTime into precision, wall-clock part and offset; `undefined` if it is none of them. */
export function parseDateTime(value: unknown): DateTimeParts | undefined {
  if (typeof value !== 'string') return undefined;
  const groups = GRAMMAR.exec(value)?.groups;
  if (!groups) return undefined;
  const { year, month, day, time, offset } = groups;
  if (month === undefined) return { precision: 'year', local: year as string };
  if (day === undefined) return { precision: 'year-month', local: `${year}-${month}` };
  const date = `${year}-${month}-${day}`;
  if (time === undefined) return { precision: 'date', local: date };
  const seconds = time.length === 5 ? `${time}:00` : time;
  return { precision: 'date-time', local: `${date}T${seconds}`, offset: offset === 'Z' ? '+00:00' : offset };
}

/** The stored FHIR value for the parts. */
export function formatDateTime(parts: DateTimeParts): string {
  return parts.precision === 'date-time' ? `${parts.local}${parts.offset ?? '+00:00'}` : parts.local;
}

/**
 * R4 dateTime values for the Started inputs: year, date, or date-time with seconds and an explicit
 * offset. Plain functions so the picker stays a thin view over them.
 */

export type DateTimePrecision = 'year' | 'date' | 'date-time';

export interface DateTimeParts {
  precision: DateTimePrecision;
  /** `YYYY`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss` (wall-clock, no offset). */
  local: string;
  /** `+hh:mm` / `-hh:mm`, for date-time only. */
  offset?: string;
}

const YEAR = /^\d{4}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})$/;

/** Splits a stored dateTime into precision, wall-clock part and offset; `undefined` if it is none of them. */
export function parseDateTime(value: unknown): DateTimeParts | undefined {
  if (typeof value !== 'string') return undefined;
  if (YEAR.test(value)) return { precision: 'year', local: value };
  if (DATE.test(value)) return { precision: 'date', local: value };
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const local = (match[1] as string).length === 16 ? `${match[1] as string}:00` : (match[1] as string);
  const offset = match[2] === 'Z' ? '+00:00' : (match[2] as string);
  return { precision: 'date-time', local, offset };
}

/** The stored dateTime for the parts. */
export function formatDateTime(parts: DateTimeParts): string {
  return parts.precision === 'date-time' ? `${parts.local}${parts.offset ?? '+00:00'}` : parts.local;
}

/** `+02:00` for a UTC offset in minutes (positive east of Greenwich). */
export function offsetFromMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** The browser's current UTC offset. */
export function browserOffset(date: Date = new Date()): string {
  return offsetFromMinutes(-date.getTimezoneOffset());
}

/** Every quarter-hour offset from -12:00 to +14:00, for the offset selector. */
export const OFFSETS: readonly string[] = Array.from({ length: (26 * 60) / 15 + 1 }, (_, i) =>
  offsetFromMinutes(-12 * 60 + i * 15),
);

/**
 * The one on-screen format of dates and times, for every place that shows one (the study list, the form's Started
 * field, the PACS lookup): ISO-like and unambiguous in any locale, "2026-12-05 14:30". Stored values keep FHIR's
 * grammar (./datetime.ts); this is only what people read and type.
 */

/**
 * The shown parts of a stored FHIR date or dateTime: the date (any precision) and hours:minutes. Reading only: the
 * grammar that checks values is ./datetime.ts, which the study list, the first page, does not load for this.
 */
const SHOWN = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** The date and time format, as shown in placeholders and hints (year, month, day, hours, minutes). */
export const DISPLAY_DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';
/** The date format (also the placeholder of a typed date). */
export const DISPLAY_DATE_FORMAT = 'YYYY-MM-DD';

/**
 * A FHIR date or dateTime as shown: "2026-12-05 14:30" (the stored wall-clock time, seconds left out), "2026-12-05",
 * "2026-12" or "2026" by precision; a value outside the grammar is shown as stored, never hidden.
 */
export function displayDateTime(value: string): string {
  const match = SHOWN.exec(value);
  if (!match) return value;
  const [, date, time] = match;
  return time === undefined ? (date as string) : `${date as string} ${time}`;
}

/** Whether `text` is a whole date typed in the display format ("2026-12-05"), a real day of the calendar. */
export function isDisplayDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year > 0 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** An instant (`Date.toISOString()`, a draft's time) in the viewer's local time: "2026-12-05 14:30". */
export function displayInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

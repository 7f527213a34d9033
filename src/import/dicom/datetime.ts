/**
 * DICOM dates and times (DA, TM, TimezoneOffsetFromUTC) to FHIR dateTime; a time without an offset gets the offset
 * of a named time zone (src/kernel/timezone.ts).
 */
import { offsetInZone } from '../../kernel/timezone';

/** `YYYYMMDD` (or the old `YYYY.MM.DD`) to `YYYY-MM-DD`; undefined if it is not a date. */
export function dicomDate(da: string | undefined): string | undefined {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(da?.trim() ?? '');
  if (!match) return undefined;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : undefined;
}

/** `HHMMSS.FFFFFF`, `HHMM` or `HH` (or the old `HH:MM:SS`) to `HH:mm:ss`; fractions are dropped. */
export function dicomTime(tm: string | undefined): string | undefined {
  const match = /^(\d{2}):?(\d{2})?:?(\d{2})?(?:\.\d{1,6})?$/.exec(tm?.trim() ?? '');
  if (!match) return undefined;
  const [hh, mm = '00', ss = '00'] = match.slice(1) as [string, string | undefined, string | undefined];
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 60) return undefined;
  return `${hh}:${mm}:${ss === '60' ? '59' : ss}`;
}

/** TimezoneOffsetFromUTC `+HHMM` / `-HHMM` to `+HH:MM`; undefined if malformed. */
export function dicomOffset(offset: string | undefined): string | undefined {
  const match = /^([+-])(\d{2})(\d{2})$/.exec(offset?.trim() ?? '');
  if (!match) return undefined;
  const [, sign, hh, mm] = match as unknown as [string, string, string, string];
  if (Number(hh) > 14 || Number(mm) > 59) return undefined;
  return `${sign}${hh}:${mm}`;
}

export interface StartedParts {
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss`, without an offset. */
  local: string;
  /** The offset the files carried, if any. */
  offset?: string;
}

/** The study's start as wall-clock time plus the DICOM offset (if the files had one). */
export function startedParts(
  date: string | undefined,
  time: string | undefined,
  offset: string | undefined,
): StartedParts | undefined {
  const day = dicomDate(date);
  if (day === undefined) return undefined;
  const clock = dicomTime(time);
  if (clock === undefined) return { local: day };
  const parts: StartedParts = { local: `${day}T${clock}` };
  const tz = dicomOffset(offset);
  if (tz !== undefined) parts.offset = tz;
  return parts;
}

/**
 * The FHIR dateTime for the parts: a date stays a date; a date-time gets the DICOM offset, else the
 * offset of `timeZone` at that time (FHIR requires an offset on a time).
 */
export function startedValue(parts: StartedParts, timeZone: string): string {
  if (!parts.local.includes('T')) return parts.local;
  return `${parts.local}${parts.offset ?? offsetInZone(parts.local, timeZone)}`;
}

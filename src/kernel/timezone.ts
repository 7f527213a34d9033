/**
 * Time zones: the browser's own (IANA name) and the UTC offset a named zone has at a wall-clock time, daylight saving
 * included. The date grammar itself is ./datetime.ts.
 */

/** `+01:00` for an offset in minutes east of UTC. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Intl formatters by zone, made once: making an Intl.DateTimeFormat costs far more than using one, and a date field
 * asks on every render. A zone Intl does not know throws (RangeError) and is not kept.
 */
function formatterCache(
  options: Intl.DateTimeFormatOptions,
  locale: string,
): (timeZone: string) => Intl.DateTimeFormat {
  const made = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = made.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      made.set(timeZone, format);
    }
    return format;
  };
}

const offsetNames = formatterCache({ timeZoneName: 'longOffset' }, 'en-US');
const wallClock = formatterCache(
  {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
  'en-CA',
);

/** Minutes east of UTC of `timeZone` at the instant `epochMs`. */
function zoneMinutesAt(timeZone: string, epochMs: number): number {
  const name = offsetNames(timeZone)
    .formatToParts(new Date(epochMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::?(\d{2}))?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * What this module uses of the Temporal API, where the browser has it (Chromium 144, Firefox 139; TypeScript 5.9 has
 * no types for it). The first Intl date formatter of a page loads the browser's locale data for dates: 15 to 30 ms of
 * the main thread in Chromium, paid by the editor's first screen (its date field names the zone and its offset).
 * Temporal answers the same questions from the time-zone data alone, in well under a millisecond. Without it, Intl.
 */
export interface TemporalZones {
  Now: { timeZoneId(): string };
  PlainDateTime: {
    from(
      fields: { year: number; month: number; day: number; hour: number; minute: number; second: number },
      options: { overflow: 'reject' },
    ): { toZonedDateTime(timeZone: string, options: { disambiguation: 'compatible' }): { epochMilliseconds: number } };
  };
  Instant: {
    fromEpochMilliseconds(epochMs: number): {
      toZonedDateTimeISO(timeZone: string): {
        toPlainDateTime(): { toString(options: { smallestUnit: 'second' }): string };
      };
    };
  };
}

/** The zone questions the app asks, answered by Temporal where there is one, else by Intl. */
export interface ZoneRules {
  /** The browser's own time zone (IANA name, e.g. `Europe/Berlin`; `UTC` on a machine set to UTC). */
  browserTimeZone(): string;
  /**
   * The UTC offset (`+01:00`) that `timeZone` (IANA name) had at the wall-clock time `local`
   * (`YYYY-MM-DDTHH:mm[:ss]`), daylight saving included. As Temporal's (and RFC 5545's) default: a wall time that
   * happens twice (fall back) is the earlier one; one that does not happen (spring forward) takes the offset before
   * the gap, which puts it as far past the gap as it was into it. Throws RangeError for an unknown zone.
   */
  offsetInZone(local: string, timeZone: string): string;
  /** The wall-clock time of `date` in `timeZone` as `YYYY-MM-DDTHH:mm:ss`. */
  localDateTime(date: Date, timeZone: string): string;
}

/** The wall-clock fields of `YYYY-MM-DDTHH:mm[:ss]`, and that wall time read as if it were UTC. */
function wallTime(local: string) {
  const [date = '', time = '00:00:00'] = local.split('T');
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0, s = 0] = time.split(':').map(Number);
  const second = Math.floor(s);
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(year, month - 1, day); // setUTCFullYear: years below 100 stay what they are
  asUtc.setUTCHours(hour, minute, second);
  return { fields: { year, month, day, hour, minute, second }, asUtcMs: asUtc.getTime() };
}

const DAY_MS = 86_400_000;

const intlRules: ZoneRules = {
  browserTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  offsetInZone(local, timeZone) {
    const { asUtcMs } = wallTime(local);
    // The zone's offsets a day either side; a wall time is at offset o when the zone has o at (wall time - o).
    const before = zoneMinutesAt(timeZone, asUtcMs - DAY_MS);
    const after = zoneMinutesAt(timeZone, asUtcMs + DAY_MS);
    const fits = [...new Set([before, after])].filter((o) => zoneMinutesAt(timeZone, asUtcMs - o * 60_000) === o);
    // Both fit in an overlap: the earlier instant (the larger offset). Neither in a gap: the offset before it.
    return offsetText(fits.length > 0 ? Math.max(...fits) : before);
  },
  localDateTime(date, timeZone) {
    const parts = wallClock(timeZone).formatToParts(date);
    const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
    return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
  },
};

/** The rules on `temporal`, or on Intl without it. Exported for the tests, which run both. */
export function zoneRules(temporal: TemporalZones | undefined): ZoneRules {
  if (!temporal) return intlRules;
  return {
    browserTimeZone: () => temporal.Now.timeZoneId(),
    offsetInZone(local, timeZone) {
      const { fields, asUtcMs } = wallTime(local);
      let wall;
      try {
        wall = temporal.PlainDateTime.from(fields, { overflow: 'reject' });
      } catch {
        return intlRules.offsetInZone(local, timeZone); // a wall time no calendar has (31 April): as Intl reads it
      }
      // An unknown zone throws RangeError here, as Intl does.
      const instant = wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
      // Zones that were seconds off UTC (local mean time, before 1900) are shown to the minute, as Intl shows them.
      return offsetText(Math.trunc((asUtcMs - instant) / 60_000));
    },
    localDateTime: (date, timeZone) =>
      temporal.Instant.fromEpochMilliseconds(date.getTime())
        .toZonedDateTimeISO(timeZone)
        .toPlainDateTime()
        .toString({ smallestUnit: 'second' }),
  };
}

/** The rules this runtime offers (see ZoneRules for each). */
export const { browserTimeZone, offsetInZone, localDateTime } = zoneRules(
  (globalThis as { Temporal?: TemporalZones }).Temporal,
);

/** The IANA zones to choose from, always including the browser's own (`UTC` is not in `supportedValuesOf`). */
export function timeZoneChoices(): string[] {
  const own = browserTimeZone();
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return zones.includes(own) ? zones : [own, ...zones];
}

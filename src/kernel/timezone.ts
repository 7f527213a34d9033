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
 * The UTC offset (`+01:00`) that `timeZone` (IANA name) had at the wall-clock time `local`
 * (`YYYY-MM-DDTHH:mm[:ss]`), daylight saving included. Throws RangeError for an unknown zone.
 */
export function offsetInZone(local: string, timeZone: string): string {
  const [date = '', time = '00:00:00'] = local.split('T');
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0, s = 0] = time.split(':').map(Number);
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(y, mo - 1, d); // setUTCFullYear: years below 100 stay what they are
  asUtc.setUTCHours(h, mi, Math.floor(s));
  // The wall time read as UTC is off by the zone's offset; one correction settles it except in a DST gap.
  const first = zoneMinutesAt(timeZone, asUtc.getTime());
  const second = zoneMinutesAt(timeZone, asUtc.getTime() - first * 60_000);
  return offsetText(second);
}

/** The browser's own time zone (IANA name, e.g. `Europe/Berlin`; `UTC` on a machine set to UTC). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

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

/** The wall-clock time of `date` in `timeZone` as `YYYY-MM-DDTHH:mm:ss`. */
export function localDateTime(date: Date, timeZone: string): string {
  const parts = wallClock(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

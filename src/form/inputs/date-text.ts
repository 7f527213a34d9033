/**
 * What the Started field shows and stores. The user types a date-time as it reads ("2024-05-01 14:30", seconds
 * optional) in the browser's time zone, a date alone, or a full FHIR dateTime with its own offset. The grammar is the
 * kernel's (src/kernel/datetime.ts); this only turns the space into "T" and adds the zone's offset.
 */
import { formatDateTime, parseDateTime } from '../../kernel/datetime';
import { localDateTime, offsetInZone } from '../../kernel/timezone';

const HAS_OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The stored value for the typed text: an R4 dateTime when the text reads as one (a time without an offset is in
 * `zone`), else the text itself, kept for the validator to flag at the field (nothing typed is dropped).
 */
export function storedDateTime(text: string, zone: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const iso = trimmed.replace(/^(\S+) (\S+)$/, '$1T$2');
  const needsOffset = iso.includes('T') && !HAS_OFFSET.test(iso);
  // The wall-clock part must read as a date-time before the zone is asked for its offset at that time.
  const parts = parseDateTime(needsOffset && parseDateTime(`${iso}Z`) ? `${iso}${offsetInZone(iso, zone)}` : iso);
  return parts ? formatDateTime(parts) : text;
}

/** The text shown for a stored value: a date-time in `zone` without its offset, anything else as stored. */
export function shownDateTime(stored: unknown, zone: string): string {
  if (typeof stored !== 'string') return '';
  const parts = parseDateTime(stored);
  if (parts?.precision !== 'date-time') return stored;
  const local = parts.local.replace('T', ' ');
  return parts.offset === offsetInZone(parts.local, zone) ? local : `${local}${parts.offset ?? ''}`;
}

/** The stored value for the present moment in `zone`, to the second. */
export function nowDateTime(zone: string, now: Date = new Date()): string {
  const local = localDateTime(now, zone);
  return `${local}${offsetInZone(local, zone)}`;
}

/** `UTC+01:00` for `zone` at the typed time (or now, while there is none). */
export function zoneOffsetLabel(stored: unknown, zone: string, now: Date = new Date()): string {
  const parts = typeof stored === 'string' ? parseDateTime(stored) : undefined;
  const local = parts?.precision === 'date-time' ? parts.local : localDateTime(now, zone);
  return `UTC${offsetInZone(local, zone)}`;
}

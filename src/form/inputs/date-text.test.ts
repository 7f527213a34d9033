import { describe, expect, it } from 'vitest';
import { nowDateTime, shownDateTime, storedDateTime, zoneOffsetLabel } from './date-text';

const zone = 'Europe/Berlin';

describe('Started as typed and as stored', () => {
  it('stores a typed date-time in the zone, seconds optional, and a date alone as a date', () => {
    expect(storedDateTime('2024-07-14 09:26:53', zone)).toBe('2024-07-14T09:26:53+02:00');
    expect(storedDateTime('2024-01-14 09:26', zone)).toBe('2024-01-14T09:26:00+01:00');
    expect(storedDateTime('2024-01-14T09:26:00-05:00', zone)).toBe('2024-01-14T09:26:00-05:00');
    expect(storedDateTime('2024-01-14', zone)).toBe('2024-01-14');
    expect(storedDateTime('  ', zone)).toBeUndefined();
  });

  it('keeps text that is no R4 dateTime as typed, for the validator to flag: year 0000, an unfinished time', () => {
    expect(storedDateTime('0000-01-01 10:00:00', zone)).toBe('0000-01-01 10:00:00');
    expect(storedDateTime('2027-12-31 09:00:ss', zone)).toBe('2027-12-31 09:00:ss');
    expect(storedDateTime('2027-12-31 09', zone)).toBe('2027-12-31 09');
  });

  it("shows a stored date-time in the zone without its offset, and with it when it is another zone's", () => {
    expect(shownDateTime('2024-07-14T09:26:53+02:00', zone)).toBe('2024-07-14 09:26:53');
    expect(shownDateTime('2024-07-14T09:26:53-04:00', zone)).toBe('2024-07-14 09:26:53-04:00');
    expect(shownDateTime('2024-07', zone)).toBe('2024-07');
    expect(storedDateTime(shownDateTime('2024-07-14T09:26:53-04:00', zone), zone)).toBe('2024-07-14T09:26:53-04:00');
  });

  it('Now is the present second in the zone, and the zone is named with its offset at the typed time', () => {
    const instant = new Date(Date.UTC(2024, 0, 14, 8, 0, 5));
    expect(nowDateTime(zone, instant)).toBe('2024-01-14T09:00:05+01:00');
    expect(zoneOffsetLabel('2024-07-14T09:26:53+02:00', zone, instant)).toBe('UTC+02:00');
    expect(zoneOffsetLabel(undefined, zone, instant)).toBe('UTC+01:00');
  });
});

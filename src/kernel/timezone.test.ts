import { describe, expect, it } from 'vitest';
import { browserTimeZone, localDateTime, offsetInZone, offsetText, timeZoneChoices } from './timezone';

describe('time zones', () => {
  it("offers the browser's own zone first when the list lacks it (UTC is not in Intl.supportedValuesOf)", () => {
    const choices = timeZoneChoices();
    expect(choices).toContain(browserTimeZone());
    expect(new Set(choices).size).toBe(choices.length);
  });

  it('gives the offset a zone had at a wall-clock time, daylight saving and years below 100 included', () => {
    expect(offsetInZone('2024-07-14T09:26:53', 'Europe/Berlin')).toBe('+02:00');
    expect(offsetInZone('2024-01-14T09:26', 'Europe/Berlin')).toBe('+01:00');
    expect(offsetInZone('0050-01-01T00:00:00', 'UTC')).toBe('+00:00');
    expect(offsetText(-330)).toBe('-05:30');
  });

  it('reads the wall-clock time of an instant in a zone', () => {
    const instant = new Date(Date.UTC(2024, 6, 14, 7, 26, 53));
    expect(localDateTime(instant, 'Europe/Berlin')).toBe('2024-07-14T09:26:53');
    expect(localDateTime(instant, 'Asia/Kolkata')).toBe('2024-07-14T12:56:53');
  });
});

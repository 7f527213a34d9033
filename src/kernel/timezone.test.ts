import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import {
  browserTimeZone,
  localDateTime,
  offsetInZone,
  offsetText,
  timeZoneChoices,
  zoneRules,
  type TemporalZones,
} from './timezone';

// Node has no Temporal yet, so the module's own functions run on Intl here; the browsers the e2e tests use run on
// Temporal. Both rule sets answer every case below, and must agree with each other everywhere.
const onIntl = zoneRules(undefined);
const onTemporal = zoneRules(Temporal as unknown as TemporalZones);

describe('time zones', () => {
  it("offers the browser's own zone first when the list lacks it (UTC is not in Intl.supportedValuesOf)", () => {
    const choices = timeZoneChoices();
    expect(choices).toContain(browserTimeZone());
    expect(new Set(choices).size).toBe(choices.length);
    expect(onTemporal.browserTimeZone()).toBe(onIntl.browserTimeZone());
  });

  it('keeps the module functions on the rules the runtime offers', () => {
    expect(offsetInZone('2024-07-14T09:26:53', 'Europe/Berlin')).toBe('+02:00');
    expect(localDateTime(new Date(Date.UTC(2024, 6, 14, 7, 26, 53)), 'Asia/Kolkata')).toBe('2024-07-14T12:56:53');
  });

  for (const [name, rules] of [
    ['Intl', onIntl],
    ['Temporal', onTemporal],
  ] as const) {
    describe(`on ${name}`, () => {
      it('gives the offset a zone had at a wall-clock time, daylight saving and years below 100 included', () => {
        expect(rules.offsetInZone('2024-07-14T09:26:53', 'Europe/Berlin')).toBe('+02:00');
        expect(rules.offsetInZone('2024-01-14T09:26', 'Europe/Berlin')).toBe('+01:00');
        expect(rules.offsetInZone('0050-01-01T00:00:00', 'UTC')).toBe('+00:00');
        expect(rules.offsetInZone('2024-07-14T09:26:53', 'Asia/Kolkata')).toBe('+05:30');
        expect(offsetText(-330)).toBe('-05:30');
      });

      it('reads a wall time that happens twice as the earlier, and one in a gap as that far past the gap', () => {
        // Berlin: 2024-10-27 03:00 CEST → 02:00 CET; 2024-03-31 02:00 CET → 03:00 CEST.
        expect(rules.offsetInZone('2024-10-27T02:30:00', 'Europe/Berlin')).toBe('+02:00');
        expect(rules.offsetInZone('2024-03-31T02:30:00', 'Europe/Berlin')).toBe('+01:00'); // = 03:30 CEST
        // New York: 2024-11-03 02:00 EDT → 01:00 EST; 2024-03-10 02:00 EST → 03:00 EDT.
        expect(rules.offsetInZone('2024-11-03T01:30:00', 'America/New_York')).toBe('-04:00');
        expect(rules.offsetInZone('2024-03-10T02:30:00', 'America/New_York')).toBe('-05:00'); // = 03:30 EDT
      });

      it('reads the wall-clock time of an instant in a zone', () => {
        const instant = new Date(Date.UTC(2024, 6, 14, 7, 26, 53, 900));
        expect(rules.localDateTime(instant, 'Europe/Berlin')).toBe('2024-07-14T09:26:53');
        expect(rules.localDateTime(instant, 'Asia/Kolkata')).toBe('2024-07-14T12:56:53');
        expect(rules.localDateTime(new Date(Date.UTC(2024, 0, 1, 0, 0, 0)), 'America/St_Johns')).toBe(
          '2023-12-31T20:30:00',
        );
      });

      it('throws RangeError for a zone it does not know', () => {
        expect(() => rules.offsetInZone('2024-07-14T09:26:53', 'Mars/Olympus_Mons')).toThrow(RangeError);
      });
    });
  }

  it('gives the same offsets and wall times on both, hour by hour through the months of the transitions', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham'];
    // March, April, September, October, November 2024: every change of these zones' offsets that year.
    for (const month of [2, 3, 8, 9, 10]) {
      const start = Date.UTC(2024, month, 1);
      const hours = (Date.UTC(2024, month + 1, 1) - start) / 3_600_000;
      for (const zone of zones) {
        for (let hour = 0; hour < hours; hour += 1) {
          const instant = new Date(start + hour * 3_600_000 + 30 * 60_000);
          const local = onIntl.localDateTime(instant, zone);
          expect(onTemporal.localDateTime(instant, zone)).toBe(local);
          expect(onTemporal.offsetInZone(local, zone)).toBe(onIntl.offsetInZone(local, zone));
        }
      }
    }
  });

  it('shows zones that were seconds off UTC (local mean time) to the minute on both', () => {
    for (const [local, zone] of [
      ['1880-06-01T12:00:00', 'Europe/Amsterdam'],
      ['1880-06-01T12:00:00', 'America/New_York'],
    ] as const) {
      expect(onTemporal.offsetInZone(local, zone)).toBe(onIntl.offsetInZone(local, zone));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { offsetInZone } from '../../kernel/timezone';
import { dicomDate, dicomOffset, dicomTime, startedParts, startedValue } from './datetime';

describe('DICOM date and time to FHIR', () => {
  it('converts DA, TM and the offset', () => {
    expect(dicomDate('20240314')).toBe('2024-03-14');
    expect(dicomDate('2024.03.14')).toBe('2024-03-14');
    expect(dicomDate('20240230')).toBeUndefined();
    expect(dicomTime('092653.123456')).toBe('09:26:53');
    expect(dicomTime('0926')).toBe('09:26:00');
    expect(dicomTime('09')).toBe('09:00:00');
    expect(dicomTime('2561')).toBeUndefined();
    expect(dicomOffset('+0100')).toBe('+01:00');
    expect(dicomOffset('-0530')).toBe('-05:30');
    expect(dicomOffset('0100')).toBeUndefined();
  });

  it('uses the DICOM offset when the files have one', () => {
    const parts = startedParts('20240314', '092653', '+0100');
    expect(parts).toEqual({ local: '2024-03-14T09:26:53', offset: '+01:00' });
    expect(startedValue(parts as NonNullable<typeof parts>, 'America/New_York')).toBe('2024-03-14T09:26:53+01:00');
  });

  it('without an offset, takes the chosen zone at that date (daylight saving included)', () => {
    const winter = startedParts('20240114', '092653', undefined);
    const summer = startedParts('20240714', '092653', undefined);
    expect(startedValue(winter as NonNullable<typeof winter>, 'Europe/Paris')).toBe('2024-01-14T09:26:53+01:00');
    expect(startedValue(summer as NonNullable<typeof summer>, 'Europe/Paris')).toBe('2024-07-14T09:26:53+02:00');
    expect(offsetInZone('2024-07-14T09:26:53', 'Asia/Kolkata')).toBe('+05:30');
    expect(offsetInZone('2024-07-14T09:26:53', 'UTC')).toBe('+00:00');
  });

  it('keeps a date without a time as a date (no zone needed)', () => {
    const parts = startedParts('20240314', undefined, undefined);
    expect(parts).toEqual({ local: '2024-03-14' });
    expect(startedValue(parts as NonNullable<typeof parts>, 'Europe/Paris')).toBe('2024-03-14');
    expect(startedParts(undefined, '0900', '+0100')).toBeUndefined();
  });
});

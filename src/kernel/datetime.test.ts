import { describe, expect, it } from 'vitest';
import { formatDateTime, parseDateTime } from './datetime';

describe('the FHIR date/dateTime grammar', () => {
  it.each([
    ['2024', { precision: 'year', local: '2024' }],
    ['2024-05', { precision: 'year-month', local: '2024-05' }],
    ['2024-05-01', { precision: 'date', local: '2024-05-01' }],
    ['2024-05-01T14:30:00+02:00', { precision: 'date-time', local: '2024-05-01T14:30:00', offset: '+02:00' }],
    ['2024-05-01T14:30:00.250Z', { precision: 'date-time', local: '2024-05-01T14:30:00.250', offset: '+00:00' }],
    ['2024-05-01T14:30-05:00', { precision: 'date-time', local: '2024-05-01T14:30:00', offset: '-05:00' }],
  ])('reads %s', (value, parts) => {
    expect(parseDateTime(value)).toEqual(parts);
  });

  it.each([
    ['0000', 'R4 has no year 0000'],
    ['2024-13', 'month 13'],
    ['2024-05-32', 'day 32'],
    ['2024-05-01T24:00:00Z', 'hour 24'],
    ['2024-05-01T14:30:00', 'a time without an offset'],
    ['2024-05-01T14:30:ss+01:00', 'an incomplete time'],
    ['2024-05-01 14:30:00+01:00', 'a space for the T'],
    ['24', 'a two-digit year'],
  ])('refuses %s (%s)', (value) => {
    expect(parseDateTime(value)).toBeUndefined();
  });

  it('writes back what it reads', () => {
    for (const value of ['2024', '2024-05', '2024-05-01', '2024-05-01T14:30:00+02:00']) {
      const parts = parseDateTime(value);
      expect(parts && formatDateTime(parts)).toBe(value);
    }
  });
});

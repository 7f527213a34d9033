import { describe, expect, it } from 'vitest';
import { displayDateTime, displayInstant, isDisplayDate } from './date-display';

describe('displayDateTime', () => {
  it('shows a stored dateTime as "YYYY-MM-DD HH:mm", and lower precisions as stored', () => {
    expect(displayDateTime('2026-12-05T14:30:00+00:00')).toBe('2026-12-05 14:30');
    expect(displayDateTime('2026-12-05T09:05:59.123-05:00')).toBe('2026-12-05 09:05');
    expect(displayDateTime('2026-12-05')).toBe('2026-12-05');
    expect(displayDateTime('2026-12')).toBe('2026-12');
    expect(displayDateTime('2026')).toBe('2026');
  });

  it('shows a value outside the FHIR grammar as it is, never hiding it', () => {
    expect(displayDateTime('5 Dec 2026')).toBe('5 Dec 2026');
  });
});

describe('isDisplayDate', () => {
  it('takes a whole calendar date typed as YYYY-MM-DD only', () => {
    expect(isDisplayDate('2026-12-05')).toBe(true);
    expect(isDisplayDate('2026-02-31')).toBe(false);
    expect(isDisplayDate('12/05/2026')).toBe(false);
    expect(isDisplayDate('2026-12')).toBe(false);
  });
});

describe('displayInstant', () => {
  it('shows an instant in local time as YYYY-MM-DD HH:mm', () => {
    const local = new Date(2026, 11, 5, 9, 7, 30);
    expect(displayInstant(local.toISOString())).toBe('2026-12-05 09:07');
    expect(displayInstant('not a time')).toBe('not a time');
  });
});

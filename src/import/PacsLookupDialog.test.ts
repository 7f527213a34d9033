import { describe, expect, it } from 'vitest';
import { checkDates } from './PacsLookupDialog';

describe('the PACS lookup date range', () => {
  it('takes dates typed as YYYY-MM-DD, either end open, and says what is wrong otherwise', () => {
    expect(checkDates('2025-01-01', '2025-01-31')).toEqual({});
    expect(checkDates('', '2025-01-31')).toEqual({});
    expect(checkDates('01/31/2025', '')).toEqual({ from: 'Type a date as YYYY-MM-DD, e.g. 2026-12-05.' });
    expect(checkDates('2025-02-30', '')).toEqual({ from: 'Type a date as YYYY-MM-DD, e.g. 2026-12-05.' });
    expect(checkDates('2025-02-01', '2025-01-01')).toEqual({ to: 'This is before the start date.' });
  });
});

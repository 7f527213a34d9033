import { describe, expect, it } from 'vitest';
import { keyAt } from './keystroke';

/** Applies the keys to a UID the way an input at its end would. */
function typed(start: string, keys: readonly string[]): string[] {
  const values: string[] = [];
  let value = start;
  for (const key of keys) {
    value = key === 'Backspace' ? value.slice(0, -1) : value + key;
    values.push(value);
  }
  return values;
}

describe('keyAt', () => {
  const start = '1.2.826.0.1.3680043.8.498.77.6.101';
  const keys = Array.from({ length: 130 }, (_, n) => keyAt(n, start.length));
  const values = typed(start, keys);

  it('alternates between a trailing dot (invalid) and a digit (valid)', () => {
    values.forEach((value, n) => expect(value.endsWith('.'), `key ${n}: ${value}`).toBe(n % 2 === 0));
  });

  it('never goes beyond 64 characters and comes back to the start only at the end of a cycle', () => {
    expect(Math.max(...values.map((v) => v.length))).toBeLessThanOrEqual(64);
    const returns = values.flatMap((v, n) => (v === start ? [n] : []));
    expect(returns).toEqual([59, 119]);
  });
});

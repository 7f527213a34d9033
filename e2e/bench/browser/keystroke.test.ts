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
  const values = typed(
    start,
    Array.from({ length: 10 }, (_, n) => keyAt(n)),
  );

  it('alternates between a letter (invalid at once) and the UID as it was (valid)', () => {
    values.forEach((value, n) => expect(value, `key ${n}`).toBe(n % 2 === 0 ? `${start}x` : start));
  });
});

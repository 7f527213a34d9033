import { describe, expect, it } from 'vitest';
import { pairedSummary } from './paired';

describe('paired comparison of two builds', () => {
  it('reports the median of the per-round differences, which a drifting machine does not blur', () => {
    // The machine slows down by 100 ms over the rounds; B is 10 ms faster in every round.
    const a = [500, 525, 550, 575, 600];
    const b = a.map((x) => x - 10);
    expect(pairedSummary(a, b)).toEqual({ a: 550, b: 540, delta: -10, bFaster: 5, rounds: 5 });
  });

  it('refuses samples that are not pairs', () => {
    expect(() => pairedSummary([1, 2], [1])).toThrow('Unpaired samples: 2 against 1');
  });
});

/** Paired comparison of two builds' timings, taken in alternating rounds on the same machine. */
import { percentile } from '../report';

export interface PairedSummary {
  a: number;
  b: number;
  /** Median over the rounds of (B − A) within a round: what B changes, with the machine's drift between rounds out. */
  delta: number;
  /** Rounds in which B was faster. */
  bFaster: number;
  rounds: number;
}

/** `a[i]` and `b[i]` were measured in the same round. */
export function pairedSummary(a: readonly number[], b: readonly number[]): PairedSummary {
  if (a.length !== b.length) throw new Error(`Unpaired samples: ${a.length} against ${b.length}`);
  const deltas = a.map((x, i) => (b[i] as number) - x);
  return {
    a: percentile(a, 50),
    b: percentile(b, 50),
    delta: percentile(deltas, 50),
    bFaster: deltas.filter((d) => d < 0).length,
    rounds: a.length,
  };
}

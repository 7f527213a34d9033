import fs from 'node:fs';

/** One benchmark section's output: a Markdown block for stdout and flat keys for bench-results.json. */
export interface BenchSection {
  title: string;
  markdown: string;
  results: Record<string, number>;
}

/** Summary of a list of timings in milliseconds. */
export interface Stats {
  n: number;
  median: number;
  p95: number;
}

/** Nearest-rank percentile (p in 0..100) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Median and p95 of the samples. */
export function stats(samples: readonly number[]): Stats {
  return { n: samples.length, median: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Milliseconds `fn` takes once. */
export function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Rounds for display and storage: three significant decimals are plenty for millisecond timings. */
export function round(value: number): number {
  return Number(value.toFixed(value < 1 ? 4 : 2));
}

/** A Markdown table with a header row. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Writes `results` into the JSON file, keeping every key it does not set, so that each benchmark
 * (validator here, browser ones later) owns only its own keys.
 */
export function mergeResults(file: string | URL, results: Record<string, number>): Record<string, unknown> {
  let existing: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      existing = parsed as Record<string, unknown>;
    }
  }
  const merged = { ...existing, ...results };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((key) => [key, merged[key]]),
  );
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}

/**
 * `npm run bench`: runs every benchmark section, prints Markdown to stdout and merges the numbers
 * into bench-results.json at the repository root. `BENCH_SECTIONS=browser` (comma-separated names)
 * runs only the sections named.
 */
import { browserBench } from './browser';
import { dicomImportBench } from './dicom-import';
import { type BenchSection, mergeResults } from './report';
import { uxBench } from './ux';
import { validatorBench } from './validator';

const SECTIONS: Record<string, () => BenchSection | Promise<BenchSection>> = {
  validator: validatorBench,
  browser: browserBench,
  dicom: dicomImportBench,
  ux: uxBench,
};
const RESULTS_FILE = new URL('../../bench-results.json', import.meta.url);

const only = process.env.BENCH_SECTIONS?.split(',').map((s) => s.trim());
const unknown = only?.filter((name) => !(name in SECTIONS)) ?? [];
if (unknown.length > 0) throw new Error(`Unknown bench sections: ${unknown.join(', ')}`);

const started = performance.now();
const lines: string[] = [`# Benchmarks (Node ${process.version})`];
for (const [name, section] of Object.entries(SECTIONS)) {
  if (only && !only.includes(name)) continue;
  const { title, markdown, results } = await section();
  lines.push('', `## ${title}`, '', markdown);
  mergeResults(RESULTS_FILE, results);
}
lines.push('', `Total ${Math.round((performance.now() - started) / 1000)} s. Results merged into bench-results.json.`);
process.stdout.write(`${lines.join('\n')}\n`);

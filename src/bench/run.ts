/**
 * `npm run bench`: runs every benchmark section, prints Markdown to stdout and merges the numbers
 * into bench-results.json at the repository root. Browser sections can be added to SECTIONS.
 */
import { type BenchSection, mergeResults } from './report';
import { validatorBench } from './validator';

const SECTIONS: (() => BenchSection | Promise<BenchSection>)[] = [validatorBench];
const RESULTS_FILE = new URL('../../bench-results.json', import.meta.url);

const started = performance.now();
const lines: string[] = [`# Benchmarks (Node ${process.version})`];
for (const section of SECTIONS) {
  const { title, markdown, results } = await section();
  lines.push('', `## ${title}`, '', markdown);
  mergeResults(RESULTS_FILE, results);
}
lines.push('', `Total ${Math.round((performance.now() - started) / 1000)} s. Results merged into bench-results.json.`);
process.stdout.write(`${lines.join('\n')}\n`);

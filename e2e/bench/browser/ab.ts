/**
 * `npm run bench:ab -- <A> [<B>]`: the launch of two builds of the app, side by side in one browser, launch after
 * launch in alternating order, reported as paired differences. On a busy machine two `npm run bench` runs of the same
 * code differ by a quarter; differences within a round leave that drift out. A and B are git refs (each built from a
 * temporary worktree that shares this checkout's node_modules) or `.` for the working tree; B defaults to `.`.
 * `AB_ROUNDS` sets the rounds (default 20).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_PATIENTS } from '../../sandbox/seed';
import { markdownTable, round } from '../report';
import { BenchContext, launchChromium } from './harness';
import { pairedSummary } from './paired';
import { serveBuild, type BenchServers } from './servers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

/** Builds `source` (a git ref, or `.`) into `outDir`. */
function buildSource(source: string, outDir: string, scratch: string): void {
  let root = ROOT;
  if (source !== '.') {
    root = join(scratch, 'tree');
    run('git', ['worktree', 'add', '--detach', root, source], ROOT);
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  }
  try {
    run(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], root);
  } finally {
    if (root !== ROOT) run('git', ['worktree', 'remove', '--force', root], ROOT);
  }
}

const [sourceA, sourceB = '.'] = process.argv.slice(2);
if (!sourceA) throw new Error('Usage: npm run bench:ab -- <git ref or .> [<git ref or .>]');
const rounds = Number(process.env.AB_ROUNDS ?? 20);
const scratch = mkdtempSync(join(tmpdir(), 'imr-ab-'));
const servers: BenchServers[] = [];
try {
  for (const [i, source] of [sourceA, sourceB].entries()) {
    process.stderr.write(`bench:ab: building ${source}\n`);
    const outDir = join(scratch, `dist-${i}`);
    buildSource(source, outDir, join(scratch, `src-${i}`));
    servers.push(await serveBuild(outDir, 5391 + i, 8391 + i));
  }
  const browser = await launchChromium();
  try {
    const [a, b] = await Promise.all(servers.map((s) => BenchContext.create(browser, s)));
    if (!a || !b) throw new Error('No browser contexts');
    const patient = (SEED_PATIENTS[0] as { id: string }).id;
    const samples = {
      a: { ms: [] as number[], list: [] as number[], whole: [] as number[] },
      b: { ms: [] as number[], list: [] as number[], whole: [] as number[] },
    };
    // One untimed launch each, for the HTTP and code caches.
    for (const context of [a, b]) await (await context.launch(patient, 'app')).page.close();
    for (let i = 0; i < rounds; i++) {
      process.stderr.write(`bench:ab: round ${i + 1} of ${rounds}\n`);
      const order = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      for (const side of order) {
        const { page, report } = await (side === 'a' ? a : b).launch(patient, 'app');
        await page.close();
        samples[side].ms.push(report.ms);
        samples[side].list.push(report.listMs ?? Number.NaN);
        samples[side].whole.push(report.wholeMs ?? Number.NaN);
      }
    }
    const rows = (
      [
        ['Launch to editable form', 'ms'],
        ['Launch to study list', 'list'],
        ['Launch to the whole form', 'whole'],
      ] as const
    ).map(([what, key]) => {
      const s = pairedSummary(samples.a[key], samples.b[key]);
      return [what, `${round(s.a)} ms`, `${round(s.b)} ms`, `${s.delta.toFixed(1)} ms`, `${s.bFaster} of ${s.rounds}`];
    });
    process.stdout.write(
      `# Launch, A = ${sourceA}, B = ${sourceB} (${rounds} rounds, warm)\n\n${markdownTable(['Measure', 'A median', 'B median', 'B − A, median within a round', 'B faster'], rows)}\n`,
    );
  } finally {
    await browser.close();
  }
} finally {
  await Promise.allSettled(servers.map((s) => s.close()));
  rmSync(scratch, { recursive: true, force: true });
}

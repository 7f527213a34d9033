/**
 * `npm run bench:ab -- <A> [<B>]`: two builds of the app side by side in one browser, measured in alternating order
 * round after round, reported as paired differences. On a busy machine two `npm run bench` runs of the same
 * code differ by a quarter; differences within a round leave that drift out. A and B are git refs (each built from a
 * temporary worktree that shares this checkout's node_modules) or `.` for the working tree; B defaults to `.`.
 * `AB_ROUNDS` sets the rounds (default 20); `AB_MEASURE=open` times opening the bench's 50×1000 study from the list
 * instead of the launch, also from the end of the study's response (the app's own part). `AB_PROFILE=1` runs each build
 * in a Chromium of its own with a profile on disk (V8's code cache, as in a user's browser) instead of an
 * off-the-record context.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_ENDPOINTS, SEED_PATIENTS } from '../../sandbox/seed';
import { markdownTable, round } from '../report';
import { accessToken, BenchContext, launchChromium } from './harness';
import { openFromList, showList } from './large';
import { responseEndAfterAct } from './probes';
import { seedStudies } from './seed';
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

/** Timings of A and B by measure, index i of each taken in the same round. */
type Paired = Record<string, { a: number[]; b: number[] }>;

/** One build under test: its browser context and its servers. */
interface Side {
  context: BenchContext;
  server: BenchServers;
}

/**
 * `rounds` rounds of `measure` on each side, A first in even rounds and B first in odd ones; `measure` resolves with
 * its timings by name.
 */
async function pairedRounds(
  rounds: number,
  measure: (side: 'a' | 'b') => Promise<Record<string, number>>,
): Promise<Paired> {
  const out: Paired = {};
  for (let i = 0; i < rounds; i++) {
    process.stderr.write(`bench:ab: round ${i + 1} of ${rounds}\n`);
    for (const side of i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      for (const [what, ms] of Object.entries(await measure(side))) (out[what] ??= { a: [], b: [] })[side].push(ms);
    }
  }
  return out;
}

/** EHR launches to the editable form, after each context's untimed ones (see `BenchContext.untimedLaunches`). */
async function launchRounds(sides: Record<'a' | 'b', Side>, rounds: number): Promise<Paired> {
  const patient = (SEED_PATIENTS[0] as { id: string }).id;
  for (let i = 0; i < sides.a.context.untimedLaunches; i++) {
    for (const { context } of Object.values(sides)) await (await context.launch(patient, 'app')).page.close();
  }
  return pairedRounds(rounds, async (side) => {
    const { page, report } = await sides[side].context.launch(patient, 'app');
    await page.close();
    const listMs = report.listMs ?? Number.NaN;
    return {
      'Launch to editable form': report.ms,
      'Launch to study list': listMs,
      'Launch to the whole form': report.wholeMs ?? Number.NaN,
      // The app's own part of it, without the network's: "New study" clicked to the editable form.
      'Study list to editable form': report.ms - listMs,
    };
  });
}

/** A page of `side`'s build, launched for `patient`, with the bench studies seeded and the large one opened once. */
async function largeStudyPage({ context, server }: Side, patient: string) {
  const { page } = await context.launch(patient, 'app');
  const studies = await seedStudies(server.sandbox.fhirBase, await accessToken(page), patient, SEED_ENDPOINTS[0].id);
  const study = studies[2];
  if (!study) throw new Error('The bench studies were not seeded');
  await showList(page, study);
  await openFromList(page, study); // untimed: loads the editor's code
  return { page, study };
}

/** Opening the bench's 50×1000 study from the study list, in one launched page per build. */
async function openRounds(sides: Record<'a' | 'b', Side>, rounds: number): Promise<Paired> {
  const patient = (SEED_PATIENTS[2] as { id: string }).id;
  const pages = { a: await largeStudyPage(sides.a, patient), b: await largeStudyPage(sides.b, patient) };
  return pairedRounds(rounds, async (side) => {
    const { page, study } = pages[side];
    await showList(page, study);
    const open = await openFromList(page, study);
    // The app's own part, without the server's and the network's (which vary from request to request).
    const arrived = await page.evaluate(responseEndAfterAct, `/ImagingStudy/${study.id}`);
    return { 'Open 50×1000 from the list': open, 'Open: from the study arriving': open - arrived };
  });
}

const [sourceA, sourceB = '.'] = process.argv.slice(2);
if (!sourceA) throw new Error('Usage: npm run bench:ab -- <git ref or .> [<git ref or .>]');
const rounds = Number(process.env.AB_ROUNDS ?? 20);
const measure = process.env.AB_MEASURE ?? 'launch';
const PROFILE = process.env.AB_PROFILE === '1';
if (measure !== 'launch' && measure !== 'open') throw new Error(`AB_MEASURE is launch or open, not ${measure}`);
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
  const contexts: BenchContext[] = [];
  try {
    const side = async (server: BenchServers | undefined): Promise<Side> => {
      if (!server) throw new Error('No server');
      const context = PROFILE ? await BenchContext.withProfile(server) : await BenchContext.create(browser, server);
      contexts.push(context);
      return { context, server };
    };
    const sides = { a: await side(servers[0]), b: await side(servers[1]) };
    const paired = measure === 'launch' ? await launchRounds(sides, rounds) : await openRounds(sides, rounds);
    const rows = Object.entries(paired).map(([what, samples]) => {
      const s = pairedSummary(samples.a, samples.b);
      return [what, `${round(s.a)} ms`, `${round(s.b)} ms`, `${s.delta.toFixed(1)} ms`, `${s.bFaster} of ${s.rounds}`];
    });
    const header = ['Measure', 'A median', 'B median', 'B − A, median within a round', 'B faster'];
    process.stdout.write(
      `# ${measure}, A = ${sourceA}, B = ${sourceB} (${rounds} rounds, warm${PROFILE ? ', profile on disk' : ''})\n\n${markdownTable(header, rows)}\n`,
    );
  } finally {
    await Promise.allSettled(contexts.map((c) => c.close()));
    await browser.close();
  }
} finally {
  await Promise.allSettled(servers.map((s) => s.close()));
  rmSync(scratch, { recursive: true, force: true });
}

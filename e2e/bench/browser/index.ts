/**
 * The browser section of `npm run bench`: the app's production build in Debian's Chromium against the SMART sandbox,
 * each figure beside a baseline measured in the same run. Ports: 5673 (app) and 8580 (sandbox) unless
 * BENCH_APP_PORT / BENCH_SANDBOX_PORT say otherwise.
 */
import { SEED_ENDPOINTS, SEED_PATIENTS } from '../../sandbox/seed';
import { type BenchSection, markdownTable, percentile, round } from '../report';
import { bundleFigures, htmlAssetsKb, readManifest } from './bundle';
import { accessToken, BenchContext, launchChromium } from './harness';
import { measureStudy, typeAndMeasure, type KeystrokeOptions } from './keystroke';
import { measureLarge, NO_LARGE } from './large';
import { measureLaunch, noLaunchFigures, type WarmLaunches } from './launch';
import type { KeystrokeSample } from './probes';
import { measureSave } from './save';
import { seedStudies } from './seed';
import { startBenchServers } from './servers';
import { browserMarkdown, combinedDrops } from './table';

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 5673);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 8580);
// BENCH_QUICK=1: a few runs of each, to check the bench itself (figures too noisy to report).
const QUICK = process.env.BENCH_QUICK === '1';
const LAUNCH_RUNS = QUICK ? 2 : 12;
const COLD_LAUNCH_RUNS = QUICK ? 1 : 5;
const KEYSTROKES: KeystrokeOptions = { count: QUICK ? 10 : 120, warmUp: QUICK ? 2 : 10, cadenceMs: 60 };
const LARGE_OPEN_RUNS = QUICK ? 1 : 10;
const SAVE_RUNS = QUICK ? 2 : 10;
/**
 * BENCH_BROWSER=launch,keystroke,large,save (comma-separated): only those measurements, for working on one figure;
 * the report then lists just their keys. Unset: all of them, and the full table.
 */
const PARTS = ['launch', 'keystroke', 'large', 'save'] as const;
type Part = (typeof PARTS)[number];
const chosen = process.env.BENCH_BROWSER?.split(',').map((s) => s.trim());
const unknownParts = chosen?.filter((p) => !(PARTS as readonly string[]).includes(p)) ?? [];
if (unknownParts.length > 0) throw new Error(`Unknown BENCH_BROWSER parts: ${unknownParts.join(', ')}`);
const runs = (part: Part): boolean => !chosen || chosen.includes(part);

const [ADA, ALAN, GRACE] = SEED_PATIENTS.map((p) => p.id) as [string, string, string];

/** Progress on stderr, so stdout stays the Markdown report. */
const progress = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

const median = (xs: readonly number[]) => percentile(xs, 50);
const p95 = (xs: readonly number[]) => percentile(xs, 95);
const frameMs = (...lists: (readonly KeystrokeSample[])[]) => lists.flat().map((s) => s.frameMs);
const domMs = (...lists: (readonly KeystrokeSample[])[]) => lists.flat().map((s) => s.domMs);

/** The keys of one set of warm launches under `prefix`: each page's median, and the app's and floors' ratios to bare. */
function warmLaunchKeys(prefix: string, warm: WarmLaunches): Record<string, number> {
  const bare = median(warm.bare);
  return {
    [`${prefix}.app_ms`]: median(warm.app),
    [`${prefix}.bare_ms`]: bare,
    [`${prefix}.ratio`]: median(warm.app) / bare,
    [`${prefix}.floor_ms`]: median(warm.floor),
    [`${prefix}.floor_ratio`]: median(warm.floor) / bare,
    [`${prefix}.react_floor_ms`]: median(warm.reactFloor),
    [`${prefix}.react_floor_ratio`]: median(warm.reactFloor) / bare,
    [`${prefix}.app_list_ms`]: median(warm.appList),
  };
}

/** Runs every browser measurement once and returns the section (figures unrounded in the table, rounded in JSON). */
export async function browserBench(): Promise<BenchSection> {
  progress('building the app and starting the servers');
  const servers = await startBenchServers(APP_PORT, SANDBOX_PORT);
  const browser = await launchChromium();
  try {
    progress('servers up; bundle figures');
    const bundle = bundleFigures(servers.distDir, readManifest(servers.manifestFile));
    progress('launch timings');
    const launch = runs('launch')
      ? await measureLaunch(browser, servers, ADA, LAUNCH_RUNS, COLD_LAUNCH_RUNS)
      : noLaunchFigures();

    const context = await BenchContext.create(browser, servers);
    progress('keystrokes: bare baseline');
    const { page: bare } = await context.launch(ADA, 'bare');
    const bareKeys = runs('keystroke') ? await typeAndMeasure(bare, '#bare-uid', KEYSTROKES) : [];
    await bare.close();

    progress('seeding the bench studies');
    const { page: grace } = await context.launch(GRACE, 'app');
    const [small, medium, large] = await seedStudies(
      servers.sandbox.fhirBase,
      await accessToken(grace),
      GRACE,
      SEED_ENDPOINTS[0].id,
    );
    if (!small || !medium || !large) throw new Error('The bench studies were not seeded');
    progress('keystrokes: 1x1');
    const noKeys = { studyUid: [], instanceUid: [], editedInstanceUid: [] };
    const smallKeys = runs('keystroke') ? await measureStudy(grace, small, KEYSTROKES) : noKeys;
    progress('keystrokes: 10x200');
    const largeKeys = runs('keystroke') ? await measureStudy(grace, medium, KEYSTROKES, true) : noKeys;
    progress('large study: open and scroll');
    const largeStudy = runs('large')
      ? await measureLarge(grace, servers.sandbox.fhirBase, large, LARGE_OPEN_RUNS, progress)
      : NO_LARGE;
    await grace.close();

    progress('save round trips');
    const { page: alan } = await context.launch(ALAN, 'app');
    const save = runs('save') ? await measureSave(alan, servers.sandbox.fhirBase, SAVE_RUNS) : { app: [], direct: [] };
    await context.close();

    const results: Record<string, number> = {
      ...warmLaunchKeys('launch', launch),
      'launch.app_whole_ms': median(launch.appWhole),
      'launch.app_cold_ms': median(launch.appCold),
      'launch.bare_cold_ms': median(launch.bareCold),
      'launch.cold_ratio': median(launch.appCold) / median(launch.bareCold),
      ...warmLaunchKeys('launch.profile', launch.profile),
      'keystroke.bare.p50_ms': median(frameMs(bareKeys)),
      'keystroke.bare.p95_ms': p95(frameMs(bareKeys)),
      'keystroke.bare.dom_p95_ms': p95(domMs(bareKeys)),
      'keystroke.small.p50_ms': median(frameMs(smallKeys.studyUid, smallKeys.instanceUid)),
      'keystroke.small.p95_ms': p95(frameMs(smallKeys.studyUid, smallKeys.instanceUid)),
      'keystroke.large.p50_ms': median(frameMs(largeKeys.studyUid, largeKeys.instanceUid)),
      'keystroke.large.p95_ms': p95(frameMs(largeKeys.studyUid, largeKeys.instanceUid)),
      'keystroke.large.study_uid.p95_ms': p95(frameMs(largeKeys.studyUid)),
      'keystroke.large.instance_uid.p95_ms': p95(frameMs(largeKeys.instanceUid)),
      'keystroke.large.edited_instance_uid.p95_ms': p95(frameMs(largeKeys.editedInstanceUid)),
      'keystroke.large.dom_p95_ms': p95(domMs(largeKeys.studyUid, largeKeys.instanceUid)),
      'large.open_ms': median(largeStudy.open),
      'large.fetch_ms': median(largeStudy.fetch),
      'large.open_ratio': median(largeStudy.open) / median(largeStudy.fetch),
      'large.list_ms': median(largeStudy.list),
      'large.scroll_dropped_frames_pct': combinedDrops(largeStudy.pageScroll, largeStudy.listScroll),
      'large.scroll_page_dropped_frames_pct': largeStudy.pageScroll.percent,
      'large.scroll_list_dropped_frames_pct': largeStudy.listScroll.percent,
      'large.idle_dropped_frames_pct': largeStudy.idle.percent,
      'large.frame_interval_ms': largeStudy.frameIntervalMs,
      'bundle.initial_gz_kb': bundle.editorInitialKb,
      'bundle.list_initial_gz_kb': bundle.listInitialKb,
      'bundle.total_gz_kb': bundle.totalKb,
      'bundle.bare_gz_kb': htmlAssetsKb(servers.distDir, 'bare.html'),
      'save.app_ms': median(save.app),
      'save.direct_ms': median(save.direct),
      'save.ratio': median(save.app) / median(save.direct),
    };
    const counts = {
      launch: LAUNCH_RUNS,
      coldLaunch: COLD_LAUNCH_RUNS,
      keystrokes: KEYSTROKES.count,
      largeOpen: LARGE_OPEN_RUNS,
      saves: SAVE_RUNS,
    };
    const observed = launch.files.filter((f) => !bundle.editorFiles.some((e) => e.file === f));
    const notes = observed.length > 0 ? `\nAlso fetched before the form was editable: ${observed.join(', ')}.` : '';
    const measured = Object.entries(results).filter(([, value]) => Number.isFinite(value));
    return {
      title: 'Browser (Chromium, production build, SMART sandbox)',
      markdown: chosen
        ? markdownTable(
            ['key', 'value'],
            measured.map(([key, value]) => [key, String(round(value))]),
          )
        : `${browserMarkdown(results, counts, bundle)}${notes}`,
      results: Object.fromEntries(measured.map(([key, value]) => [key, round(value)])),
    };
  } finally {
    await browser.close();
    await servers.close();
  }
}

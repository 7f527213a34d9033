/**
 * Launch to editable form: the app against the bare page and the stack floor, interleaved, in the same browser and
 * sandbox.
 */
import type { Browser } from '@playwright/test';
import { BenchContext } from './harness';
import type { LaunchReport } from './probes';
import type { BenchServers } from './servers';

/** Warm launches of each page, in ms. */
export interface WarmLaunches {
  app: number[];
  bare: number[];
  /** The stack floor (React and MUI showing the patient's name and one text field). */
  floor: number[];
  /** The same floor in React alone (plain elements). */
  reactFloor: number[];
  /** App: launch URL to the study list. */
  appList: number[];
}

/** Warm launches (HTTP cache and authorization server session from earlier launches), and more. */
export interface LaunchFigures extends WarmLaunches {
  /** App: launch URL to the whole form shown (its Save button), in ms. */
  appWhole: number[];
  /** Cold launches: a new browser context (empty cache) each time. */
  appCold: number[];
  bareCold: number[];
  /** JS and CSS the app fetched before its form was editable. */
  files: string[];
  /** Warm launches in a browser profile on disk (with V8's code cache), as a user's browser keeps one. */
  profile: WarmLaunches;
}

const KINDS = ['app', 'bare', 'floor', 'reactFloor'] as const;

const noWarmLaunches = (): WarmLaunches => ({ app: [], bare: [], floor: [], reactFloor: [], appList: [] });

/** Figures with no launch in them: what measureLaunch starts from, and a run that skips the launch reports. */
export function noLaunchFigures(): LaunchFigures {
  return { ...noWarmLaunches(), appWhole: [], appCold: [], bareCold: [], files: [], profile: noWarmLaunches() };
}

/**
 * `runs` warm launches of each page in `bench`, after its untimed ones, in an order that turns round each time. Their
 * times, and the app's time to its study list, go to `into`; the app's whole reports to `onApp`.
 */
async function warmRounds(
  bench: BenchContext,
  patientId: string,
  runs: number,
  into: WarmLaunches,
  onApp: (report: LaunchReport) => void = () => undefined,
): Promise<void> {
  for (let i = 0; i < bench.untimedLaunches; i++) {
    for (const kind of KINDS) await (await bench.launch(patientId, kind)).page.close();
  }
  for (let i = 0; i < runs; i++) {
    for (const kind of i % 2 === 0 ? KINDS : [...KINDS].reverse()) {
      const { page, report } = await bench.launch(patientId, kind);
      await page.close();
      into[kind].push(report.ms);
      if (report.listMs !== undefined) into.appList.push(report.listMs);
      if (kind === 'app') onApp(report);
    }
  }
}

/**
 * `runs` warm launches of each page, then as many in a browser profile on disk, and `coldRuns` cold ones of the app and
 * the bare page, alternating who goes first.
 */
export async function measureLaunch(
  browser: Browser,
  servers: BenchServers,
  patientId: string,
  runs: number,
  coldRuns: number,
): Promise<LaunchFigures> {
  const figures = noLaunchFigures();
  const warm = await BenchContext.create(browser, servers);
  try {
    await warmRounds(warm, patientId, runs, figures, (report) => {
      if (report.wholeMs !== undefined) figures.appWhole.push(report.wholeMs);
      if (report.files) figures.files = report.files;
    });
  } finally {
    await warm.close();
  }
  const profile = await BenchContext.withProfile(servers);
  try {
    await warmRounds(profile, patientId, runs, figures.profile);
  } finally {
    await profile.close();
  }
  for (let i = 0; i < coldRuns; i++) {
    for (const kind of i % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const)) {
      const cold = await BenchContext.create(browser, servers);
      try {
        const { report } = await cold.launch(patientId, kind);
        (kind === 'app' ? figures.appCold : figures.bareCold).push(report.ms);
      } finally {
        await cold.close();
      }
    }
  }
  return figures;
}

/** Large-study load (open from the list until editable) and scrolling through its series and instances. */
import type { Page } from '@playwright/test';
import { droppedFrames, frameInterval, type FrameDrops } from './frames';
import { accessToken, STUDY_UID_INPUT } from './harness';
import { actUntil, nextFrame, scrollPosition, scrollToTop, startFrames, stopFrames, timedGet } from './probes';

export interface LargeFigures {
  /** From clicking the study in the list to the editable form with every series shown, in ms. */
  open: number[];
  /** Baseline: the same study fetched and parsed by the page itself. */
  fetch: number[];
  /** From asking for the list to the list shown (it lists this study too). */
  list: number[];
  /**
   * With every series expanded, scrolled as a user does: the page top to bottom by mouse wheel and again by
   * PageDown, and the middle series' instance list by mouse wheel.
   */
  pageScroll: FrameDrops;
  listScroll: FrameDrops;
  /** Baseline: the same page, idle, for as many frames as the page scroll. */
  idle: FrameDrops;
  frameIntervalMs: number;
}

const NO_DROPS: FrameDrops = { frames: 0, dropped: 0, percent: Number.NaN };
/** The figures of a run that skipped this part (BENCH_BROWSER). */
export const NO_LARGE: LargeFigures = {
  open: [],
  fetch: [],
  list: [],
  pageScroll: NO_DROPS,
  listScroll: NO_DROPS,
  idle: NO_DROPS,
  frameIntervalMs: Number.NaN,
};

const SERIES_GROUP = '[role="group"][aria-label^="Series "]';
/** Wheel notches, one per frame: the page at a brisk wheel (6,000 px/s), the 84,000 px instance list at a fling. */
const PAGE_STEP_PX = 100;
const LIST_STEP_PX = 200;
/** A scroll that has not moved for this many inputs has reached its end. */
const STALLED_INPUTS = 20;

/**
 * Scrolls `selector` (or the page) from its top to its bottom with real input, one wheel notch of `step` pixels
 * (or one PageDown) per animation frame, and returns the timestamps of the frames drawn meanwhile. Input waits for
 * the page's next frame, as a wheel's events queue behind a busy page.
 */
async function userScroll(
  page: Page,
  selector: string | null,
  input: 'wheel' | 'keyboard',
  step = 0,
): Promise<number[]> {
  await page.evaluate(scrollToTop, selector);
  if (input === 'wheel') {
    const box = selector ? await page.locator(selector).boundingBox() : null;
    const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
    // The page: at its left edge, where no instance list would take the wheel instead.
    await page.mouse.move(box ? box.x + box.width / 2 : 4, box ? box.y + box.height / 2 : viewport.height / 2);
  } else {
    // Keys go to the page, not to a field.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
  await page.evaluate(startFrames);
  let last = -1;
  let stalled = 0;
  for (;;) {
    if (input === 'wheel') await page.mouse.wheel(0, step);
    else await page.keyboard.press('PageDown');
    await page.evaluate(nextFrame);
    const [top, max] = await page.evaluate(scrollPosition, selector);
    stalled = top === last ? stalled + 1 : 0;
    last = top;
    if (top >= max - 1 || stalled >= STALLED_INPUTS) break;
  }
  return page.evaluate(stopFrames);
}

/** Two runs' drops as one. */
function sumDrops(a: FrameDrops, b: FrameDrops): FrameDrops {
  const frames = a.frames + b.frames;
  const dropped = a.dropped + b.dropped;
  return { frames, dropped, percent: frames + dropped === 0 ? 0 : (100 * dropped) / (frames + dropped) };
}

/** Frames drawn by the page at rest, as many as `count`: the baseline for counting drops. */
async function idleFrames(page: Page, count: number): Promise<number[]> {
  await page.evaluate(startFrames);
  await page.waitForFunction(
    (n) => ((window as unknown as { __benchFrames?: number[] }).__benchFrames?.length ?? 0) >= n,
    count,
  );
  return page.evaluate(stopFrames);
}

/**
 * Clicks the study in the shown list and resolves with the milliseconds until the editable form shows every series.
 */
export function openFromList(page: Page, study: { id: string; series: number }): Promise<number> {
  return page.evaluate(actUntil, {
    click: `a[href="#/study/${study.id}"]`,
    readySelector: SERIES_GROUP,
    readyCount: study.series,
    focusSelector: STUDY_UID_INPUT,
    timeoutMs: 120_000,
  });
}

/** Shows the study list and resolves with the milliseconds until it lists `study`. */
export function showList(page: Page, study: { id: string }): Promise<number> {
  return page.evaluate(actUntil, {
    hash: '#/',
    readySelector: `a[href="#/study/${study.id}"]`,
    readyCount: 1,
    timeoutMs: 120_000,
  });
}

/** Opens the study `runs` times from the list, then scrolls it. `page` is the app, launched for the study's patient. */
export async function measureLarge(
  page: Page,
  fhirBase: string,
  study: { id: string; series: number; instances: number },
  runs: number,
  log: (message: string) => void = () => undefined,
): Promise<LargeFigures> {
  const token = await accessToken(page);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/fhir+json' };
  const open: number[] = [];
  const fetched: number[] = [];
  const list: number[] = [];
  let onList = false;
  const toList = async () => {
    list.push(await showList(page, study));
    onList = true;
  };
  const openStudy = async () => {
    open.push(await openFromList(page, study));
    onList = false;
  };
  const baseline = async () => {
    fetched.push(await page.evaluate(timedGet, { url: `${fhirBase}/ImagingStudy/${study.id}`, headers }));
  };
  // Both start from the shown list, and their order turns round each run: the second of two requests for these 7 MB
  // comes while the server is still clearing up after the first, and takes longer there (about 40 ms when the open
  // always went second, as it once did).
  for (let i = 0; i < runs; i++) {
    if (!onList) await toList();
    if (i % 2 === 0) {
      await baseline();
      await openStudy();
    } else {
      await openStudy();
      await toList();
      await baseline();
    }
  }
  if (onList) await openFromList(page, study);

  const rounded = (ms: number[]) => ms.map((x) => Math.round(x)).join(', ');
  log(`opened in ${rounded(open)} ms, fetched in ${rounded(fetched)} ms (fetch first in runs 1, 3, …)`);
  log('expanding every series');
  // Series past the first screen get their buttons when the page is idle.
  await page.waitForFunction(
    (n) => document.querySelectorAll('button[aria-label^="Edit Series "]').length >= n,
    study.series,
    { timeout: 120_000 },
  );
  await page.evaluate(() => {
    for (const button of document.querySelectorAll<HTMLButtonElement>('button[aria-label^="Edit Series "]')) {
      button.click();
    }
  });
  const lists = page.locator('[role="group"][aria-label^="Instances of series "]');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[aria-label^="Instances of series "]').length >= n,
    study.series,
    {
      timeout: 120_000,
    },
  );
  await lists.first().waitFor();
  log('idle frames');
  const idle = await idleFrames(page, 240);
  const interval = frameInterval(idle);
  log('scrolling the page (wheel, then PageDown)');
  const pageWheel = droppedFrames(await userScroll(page, null, 'wheel', PAGE_STEP_PX), interval);
  const pageKeys = droppedFrames(await userScroll(page, null, 'keyboard'), interval);
  const middle = `[aria-label="Instances of series ${Math.floor(study.series / 2) + 1}"] > div`;
  await page.locator(middle).scrollIntoViewIfNeeded();
  log('scrolling an instance list (wheel)');
  const listFrames = await userScroll(page, middle, 'wheel', LIST_STEP_PX);
  return {
    open,
    fetch: fetched,
    list,
    pageScroll: sumDrops(pageWheel, pageKeys),
    listScroll: droppedFrames(listFrames, interval),
    idle: droppedFrames(idle, interval),
    frameIntervalMs: interval,
  };
}

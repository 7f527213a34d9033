/** Large-study load (open from the list until editable) and scrolling through its series and instances. */
import type { Page } from '@playwright/test';
import { droppedFrames, frameInterval, type FrameDrops } from './frames';
import { accessToken, STUDY_UID_INPUT } from './harness';
import { actUntil, scrollFrames, timedGet } from './probes';

export interface LargeFigures {
  /** From clicking the study in the list to the editable form with every series shown, in ms. */
  open: number[];
  /** Baseline: the same study fetched and parsed by the page itself. */
  fetch: number[];
  /** From asking for the list to the list shown (it lists this study too). */
  list: number[];
  /** With every series expanded: the page scrolled top to bottom, and the middle series' instance list. */
  pageScroll: FrameDrops;
  listScroll: FrameDrops;
  /** Baseline: the same page, idle, for as many frames as the page scroll. */
  idle: FrameDrops;
  frameIntervalMs: number;
}

const SERIES_GROUP = '[role="group"][aria-label^="Series "]';
/** Scroll speeds per frame: the page at a brisk wheel (6,000 px/s), the 84,000 px instance list at a fling. */
const PAGE_STEP_PX = 100;
const LIST_STEP_PX = 200;

/** Opens the study `runs` times from the list, then scrolls it. `page` is the app, launched for the study's patient. */
export async function measureLarge(
  page: Page,
  fhirBase: string,
  study: { id: string; series: number; instances: number },
  runs: number,
  log: (message: string) => void = () => undefined,
): Promise<LargeFigures> {
  const link = `a[href="#/study/${study.id}"]`;
  const token = await accessToken(page);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/fhir+json' };
  const open: number[] = [];
  const fetched: number[] = [];
  const list: number[] = [];
  for (let i = 0; i < runs; i++) {
    list.push(await page.evaluate(actUntil, { hash: '#/', readySelector: link, readyCount: 1, timeoutMs: 120_000 }));
    fetched.push(await page.evaluate(timedGet, { url: `${fhirBase}/ImagingStudy/${study.id}`, headers }));
    open.push(
      await page.evaluate(actUntil, {
        click: link,
        readySelector: SERIES_GROUP,
        readyCount: study.series,
        focusSelector: STUDY_UID_INPUT,
        timeoutMs: 120_000,
      }),
    );
  }

  log(`opened in ${open.map((ms) => Math.round(ms)).join(', ')} ms; expanding every series`);
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
  log('scrolling the page');
  const pageFrames = await page.evaluate(scrollFrames, { selector: null, step: PAGE_STEP_PX });
  const middle = `[aria-label="Instances of series ${Math.floor(study.series / 2) + 1}"] > div`;
  await page.locator(middle).scrollIntoViewIfNeeded();
  log('scrolling an instance list');
  const listFrames = await page.evaluate(scrollFrames, { selector: middle, step: LIST_STEP_PX });
  log('idle frames');
  const idleFrames = await page.evaluate(scrollFrames, { selector: null, step: 0, idleFrames: pageFrames.length });
  const interval = frameInterval(idleFrames);
  return {
    open,
    fetch: fetched,
    list,
    pageScroll: droppedFrames(pageFrames, interval),
    listScroll: droppedFrames(listFrames, interval),
    idle: droppedFrames(idleFrames, interval),
    frameIntervalMs: interval,
  };
}

/** Keystroke to feedback: keys that alternately break and mend a UID, each timed to the painted change. */
import type { Page } from '@playwright/test';
import { goToRoute, inputOf, STUDY_UID_INPUT } from './harness';
import { armKeystroke, keystrokeResult, type KeystrokeSample } from './probes';

export interface KeystrokeOptions {
  /** Timed keystrokes (alternately "x" and Backspace). */
  count: number;
  /** Untimed keystrokes first. */
  warmUp: number;
  /** A fast typist's pace: the next key is pressed no sooner than this after the last. */
  cadenceMs: number;
}

const UID_MAX = 64;

/**
 * The n-th key of a typing run on a valid UID of `length` characters: ".", "1", ".", "1"... appended (each "."
 * leaves a trailing dot, an error; each "1" mends it) up to the 64-character limit, then as many Backspaces, then
 * again. Every key flips the field between valid and invalid, and, as in real typing, the field only rarely
 * returns to its initial value (react-hook-form then recomputes which fields are dirty, over the whole form).
 */
export function keyAt(n: number, length: number): '.' | '1' | 'Backspace' {
  const pairs = Math.floor((UID_MAX - length) / 2);
  if (pairs < 1) throw new Error(`A UID of ${length} characters leaves no room to type`);
  const position = n % (4 * pairs);
  if (position >= 2 * pairs) return 'Backspace';
  return position % 2 === 0 ? '.' : '1';
}

/** Presses keys in the input at `selector` and returns one sample per timed key. */
export async function typeAndMeasure(
  page: Page,
  selector: string,
  options: KeystrokeOptions,
): Promise<KeystrokeSample[]> {
  const input = page.locator(selector);
  await input.click();
  await input.press('End');
  if ((await input.getAttribute('aria-invalid')) === 'true') throw new Error(`${selector} starts out invalid`);
  const length = (await input.inputValue()).length;
  const samples: KeystrokeSample[] = [];
  for (let k = 0; k < options.warmUp + options.count; k++) {
    const pressed = performance.now();
    await page.evaluate(armKeystroke, selector);
    await page.keyboard.press(keyAt(k, length));
    const sample = await page.evaluate(keystrokeResult);
    if (k >= options.warmUp) samples.push(sample);
    const rest = options.cadenceMs - (performance.now() - pressed);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  return samples;
}

/**
 * Opens a study in the editor and brings one instance's SOP Instance UID input into view (its series expanded, the
 * virtualised list scrolled to it); returns that input's selector.
 */
export async function openInstance(
  page: Page,
  study: { id: string; instances: number },
  series: number,
  instance: number,
): Promise<string> {
  await goToRoute(page, `#/study/${study.id}`, STUDY_UID_INPUT);
  await page.getByRole('button', { name: `Edit Series ${series + 1}`, exact: true }).click();
  const list = page.locator(`[aria-label="Instances of series ${series + 1}"] > div`);
  await list.evaluate(
    (el, [row, rows]) => {
      el.scrollTop = (el.scrollHeight / rows) * row;
    },
    [instance, study.instances] as const,
  );
  const selector = inputOf(`series.${series}.instance.${instance}.uid`);
  await page.locator(selector).waitFor({ state: 'visible' });
  return selector;
}

export interface StudyKeystrokes {
  studyUid: KeystrokeSample[];
  instanceUid: KeystrokeSample[];
}

/** Both fields of one study: the Study Instance UID and an instance UID in the middle of the series list. */
export async function measureStudy(
  page: Page,
  study: { id: string; series: number; instances: number },
  options: KeystrokeOptions,
): Promise<StudyKeystrokes> {
  const selector = await openInstance(page, study, Math.floor(study.series / 2), Math.floor(study.instances / 2));
  const instanceUid = await typeAndMeasure(page, selector, options);
  const studyUid = await typeAndMeasure(page, STUDY_UID_INPUT, options);
  return { studyUid, instanceUid };
}

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

/**
 * The n-th key of a typing run: "x" (a letter: a UID error shown at once) and Backspace (the UID as it was), in turn.
 * Every key flips the field between valid and invalid. A trailing dot would not do: an unfinished-looking UID
 * ("1.2.") is only flagged once the typist pauses, by design, so its feedback is not a keystroke's.
 */
export function keyAt(n: number): 'x' | 'Backspace' {
  return n % 2 === 0 ? 'x' : 'Backspace';
}

/** Presses keys in the input at `selector` and returns one sample per timed key. */
/**
 * A UID the server has asks once before its first hand edit (the PACS images carry it): answered "Change the UID" as
 * a user correcting it would, outside the measured keys, and the field is left as it was.
 */
async function allowStoredUidEdit(page: Page, input: ReturnType<Page['locator']>, original: string): Promise<void> {
  await input.press('1');
  const dialog = page.getByRole('dialog', { name: /^Change the saved / });
  const asked = await dialog
    .waitFor({ timeout: 2_000 })
    .then(() => true)
    .catch(() => false);
  if (asked) {
    await dialog.getByRole('button', { name: 'Change the UID' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await input.click();
    await input.press('End');
  }
  if ((await input.inputValue()) !== original) await input.press('Backspace');
  if ((await input.inputValue()) !== original) throw new Error('The UID field did not return to its value');
}

export async function typeAndMeasure(
  page: Page,
  selector: string,
  options: KeystrokeOptions,
): Promise<KeystrokeSample[]> {
  const input = page.locator(selector);
  await input.click();
  await input.press('End');
  if ((await input.getAttribute('aria-invalid')) === 'true') throw new Error(`${selector} starts out invalid`);
  const original = await input.inputValue();
  await allowStoredUidEdit(page, input, original);
  const samples: KeystrokeSample[] = [];
  for (let k = 0; k < options.warmUp + options.count; k++) {
    const pressed = performance.now();
    await page.evaluate(armKeystroke, selector);
    await page.keyboard.press(keyAt(k));
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
  /** The instance UID again, once the study has an unsaved change elsewhere (its description). */
  editedInstanceUid: KeystrokeSample[];
}

/**
 * Types a description, as a user would before correcting a UID: the form then has an unsaved change. Returns what puts
 * the description back, so that the study leaves the editor unchanged (no draft, no "leave?" question).
 */
async function editDescription(page: Page): Promise<() => Promise<void>> {
  const details = page.getByRole('button', { name: 'More details' });
  if ((await details.getAttribute('aria-expanded')) !== 'true') await details.click();
  const description = page.getByRole('textbox', { name: /^Description/ });
  const before = await description.inputValue();
  await description.fill('CT head, edited before the UID');
  return () => description.fill(before);
}

/**
 * Both fields of one study: the Study Instance UID and an instance UID in the middle of the series list; with
 * `alsoEdited`, the instance UID once more after an unsaved change elsewhere (none measured otherwise).
 */
export async function measureStudy(
  page: Page,
  study: { id: string; series: number; instances: number },
  options: KeystrokeOptions,
  alsoEdited = false,
): Promise<StudyKeystrokes> {
  const selector = await openInstance(page, study, Math.floor(study.series / 2), Math.floor(study.instances / 2));
  const instanceUid = await typeAndMeasure(page, selector, options);
  const studyUid = await typeAndMeasure(page, STUDY_UID_INPUT, options);
  if (!alsoEdited) return { studyUid, instanceUid, editedInstanceUid: [] };
  const restore = await editDescription(page);
  const editedInstanceUid = await typeAndMeasure(page, selector, options);
  await restore();
  return { studyUid, instanceUid, editedInstanceUid };
}

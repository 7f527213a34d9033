/**
 * Code that runs inside the benchmarked pages (serialised by Playwright, so each function is self-contained: no
 * imports, no closures over module scope). Every timing is taken in the page with `performance.now()`, and "shown"
 * means the first animation frame after the DOM change, i.e. the frame that paints it.
 */

/** tsx names functions with `__name(...)`; pages need a no-op of it to run serialised functions. */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

/**
 * The pages a launch can open: the app, the bare baseline, the stack floor (React and MUI, one field) and the same
 * floor in React alone.
 */
export type LaunchKind = 'app' | 'bare' | 'floor' | 'reactFloor';

/** What the launch probe reports through the `__benchReport` binding. */
export interface LaunchReport {
  kind: LaunchKind;
  /** From opening the launch URL to the frame showing the patient and an editable (focusable) form. */
  ms: number;
  /** App only: from opening the launch URL to the study list (the "New study" link) being shown. */
  listMs?: number;
  /** App only: from opening the launch URL to the whole form (down to its Save button) being shown. */
  wholeMs?: number;
  /** JS and CSS files of the app's origin fetched before the form was editable (app only). */
  files?: string[];
}

interface ProbeSelectors {
  appOrigin: string;
  studyUidInput: string;
}

/**
 * Init script for launch timings. On the launch URL it notes the navigation start; on the redirect back it waits for
 * the page to be usable (for the app: opens the editor with "New study" as soon as the list shows it) and reports.
 */
export function launchProbe({ appOrigin, studyUidInput }: ProbeSelectors): void {
  if (location.origin !== appOrigin) return;
  const params = new URLSearchParams(location.search);
  if (params.has('launch')) {
    sessionStorage.setItem('bench.launchStart', String(performance.timeOrigin));
    return;
  }
  if (!params.has('code')) return;
  const started = Number(sessionStorage.getItem('bench.launchStart'));
  const since = () => performance.timeOrigin + performance.now() - started;
  const bare = location.pathname.endsWith('/bare.html');
  const floor = location.pathname.endsWith('/floor.html');
  const report = (window as unknown as { __benchReport: (r: LaunchReport) => void }).__benchReport;
  let listMs: number | undefined;
  let editable: Promise<{ ms: number; files: string[] }> | undefined;
  let done = false;
  const check = () => {
    if (done) return;
    if (bare) {
      const name = document.getElementById('patient-name')?.textContent ?? '';
      if (name === '' || name.startsWith('Connecting') || name.startsWith('Launch failed')) return;
      done = true;
      requestAnimationFrame(() => report({ kind: 'bare', ms: since() }));
      return;
    }
    if (floor) {
      // As for the app: the patient's name shown and the text field taking the focus.
      const name = document.querySelector('[data-testid="patient-name"]')?.textContent ?? '';
      const input = document.querySelector<HTMLInputElement>('#floor-uid');
      if (name === '' || !input) return;
      input.focus();
      if (document.activeElement !== input) return;
      done = true;
      const kind = params.get('stack') === 'react' ? 'reactFloor' : 'floor';
      requestAnimationFrame(() => report({ kind, ms: since() }));
      return;
    }
    const newStudy = document.querySelector<HTMLAnchorElement>('a[href="#/new"]');
    if (newStudy && listMs === undefined) {
      listMs = since();
      newStudy.click();
    }
    if (editable === undefined) {
      const banner = document.querySelector('[data-testid="patient-name"]')?.textContent ?? '';
      const input = document.querySelector<HTMLInputElement>(studyUidInput);
      if (banner === '' || !input || input.disabled) return;
      input.focus();
      if (document.activeElement !== input) return;
      editable = new Promise((resolve) =>
        requestAnimationFrame(() => {
          const files = performance
            .getEntriesByType('resource')
            .map((e) => new URL(e.name))
            .filter((u) => u.origin === location.origin && /\.(m?js|css)$/.test(u.pathname))
            .map((u) => u.pathname.replace(/^\//, ''));
          resolve({ ms: since(), files });
        }),
      );
    }
    // The editor draws the fields below the first screen right after its first frame (and Save last of all).
    const save = [...document.querySelectorAll('button')].some((b) => b.textContent === 'Save');
    if (!save) return;
    done = true;
    const whole = new Promise<number>((resolve) => requestAnimationFrame(() => resolve(since())));
    void Promise.all([editable, whole]).then(([{ ms, files }, wholeMs]) =>
      report({ kind: 'app', ms, listMs, wholeMs, files }),
    );
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

/** One keystroke's timings, from the keydown handler's `performance.now()`. */
export interface KeystrokeSample {
  /** To the first animation frame after the field's error state changed. */
  frameMs: number;
  /** To the DOM change itself. */
  domMs: number;
}

/**
 * Arms a keystroke measurement on the input matching `selector`: the next keydown starts the clock, the input's
 * `aria-invalid` flipping stops it (then one animation frame). The result is left in `window.__benchKeystroke`.
 */
export function armKeystroke(selector: string): void {
  const input = document.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`No input ${selector}`);
  const before = input.getAttribute('aria-invalid');
  const w = window as unknown as { __benchKeystroke?: Promise<KeystrokeSample> };
  w.__benchKeystroke = new Promise<KeystrokeSample>((resolve, reject) => {
    let start: number | undefined;
    window.addEventListener(
      'keydown',
      () => {
        start = performance.now();
      },
      { capture: true, once: true },
    );
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`aria-invalid of ${selector} stayed "${before ?? ''}"`));
    }, 5000);
    const observer = new MutationObserver(() => {
      if (start === undefined || input.getAttribute('aria-invalid') === before) return;
      observer.disconnect();
      clearTimeout(timer);
      const dom = performance.now();
      const begin = start;
      requestAnimationFrame(() => resolve({ frameMs: performance.now() - begin, domMs: dom - begin }));
    });
    observer.observe(input, { attributes: true, attributeFilter: ['aria-invalid'] });
  });
}

/** The armed measurement's result. */
export function keystrokeResult(): Promise<KeystrokeSample> {
  const w = window as unknown as { __benchKeystroke?: Promise<KeystrokeSample> };
  if (!w.__benchKeystroke) throw new Error('No keystroke armed');
  return w.__benchKeystroke;
}

/**
 * Clicks the element matching `click` (or sets the location hash to `hash`) and resolves with the milliseconds until
 * the first frame after `readySelector` matches at least `readyCount` elements (and `focusSelector`, if given, takes
 * the focus).
 */
export function actUntil(args: {
  click?: string;
  hash?: string;
  readySelector: string;
  readyCount: number;
  focusSelector?: string;
  timeoutMs: number;
}): Promise<number> {
  const { click, hash, readySelector, readyCount, focusSelector, timeoutMs } = args;
  return new Promise<number>((resolve, reject) => {
    const target = click === undefined ? undefined : document.querySelector<HTMLElement>(click);
    if (click !== undefined && !target) {
      reject(new Error(`Nothing to click at ${click}`));
      return;
    }
    const ready = () => {
      if (document.querySelectorAll(readySelector).length < readyCount) return false;
      if (!focusSelector) return true;
      const input = document.querySelector<HTMLElement>(focusSelector);
      input?.focus();
      return input !== null && document.activeElement === input;
    };
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${readySelector} did not reach ${readyCount} within ${timeoutMs} ms`));
    }, timeoutMs);
    const start = performance.now();
    (window as unknown as { __benchActStart?: number }).__benchActStart = start;
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - start));
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    if (target) target.click();
    else if (hash !== undefined) window.location.hash = hash;
  });
}

/**
 * Milliseconds from the last `actUntil` action to the end of the newest response whose URL path ends with `pathEnd`
 * (then clears the page's resource timings, so that the buffer never fills).
 */
export function responseEndAfterAct(pathEnd: string): number {
  const start = (window as unknown as { __benchActStart?: number }).__benchActStart;
  const entry = performance
    .getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname.endsWith(pathEnd))
    .at(-1) as PerformanceResourceTiming | undefined;
  performance.clearResourceTimings();
  if (start === undefined || !entry) throw new Error(`No response for ${pathEnd} after an action`);
  return entry.responseEnd - start;
}

/** Starts recording every animation frame's timestamp in the page (until `stopFrames`). */
export function startFrames(): void {
  const w = window as unknown as { __benchFrames?: number[]; __benchFramesOn?: boolean };
  w.__benchFrames = [];
  w.__benchFramesOn = true;
  const tick = (time: number): void => {
    if (!w.__benchFramesOn) return;
    w.__benchFrames?.push(time);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Stops the recording `startFrames` began and returns the timestamps. */
export function stopFrames(): number[] {
  const w = window as unknown as { __benchFrames?: number[]; __benchFramesOn?: boolean };
  w.__benchFramesOn = false;
  return w.__benchFrames ?? [];
}

/** Resolves at the page's next animation frame (to pace input at the display's rate). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Where `selector` (or the page) is scrolled to: [scrollTop, the most it can scroll]. */
export function scrollPosition(selector: string | null): [number, number] {
  const element = selector === null ? document.scrollingElement : document.querySelector(selector);
  if (!element) throw new Error(`Nothing to scroll at ${selector ?? 'the page'}`);
  return [element.scrollTop, element.scrollHeight - element.clientHeight];
}

/** Scrolls `selector` (or the page) back to its top before a measured run. */
export function scrollToTop(selector: string | null): void {
  const element = selector === null ? document.scrollingElement : document.querySelector(selector);
  if (element) element.scrollTop = 0;
}

/** Clicks Save and resolves with the milliseconds until the frame showing `confirmation` in a status region. */
export function saveUntilConfirmed(args: { confirmation: string; timeoutMs: number }): Promise<number> {
  const { confirmation, timeoutMs } = args;
  return new Promise<number>((resolve, reject) => {
    const save = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Save');
    if (!save) {
      reject(new Error('No Save button'));
      return;
    }
    const confirmed = () =>
      [...document.querySelectorAll('[role="status"]')].some((el) => el.textContent?.includes(confirmation));
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`"${confirmation}" did not appear within ${timeoutMs} ms`));
    }, timeoutMs);
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!confirmed()) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - start));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    save.click();
  });
}

/** POSTs `body` to `url` with `headers` and resolves with the milliseconds until the JSON answer is parsed. */
export async function timedPost(args: { url: string; body: string; headers: Record<string, string> }): Promise<number> {
  const start = performance.now();
  const response = await fetch(args.url, { method: 'POST', headers: args.headers, body: args.body });
  await response.json();
  if (!response.ok) throw new Error(`Direct POST answered ${response.status}`);
  return performance.now() - start;
}

/** GETs `url` with `headers` and resolves with the milliseconds until the JSON answer is parsed. */
export async function timedGet(args: { url: string; headers: Record<string, string> }): Promise<number> {
  const start = performance.now();
  const response = await fetch(args.url, { headers: args.headers });
  await response.json();
  if (!response.ok) throw new Error(`Direct GET answered ${response.status}`);
  return performance.now() - start;
}

/**
 * Chromium for the browser benchmark: one browser, contexts that carry the page probes, and SMART EHR launches of the
 * app or of the bare baseline page against the sandbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ehrLaunchId } from '../../sandbox/testing/smart-client';
import { fieldId } from '../../../src/form/inputs/a11y';
import { STUDY_UID_INDEX } from '../../../src/study/values';
import { launchProbe, NAME_SHIM, type LaunchKind, type LaunchReport } from './probes';
import type { BenchServers } from './servers';
import { CHROMIUM_LAUNCH } from '../../chromium';

const VIEWPORT = { width: 1280, height: 800 };

/** The editor's Study Instance UID input. */
export const STUDY_UID_INPUT = `#${fieldId(`identifier.${STUDY_UID_INDEX}.value`)}`;

/** The input of a field by its form name (`series.5.instance.100.uid`). */
export const inputOf = (name: string): string => `#${fieldId(name)}`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A browser context (a cache and cookie jar) whose pages report their launch timings. */
export class BenchContext {
  private readonly waiting = new Map<Page, (report: LaunchReport) => void>();

  private constructor(
    readonly context: BrowserContext,
    private readonly servers: BenchServers,
    private readonly dispose: () => Promise<void>,
    /**
     * Untimed launches of a page before timed ones: one fills the HTTP cache; in a profile on disk three, because
     * Chromium writes a script's V8 code cache at its second load and reads it from the third.
     */
    readonly untimedLaunches: number,
  ) {}

  /** A context of `browser`: off the record, like every Playwright context, so V8 keeps no code cache for it. */
  static async create(browser: Browser, servers: BenchServers): Promise<BenchContext> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    return BenchContext.wrap(context, servers, () => context.close(), 1);
  }

  /**
   * A Chromium of its own with a profile on disk, as a user's browser keeps one: an HTTP cache on disk and V8's code
   * cache, which Chromium does not keep for off-the-record contexts. Closing it deletes the profile.
   */
  static async withProfile(servers: BenchServers): Promise<BenchContext> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
    const removeProfile = () => rmSync(dir, { recursive: true, force: true });
    try {
      const context = await chromium.launchPersistentContext(dir, { ...CHROMIUM_LAUNCH, viewport: VIEWPORT });
      return await BenchContext.wrap(context, servers, () => context.close().finally(removeProfile), 3);
    } catch (err) {
      removeProfile();
      throw err;
    }
  }

  private static async wrap(
    context: BrowserContext,
    servers: BenchServers,
    dispose: () => Promise<void>,
    untimedLaunches: number,
  ): Promise<BenchContext> {
    const bench = new BenchContext(context, servers, dispose, untimedLaunches);
    await context.addInitScript({ content: NAME_SHIM });
    await context.exposeBinding('__benchReport', ({ page }, report: LaunchReport) => {
      bench.waiting.get(page)?.(report);
    });
    await context.addInitScript(launchProbe, { appOrigin: servers.appOrigin, studyUidInput: STUDY_UID_INPUT });
    return bench;
  }

  /**
   * An EHR launch for `patientId` in a new tab, as the EHR page would open it: `launch.html` for the app (which then
   * opens "New study"), `bare.html` for the baseline, `floor.html` for the stack floor (with `?stack=react`, its
   * variant in React alone). Resolves once the probe reports the page usable.
   */
  async launch(patientId: string, kind: LaunchKind): Promise<{ page: Page; report: LaunchReport }> {
    const { appOrigin, sandbox } = this.servers;
    const page = await this.context.newPage();
    const reported = new Promise<LaunchReport>((resolve) => this.waiting.set(page, resolve));
    const launch = await ehrLaunchId(sandbox, { patientId });
    const query = new URLSearchParams({
      iss: sandbox.fhirBase,
      launch,
      ...(kind === 'reactFloor' ? { stack: 'react' } : {}),
    });
    const file = { app: 'launch.html', bare: 'bare.html', floor: 'floor.html', reactFloor: 'floor.html' }[kind];
    await page.goto(`${appOrigin}/${file}?${query.toString()}`, {
      waitUntil: 'commit',
    });
    const report = await withTimeout(reported, 60_000, `The ${kind} launch`);
    this.waiting.delete(page);
    return { page, report };
  }

  close(): Promise<void> {
    return this.dispose();
  }
}

/** The access token fhirclient keeps in the tab's sessionStorage. */
export function accessToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string | null;
    const state = key
      ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { tokenResponse?: { access_token?: string } })
      : {};
    const token = state.tokenResponse?.access_token;
    if (!token) throw new Error('No access token in sessionStorage');
    return token;
  });
}

/** Points the app at a route (`#/study/<id>`) and waits until `selector` is there. */
export async function goToRoute(page: Page, hash: string, selector: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.locator(selector).first().waitFor({ state: 'attached', timeout: 120_000 });
}

/**
 * Helpers for the security specs: a sandbox of their own (so hostile data never reaches the shared one), an
 * administrator token for seeding it through the FHIR API, launches by patient id, response substitution for
 * values the sandbox refuses to store, and link checks.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { APP_ORIGIN, expect } from './fixtures';
import { startSandbox, type Sandbox, type SandboxOptions } from './sandbox/server';
import { ehrLaunchId, fhir, getTokens } from './sandbox/testing/smart-client';

/** A sandbox for one spec file, with a token that may write anything and a switchable extra validator. */
export interface OwnSandbox {
  sandbox: Sandbox;
  /** user/*.cruds: for seeding the server as an administrator would. */
  adminToken: string;
  /** While set, every ImagingStudy write is rejected (422) with these issues. */
  rejectStudiesWith(issues: OperationOutcomeIssue[] | undefined): void;
  /** POSTs a resource; the id, or undefined when the server refused it (then `refusal` says why). */
  create(resource: Record<string, unknown>): Promise<{ id?: string; status: number; refusal?: string }>;
  close(): Promise<void>;
}

/** Starts a sandbox of its own for the app under test (on a free loopback port, which the app's config trusts). */
export async function startOwnSandbox(options: Partial<SandboxOptions> = {}): Promise<OwnSandbox> {
  let rejection: OperationOutcomeIssue[] | undefined;
  const sandbox = await startSandbox({
    port: 0,
    appOrigin: APP_ORIGIN,
    validate: (resource) => (rejection && resource.resourceType === 'ImagingStudy' ? rejection : []),
    ...options,
  });
  const tokens = await getTokens(sandbox, {
    scope: 'launch/patient openid user/*.cruds',
    pickPatientId: 'ada-lovelace',
    redirectUri: `${APP_ORIGIN}/`,
  });
  const adminToken = tokens.access_token;
  return {
    sandbox,
    adminToken,
    rejectStudiesWith: (issues) => {
      rejection = issues;
    },
    async create(resource) {
      const type = String(resource.resourceType);
      const response = await fhir(sandbox, adminToken, type, { method: 'POST', body: resource });
      if (response.status === 201) return { id: String(response.body.id), status: 201 };
      return { status: response.status, refusal: JSON.stringify(response.body).slice(0, 200) };
    },
    close: () => sandbox.close(),
  };
}

/**
 * Presses the EHR page's launch button for a patient id (names may be hostile) and returns the app's tab once the
 * launch is complete (the study list's heading shows).
 */
export async function launchPatient(page: Page, sandbox: Sandbox, patientId: string): Promise<Page> {
  await page.goto(`${sandbox.url}/`);
  const button = page.locator(`button[name="patient"][value="${patientId}"]`);
  const [app] = await Promise.all([page.context().waitForEvent('page'), button.click()]);
  await expect(app.getByRole('heading', { name: 'Imaging studies' })).toBeVisible({ timeout: 30_000 });
  return app;
}

/**
 * The same EHR launch without rendering the EHR page: asks the EHR for a launch id as its form would, and opens the
 * app's launch URL in a new tab. For loops over many patients, once the page itself has been shown to work.
 */
export async function launchPatientDirectly(
  context: BrowserContext,
  sandbox: Sandbox,
  patientId: string,
): Promise<Page> {
  const launch = await ehrLaunchId(sandbox, { patientId });
  const app = await context.newPage();
  await app.goto(`${APP_ORIGIN}/launch.html?${new URLSearchParams({ iss: sandbox.fhirBase, launch }).toString()}`);
  await expect(app.getByRole('heading', { name: 'Imaging studies' })).toBeVisible({ timeout: 30_000 });
  return app;
}

/** Opens the editor's "More details" section, where Description lives, unless it is open. */
export async function openDetails(app: Page): Promise<void> {
  const details = app.getByRole('button', { name: 'More details' });
  if ((await details.getAttribute('aria-expanded')) !== 'true') await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
}

function substitute(value: unknown, replacements: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return replacements.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, replacements));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, replacements)]));
  }
  return value;
}

/**
 * Stands in for a FHIR server that stores what the sandbox refuses (null bytes): in every JSON answer from
 * `fhirBase` the app receives, a string equal to a key of `replacements` becomes its value.
 */
export async function substituteInResponses(
  context: BrowserContext,
  fhirBase: string,
  replacements: ReadonlyMap<string, string>,
): Promise<void> {
  if (replacements.size === 0) return;
  await context.route(`${fhirBase}/**`, async (route) => {
    try {
      const response = await route.fetch();
      const type = response.headers()['content-type'] ?? '';
      if (!type.includes('json')) return await route.fulfill({ response });
      const json = substitute(await response.json(), replacements);
      return await route.fulfill({ response, body: JSON.stringify(json) });
    } catch (error) {
      // The test ended while an answer was on its way (a busy machine): the page that asked is gone with the
      // context, so there is no one to answer. Anything else is a real failure.
      if (error instanceof Error && /disposed|has been closed/.test(error.message)) return undefined;
      throw error;
    }
  });
}

/**
 * Expects every link in the page to use http, https or blob (or to stay on the page), and every link that opens
 * another tab to carry rel="noopener noreferrer".
 */
export async function expectSafeLinks(page: Page): Promise<number> {
  const links = await page.locator('a[href]').evaluateAll((anchors) =>
    anchors.map((a) => ({
      href: (a as HTMLAnchorElement).href,
      protocol: (a as HTMLAnchorElement).protocol,
      target: a.getAttribute('target') ?? '',
      rel: (a.getAttribute('rel') ?? '').split(/\s+/),
    })),
  );
  for (const link of links) {
    expect(['http:', 'https:', 'blob:'], `scheme of ${link.href.slice(0, 80)}`).toContain(link.protocol);
    if (link.target && link.target !== '_self') {
      expect(link.rel, `rel of ${link.href.slice(0, 80)}`).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }
  }
  return links.length;
}

/** Records one "N strings × place" line for the test output. */
export function countCases(place: string, strings: number, extra = ''): { type: string; description: string } {
  return { type: 'hostile cases', description: `${strings} hostile strings × ${place}${extra ? ` (${extra})` : ''}` };
}

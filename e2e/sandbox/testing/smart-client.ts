import { createHash, randomBytes } from 'node:crypto';
import { CLIENT_ID } from '../auth/auth-server.ts';
import type { Sandbox } from '../server.ts';

/** The scopes the app asks for in an EHR launch (SMART v2). */
export const APP_SCOPES_V2 =
  'launch openid fhirUser offline_access patient/Patient.rs patient/ImagingStudy.cruds patient/Provenance.c user/Endpoint.crus';
/** The v1 equivalents. */
export const APP_SCOPES_V1 =
  'launch openid fhirUser offline_access patient/Patient.read patient/ImagingStudy.read patient/ImagingStudy.write patient/Provenance.write user/Endpoint.read user/Endpoint.write';

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
  patient?: string;
  encounter?: string;
  need_patient_banner?: boolean;
  smart_style_url?: string;
  fhirUser?: string;
  fhirContext?: unknown[];
}

export interface AuthorizeOptions {
  /** Space-separated scopes to request. */
  scope: string;
  /**
   * An EHR launch: the EHR page is asked for a launch id bound to this patient first. `for` launches for an order or
   * study (`ServiceRequest/<id>`, `ImagingStudy/<id>`; its patient wins over patientId); `context` adds unchecked
   * fhirContext references; `contextForm: 'string'` asks for the SMART 2.0.0 plain-string form.
   */
  ehrLaunch?: {
    patientId: string;
    mode?: 'tab' | 'iframe';
    askConsent?: boolean;
    for?: string;
    context?: string[];
    contextForm?: 'string' | 'object';
  };
  /** Standalone launch: the patient to pick in the patient picker. */
  pickPatientId?: string;
  /** Scopes to leave checked on the consent page (default: all of them). */
  grant?: string[];
  /** Press "Deny" on the consent page. */
  deny?: boolean;
  /** PKCE variant; the default is a correct S256 challenge. */
  pkce?: 'S256' | 'plain' | 'none';
  /** Overrides the aud parameter (default: the FHIR base). */
  aud?: string;
  /** Reuses a browser (cookie jar), e.g. for two launches in one browser. */
  browser?: Browser;
  /** Default http://127.0.0.1:5173/; a sandbox started for another app origin registers that origin's root. */
  redirectUri?: string;
}

export interface AuthorizeResult {
  code?: string;
  error?: string;
  errorDescription?: string;
  state: string;
  verifier: string;
  redirectUri: string;
  /** The consent page's checkbox values, when a consent page was shown. */
  consentScopes?: string[];
  /** The picker's button labels, when the patient picker was shown. */
  pickerButtons?: string[];
}

/** A cookie jar that follows redirects by hand, like a browser would, without rendering anything. */
export class Browser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const { pathname } = new URL(url);
    const cookie = [...this.cookies]
      .filter(([, c]) => pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attributes.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), { value: pair.slice(eq + 1), path });
    }
    return response;
  }
}

function form(values: [string, string][]): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  };
}

/** The attributes of every `<tag ...>` in a page (pages are server-rendered and may wrap attributes). */
function tags(page: string, tag: string): Record<string, string>[] {
  return [...page.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries(
      [...(m[1] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], decodeEntities(a[2] ?? '')]),
    ),
  );
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Asks the EHR page for a launch id, as pressing "Launch <name>" would. */
export async function ehrLaunchId(
  sandbox: Sandbox,
  launch: NonNullable<AuthorizeOptions['ehrLaunch']>,
): Promise<string> {
  const fields: [string, string][] = [
    ['mode', launch.mode ?? 'tab'],
    ['patient', launch.patientId],
  ];
  if (launch.askConsent) fields.push(['consent', 'ask']);
  if (launch.for) fields.push(['for', launch.for]);
  for (const reference of launch.context ?? []) fields.push(['context', reference]);
  if (launch.contextForm) fields.push(['contextForm', launch.contextForm]);
  const response = await fetch(`${sandbox.url}/launch`, { ...form(fields), redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '', sandbox.url);
  const launchId = location.searchParams.get('launch');
  if (response.status !== 303 || !launchId) throw new Error(`EHR launch failed with ${response.status}`);
  return launchId;
}

/**
 * Runs the authorization request of the authorization-code flow up to the redirect back to the app:
 * follows redirects, picks the patient and answers the consent page on the way.
 */
export async function authorize(sandbox: Sandbox, options: AuthorizeOptions): Promise<AuthorizeResult> {
  const browser = options.browser ?? new Browser();
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:5173/';
  const state = randomBytes(8).toString('hex');
  const verifier = randomBytes(32).toString('base64url');
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri,
    scope: options.scope,
    state,
    aud: options.aud ?? sandbox.fhirBase,
  });
  if (options.ehrLaunch) params.set('launch', await ehrLaunchId(sandbox, options.ehrLaunch));
  const pkce = options.pkce ?? 'S256';
  if (pkce !== 'none') {
    params.set('code_challenge_method', pkce);
    params.set(
      'code_challenge',
      pkce === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url'),
    );
  }
  const result: AuthorizeResult = { state, verifier, redirectUri };

  let url = `${sandbox.url}/oidc/auth?${params.toString()}`;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const response = await browser.fetch(url, init);
    init = {};
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri)) {
        result.code = next.searchParams.get('code') ?? undefined;
        result.error = next.searchParams.get('error') ?? undefined;
        result.errorDescription = next.searchParams.get('error_description') ?? undefined;
        return result;
      }
      url = next.href;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`Authorization stopped at ${url} with ${response.status}: ${page}`);
    const action = tags(page, 'form')[0]?.action;
    if (!action) throw new Error(`Unexpected page at ${url}`);
    url = new URL(action, url).href;
    if (action.endsWith('/patient')) {
      result.pickerButtons = [...page.matchAll(/<button\b[^>]*>([^<]+)<\/button>/g)].map((m) =>
        decodeEntities((m[1] ?? '').trim()),
      );
      if (!options.pickPatientId) throw new Error('The patient picker was shown but no patient was chosen');
      init = form([['patient', options.pickPatientId]]);
    } else {
      const offered = tags(page, 'input')
        .filter((input) => input.type === 'checkbox' && input.name === 'scope')
        .map((input) => input.value ?? '');
      result.consentScopes = offered;
      const keep = options.grant ? offered.filter((s) => options.grant?.includes(s)) : offered;
      init = form([...keep.map((s): [string, string] => ['scope', s]), ['decision', options.deny ? 'deny' : 'allow']]);
    }
  }
  throw new Error('Too many redirects');
}

/** Posts to the token endpoint; returns the status and parsed JSON body. */
export async function tokenRequest(
  sandbox: Sandbox,
  fields: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.url}/oidc/token`, form(Object.entries({ client_id: CLIENT_ID, ...fields })));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Exchanges an authorization code. */
export function exchangeCode(sandbox: Sandbox, result: AuthorizeResult, verifier = result.verifier) {
  return tokenRequest(sandbox, {
    grant_type: 'authorization_code',
    code: result.code ?? '',
    redirect_uri: result.redirectUri,
    code_verifier: verifier,
  });
}

/** The whole flow: authorize, exchange the code, and return the token response. */
export async function getTokens(sandbox: Sandbox, options: AuthorizeOptions): Promise<TokenResponse> {
  const result = await authorize(sandbox, options);
  if (!result.code) throw new Error(`Authorization failed: ${result.error ?? ''} ${result.errorDescription ?? ''}`);
  const { status, body } = await exchangeCode(sandbox, result);
  if (status !== 200) throw new Error(`Token request failed with ${status}: ${JSON.stringify(body)}`);
  return body as unknown as TokenResponse;
}

/** Calls the FHIR API with a bearer token; `path` is relative to the FHIR base. */
export async function fhir(
  sandbox: Sandbox,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { Accept: 'application/fhir+json', ...init.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/fhir+json';
  const response = await fetch(`${sandbox.fhirBase}/${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** Posts to a test control. */
export async function control(
  sandbox: Sandbox,
  action: string,
  body: unknown = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sandbox.url}/__control/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** Decodes a JWT's payload without verifying it (the tests only read claims). */
export function jwtClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

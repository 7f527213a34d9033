// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import FHIR from 'fhirclient';
import { toOperationOutcome } from './outcome';
import { withTokenRefresh } from './token-refresh';

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

// fhirclient takes `fetch` from the window when its module loads, so the fake is installed before any import.
const network = vi.hoisted(() => {
  const holder: { fetch?: Fetch } = {};
  globalThis.fetch = (input, init) => holder.fetch?.(input, init) ?? Promise.reject(new TypeError('Failed to fetch'));
  return holder;
});

const FHIR_BASE = 'https://fhir.example.org/r4';
const TOKEN_URI = 'https://auth.example.org/token';
const KEY = 'session-key';

interface FakeAuthServer {
  /** Access tokens the FHIR server accepts. */
  valid: Set<string>;
  /** Whether the token endpoint honours the refresh token. */
  refreshWorks: boolean;
  refreshes: number;
  issued: number;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** fetch as a FHIR server and token endpoint would answer it. */
function fakeFetch(server: FakeAuthServer): Fetch {
  return async (input, init = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === TOKEN_URI) {
      server.refreshes++;
      if (!server.refreshWorks) return json(400, { error: 'invalid_grant' });
      const token = `access-${++server.issued}`;
      server.valid.add(token);
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: 'offline_access' });
    }
    const auth = new Headers(init.headers).get('authorization') ?? '';
    if (!server.valid.has(auth.replace(/^Bearer /, ''))) {
      return json(401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
    }
    return json(200, { resourceType: 'Patient', id: url.split('/').pop() });
  };
}

function launchedClient() {
  const state = {
    serverUrl: FHIR_BASE,
    clientId: 'imr-study-author',
    tokenUri: TOKEN_URI,
    key: KEY,
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    tokenResponse: {
      access_token: 'access-0',
      refresh_token: 'refresh-0',
      token_type: 'Bearer' as const,
      scope: 'launch openid offline_access patient/ImagingStudy.cruds',
      patient: 'p1',
    },
  };
  sessionStorage.setItem('SMART_KEY', JSON.stringify(KEY));
  sessionStorage.setItem(KEY, JSON.stringify(state));
  return FHIR.client(state);
}

function storedAccessToken(): string | undefined {
  const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as string | null;
  if (!key) return undefined;
  const state = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { tokenResponse?: { access_token?: string } };
  return state.tokenResponse?.access_token;
}

let server: FakeAuthServer;

beforeEach(() => {
  sessionStorage.clear();
  server = { valid: new Set(['access-0']), refreshWorks: true, refreshes: 0, issued: 0 };
  network.fetch = fakeFetch(server);
});

describe('withTokenRefresh', () => {
  it('passes requests through while the token is accepted', async () => {
    const request = withTokenRefresh(launchedClient());
    await expect(request({ url: 'Patient/p1' })).resolves.toMatchObject({ id: 'p1' });
    expect(server.refreshes).toBe(0);
  });

  it('refreshes once after a 401, repeats the request, and keeps the session stored for a reload', async () => {
    const request = withTokenRefresh(launchedClient());
    server.valid.clear(); // the server drops the token before it expires

    await expect(request({ url: 'Patient/p1' })).resolves.toMatchObject({ id: 'p1' });
    expect(server.refreshes).toBe(1);
    expect(storedAccessToken()).toBe('access-1');
  });

  it('refreshes once for several requests that were refused together', async () => {
    const request = withTokenRefresh(launchedClient());
    server.valid.clear();

    const results = await Promise.all(['a', 'b', 'c'].map((id) => request({ url: `Patient/${id}` })));
    expect(results).toMatchObject([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(server.refreshes).toBe(1);
    expect(storedAccessToken()).toBe('access-1');
  });

  it('reports an ended session (code login) when the refresh is refused, and forgets the session', async () => {
    const request = withTokenRefresh(launchedClient());
    server.valid.clear();
    server.refreshWorks = false;

    const failure: unknown = await request({ url: 'Patient/p1' }).catch((err: unknown) => err);
    expect((await toOperationOutcome(failure)).issue[0]?.code).toBe('login');
    expect(server.refreshes).toBe(1);
    expect(storedAccessToken()).toBeUndefined();
  });

  it('does not loop when the server refuses the refreshed token too', async () => {
    const request = withTokenRefresh(launchedClient());
    server.valid.clear();
    // Every token the server issues is refused at once.
    const answer = fakeFetch(server);
    network.fetch = async (input, init) => {
      const response = await answer(input, init);
      server.valid.clear();
      return response;
    };

    const failure: unknown = await request({ url: 'Patient/p1' }).catch((err: unknown) => err);
    expect((await toOperationOutcome(failure)).issue[0]?.code).toBe('login');
    expect(server.refreshes).toBe(1);
  });
});

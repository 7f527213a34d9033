/**
 * One token refresh after a 401. fhirclient 2.6 refreshes only ahead of `expires_in`; when the server rejects a
 * token earlier (revoked, server restarted), it clears the stored session and throws. This wrapper puts the session
 * back, refreshes once and repeats the request once, so a long edit survives an access token the server dropped.
 */
import type Client from 'fhirclient/lib/Client';
import type { fhirclient } from 'fhirclient/lib/types';
import { httpStatusOf } from './outcome';

/** Where fhirclient keeps the storage key of the current session. */
const SMART_KEY = 'SMART_KEY';

type TokenResponse = fhirclient.TokenResponse;

/**
 * Options of a raw request. `signal` aborts it (timeouts); with `includeResponse` fhirclient resolves with
 * `{ body, response }`, so the caller can read the status (e.g. 200 vs 201 for a conditional create).
 */
export interface FhirRequestOptions {
  url: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  includeResponse?: boolean;
}

/** A request through fhirclient that survives one rejected access token. */
export type RecoveringRequest = <T>(options: FhirRequestOptions) => Promise<T>;

/** Puts a token response back where fhirclient keeps it: in memory, and in the tab's storage under the state key. */
async function restore(client: Client, tokens: TokenResponse): Promise<void> {
  client.state.tokenResponse = { ...tokens };
  const key = client.state.key;
  if (!key) return;
  const storage = client.environment.getStorage();
  await storage.set(SMART_KEY, key);
  await storage.set(key, client.state);
}

/** Ends the session as fhirclient would have: a reload then asks for a relaunch. */
async function forget(client: Client): Promise<void> {
  const storage = client.environment.getStorage();
  const key = client.state.key;
  if (key) await storage.unset(key);
  await storage.unset(SMART_KEY);
  client.state.tokenResponse = {};
}

/**
 * Wraps `client.request`: on a 401 for a request that carried an access token, and when a refresh token is known,
 * it refreshes the token (once for all requests that failed together) and repeats the request once. If the refresh
 * fails, or the repeated request is refused again, the original 401 is thrown, which the app reports as an ended
 * session (outcome code `login`).
 */
export function withTokenRefresh(client: Client): RecoveringRequest {
  let latest: TokenResponse = { ...client.state.tokenResponse };
  let refreshing: Promise<void> | undefined;

  const remember = (): void => {
    const tokens = client.state.tokenResponse;
    if (tokens?.access_token) latest = { ...tokens };
  };

  const recover = async (rejected: string): Promise<void> => {
    // Another request has refreshed since this one was sent: its 401 only cleared the state again.
    if (latest.access_token && latest.access_token !== rejected) return restore(client, latest);
    if (!latest.refresh_token) throw new Error('No refresh token');
    refreshing ??= (async () => {
      try {
        await restore(client, latest);
        await client.refresh();
        remember();
      } catch (err) {
        await forget(client);
        throw err;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  // fhirclient writes the Authorization header into the options it gets: each attempt gets its own copy.
  const send = async <T>(options: FhirRequestOptions): Promise<T> => {
    const result = await client.request<T>({ ...options, headers: { ...options.headers } });
    remember();
    return result;
  };

  return async <T>(options: FhirRequestOptions): Promise<T> => {
    const used = client.state.tokenResponse?.access_token;
    try {
      return await send<T>(options);
    } catch (err) {
      if (httpStatusOf(err) !== 401 || !used) throw err;
      try {
        await recover(used);
      } catch {
        throw err;
      }
      return send<T>(options);
    }
  };
}

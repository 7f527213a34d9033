import FHIR from 'fhirclient';
import { fetchWellKnownJson } from 'fhirclient/lib/smart';
import { clientIdFor, loadConfig } from './config';
import { requestedScopes } from './scopes';

async function serverSupportsV2(iss: string): Promise<boolean> {
  try {
    // fhirclient's own fetch of the discovery document, which it keeps for the page: `authorize` below reads it from
    // there instead of asking the server a second time.
    const body = (await fetchWellKnownJson(iss)) as { capabilities?: unknown } | null;
    const caps = Array.isArray(body?.capabilities) ? body.capabilities : [];
    // Ask for v1 scopes only when the server says it speaks v1 and not v2.
    return caps.includes('permission-v2') || !caps.includes('permission-v1');
  } catch {
    return true; // fhirclient's own discovery below reports the unreachable server (or falls back to metadata).
  }
}

/**
 * Starts a SMART launch from the launch page: checks the issuer against the app's configuration and redirects the
 * browser to the authorization server. EHR launches carry `launch`; standalone launches ask for a patient.
 */
export async function startLaunch(location: Location): Promise<void> {
  const params = new URLSearchParams(location.search);
  const config = await loadConfig(location.href);
  const { iss, clientId } = clientIdFor(config, params.get('iss'));
  const launch = params.get('launch') ?? undefined;
  const smartV2 = await serverSupportsV2(iss);
  await FHIR.oauth2.authorize({
    iss,
    clientId,
    launch,
    scope: requestedScopes(launch ? 'ehr' : 'standalone', smartV2),
    redirectUri: new URL('./', location.href).href,
    pkceMode: 'required',
  });
}

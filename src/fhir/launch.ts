import FHIR from 'fhirclient';
import { clientIdFor, loadConfig } from './config';
import { requestedScopes } from './scopes';

async function serverSupportsV2(iss: string): Promise<boolean> {
  try {
    const response = await fetch(`${iss}/.well-known/smart-configuration`, { headers: { accept: 'application/json' } });
    if (!response.ok) return true;
    const body = (await response.json()) as { capabilities?: unknown };
    const caps = Array.isArray(body.capabilities) ? body.capabilities : [];
    // Ask for v1 scopes only when the server says it speaks v1 and not v2.
    return caps.includes('permission-v2') || !caps.includes('permission-v1');
  } catch {
    return true; // fhirclient's own discovery below reports the unreachable server.
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

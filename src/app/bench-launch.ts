/**
 * The launch of the benchmark's baseline pages (bare.html, floor.html; built only by `npm run bench`): the least a
 * SMART app can do, namely `FHIR.oauth2.authorize` on its own launch, `ready` on the redirect back, and a read of the
 * Patient.
 */
import FHIR from 'fhirclient';
import { requestedScopes } from '../fhir/scopes';

/**
 * On the launch URL, redirects to the authorization server and resolves with undefined; on the redirect back, to the
 * launch patient's name.
 */
export async function launchForName(page: string): Promise<string | undefined> {
  const params = new URLSearchParams(window.location.search);
  const iss = params.get('iss');
  const launch = params.get('launch');
  if (iss && launch) {
    await FHIR.oauth2.authorize({
      iss,
      launch,
      clientId: 'imr-study-author',
      scope: requestedScopes('ehr', true),
      redirectUri: new URL(page, window.location.href).href,
      pkceMode: 'required',
    });
    return undefined;
  }
  const client = await FHIR.oauth2.ready();
  const patient = await client.patient.read();
  const name = patient.name?.[0];
  return [...(name?.given ?? []), name?.family ?? ''].join(' ').trim() || 'Unnamed patient';
}

/** Why the launch failed, as the pages show it. */
export function launchFailure(err: unknown): string {
  return `Launch failed: ${err instanceof Error ? err.message : String(err)}`;
}

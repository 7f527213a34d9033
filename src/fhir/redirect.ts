/**
 * Checks of the redirect back from the authorization server, before fhirclient exchanges the code. fhirclient's own
 * state check stays on (it finds no launch for an unknown `state`); these checks turn the suspicious cases into a
 * refusal with a readable message, and close one gap: without a `state` parameter fhirclient falls back to the tab's
 * last launch, so a forged `?code=` alone could be exchanged in a launch that is still under way.
 */
import { LaunchRefused } from './config';

const NOT_VERIFIED =
  'The answer from the sign-in server could not be matched to a launch started in this tab, so it was ignored and nothing was loaded. Open the app again from the patient chart in your EHR.';

/** Throws `LaunchRefused` for a redirect with a code but no state, or with a state this tab never issued. */
export function checkRedirect(search: string, storage: Pick<Storage, 'getItem'>): void {
  const params = new URLSearchParams(search);
  if (params.has('error')) return; // The authorization server's refusal; fhirclient reports it.
  const state = params.get('state');
  const forgedCode = params.has('code') && !state;
  const unknownState = state !== null && (state === '' || storage.getItem(state) === null);
  if (forgedCode || unknownState) throw new LaunchRefused(`This sign-in could not be verified. ${NOT_VERIFIED}`);
}

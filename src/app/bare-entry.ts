/**
 * The benchmark's baseline page (bare.html, built only by `npm run bench`): the least a SMART app can do, namely
 * `FHIR.oauth2.authorize` on its own launch, `ready` on the redirect back, read the Patient and show the name. It also
 * carries a plain input with a UID check, the baseline for keystroke-to-feedback timings.
 */
import FHIR from 'fhirclient';
import { requestedScopes } from '../fhir/scopes';

const UID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

function showName(text: string): void {
  const target = document.getElementById('patient-name');
  if (target) target.textContent = text;
}

function wireBaselineInput(): void {
  const input = document.getElementById('bare-uid') as HTMLInputElement | null;
  const helper = document.getElementById('bare-uid-helper');
  if (!input || !helper) return;
  input.value = '1.2.826.0.1.3680043.8.498.1';
  input.addEventListener('input', () => {
    const valid = input.value.length <= 64 && UID.test(input.value);
    input.setAttribute('aria-invalid', String(!valid));
    helper.textContent = valid ? '' : 'A UID is numbers separated by dots.';
  });
}

async function main(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const iss = params.get('iss');
  const launch = params.get('launch');
  if (iss && launch) {
    await FHIR.oauth2.authorize({
      iss,
      launch,
      clientId: 'imr-study-author',
      scope: requestedScopes('ehr', true),
      redirectUri: new URL('bare.html', window.location.href).href,
      pkceMode: 'required',
    });
    return;
  }
  const client = await FHIR.oauth2.ready();
  const patient = await client.patient.read();
  const name = patient.name?.[0];
  showName([...(name?.given ?? []), name?.family ?? ''].join(' ').trim() || 'Unnamed patient');
  wireBaselineInput();
}

main().catch((err: unknown) => showName(`Launch failed: ${err instanceof Error ? err.message : String(err)}`));

import { html, page } from '../http/html.ts';
import type { PatientSummary } from '../fhir/directory.ts';
import { describeScope } from './smart-scopes.ts';

/** The standalone-launch patient picker: one "Select <name>" button per patient. */
export function pickerPage(uid: string, clientId: string, patients: PatientSummary[]): string {
  return page(
    'Select a patient',
    html`<main>
      <h1>Select a patient</h1>
      <p>${clientId} asks for a patient context. Choose the patient to open.</p>
      <form method="post" action="/interaction/${uid}/patient">
        <ul class="patients">
          ${patients.map(
            (p) =>
              html`<li>
                <button type="submit" name="patient" value="${p.id}">Select ${p.name}</button>
                <span>born ${p.birthDate ?? 'unknown'}, MRN ${p.mrn ?? 'none'}</span>
              </li>`,
          )}
        </ul>
      </form>
    </main>`,
  );
}

/** The consent page: every requested scope as a checkbox, checked by default, and Allow / Deny. */
export function consentPage(uid: string, clientId: string, scopes: string[], patient?: PatientSummary): string {
  return page(
    'Authorize app',
    html`<main>
      <h1>Authorize ${clientId}</h1>
      ${patient ? html`<p>Patient: <strong>${patient.name}</strong></p>` : ''}
      <form method="post" action="/interaction/${uid}/consent">
        <fieldset>
          <legend>Requested permissions</legend>
          ${scopes.map(
            (scope, i) =>
              html`<div class="scope">
                <input
                  type="checkbox"
                  id="scope-${i}"
                  name="scope"
                  value="${scope}"
                  checked
                  aria-describedby="scope-${i}-about"
                />
                <label for="scope-${i}">${scope}</label>
                <span id="scope-${i}-about" class="about">${describeScope(scope)}</span>
              </div>`,
          )}
        </fieldset>
        <button type="submit" name="decision" value="allow">Allow</button>
        <button type="submit" name="decision" value="deny">Deny</button>
      </form>
    </main>`,
  );
}

/** A plain error page for interactions that cannot continue. */
export function interactionErrorPage(message: string): string {
  return page(
    'Sign-in problem',
    html`<main>
      <h1>Sign-in problem</h1>
      <p>${message}</p>
    </main>`,
  );
}

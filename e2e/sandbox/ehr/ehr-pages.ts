import type { ContextSummary, PatientSummary } from '../fhir/directory.ts';
import { html, page } from '../http/html.ts';

export interface EhrPageModel {
  practitionerName: string;
  patients: PatientSummary[];
  /** The orders and studies the app can be launched for (SMART fhirContext), each listed in its patient's row. */
  contexts: ContextSummary[];
  standaloneUrl: string;
}

/**
 * The EHR's patient list. One form: the launch mode and the consent option apply to whichever
 * "Launch <name>" button is pressed. /static/ehr.js points the form at a new tab for "New tab".
 * "Launch for order …" / "Launch for study …" launch for the patient with that resource as the SMART
 * fhirContext; their names leave out "Launch <name>" so that the plain launch button keeps a unique name.
 */
export function ehrPage(model: EhrPageModel): string {
  return page(
    'Sandbox EHR',
    html`<header>
        <h1>Sandbox EHR</h1>
        <p>Signed in as ${model.practitionerName}</p>
      </header>
      <main>
        <form method="post" action="/launch" id="launch-form">
          <fieldset>
            <legend>Open the app in</legend>
            <input type="radio" id="mode-tab" name="mode" value="tab" checked />
            <label for="mode-tab">New tab</label>
            <input type="radio" id="mode-iframe" name="mode" value="iframe" />
            <label for="mode-iframe">Embedded iframe</label>
          </fieldset>
          <p>
            <input type="checkbox" id="ask-consent" name="consent" value="ask" />
            <label for="ask-consent">Ask for consent</label>
          </p>
          <table>
            <caption>
              Patients
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">MRN</th>
                <th scope="col">Birth date</th>
                <th scope="col">Gender</th>
                <th scope="col"><span class="visually-hidden">Launch</span></th>
                <th scope="col">Launch for an order or a study</th>
              </tr>
            </thead>
            <tbody>
              ${model.patients.map(
                (p) =>
                  html`<tr>
                    <th scope="row">${p.name}</th>
                    <td>${p.mrn ?? ''}</td>
                    <td>${p.birthDate ?? ''}</td>
                    <td>${p.gender ?? ''}</td>
                    <td><button type="submit" name="patient" value="${p.id}">Launch ${p.name}</button></td>
                    <td>
                      <ul class="launch-contexts">
                        ${model.contexts
                          .filter((c) => c.patientId === p.id)
                          .map(
                            (c) =>
                              html`<li>
                                <button type="submit" name="for" value="${c.reference}">Launch for ${c.label}</button>
                              </li>`,
                          )}
                      </ul>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </form>
        <p><a href="${model.standaloneUrl}">Standalone launch</a></p>
      </main>`,
    ['/static/ehr.js'],
  );
}

/** The EHR with the app embedded: the EHR shows the patient banner, so the app need not. */
export function embeddedPage(patient: PatientSummary, launchUrl: string): string {
  return page(
    `Sandbox EHR: ${patient.name}`,
    html`<header class="banner">
        <p>
          <strong>${patient.name}</strong> · MRN ${patient.mrn ?? ''} · born ${patient.birthDate ?? ''} ·
          <a href="/">Back to patient list</a>
        </p>
      </header>
      <main class="embedded">
        <iframe title="SMART app" name="smart-app" src="${launchUrl}"></iframe>
      </main>`,
  );
}

export function ehrErrorPage(message: string): string {
  return page(
    'Sandbox EHR',
    html`<main>
      <h1>Sandbox EHR</h1>
      <p>${message}</p>
      <p><a href="/">Back to patient list</a></p>
    </main>`,
  );
}

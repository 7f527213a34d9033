import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LaunchContexts } from '../auth/launch-context.ts';
import type { PatientDirectory } from '../fhir/directory.ts';
import { readForm, redirect, sendHtml, sendJson } from '../http/respond.ts';
import { ehrErrorPage, ehrPage, embeddedPage } from './ehr-pages.ts';

export interface EhrOptions {
  appOrigin: string;
  appLaunchPath: string;
  fhirBase: string;
  practitionerName: string;
  contexts: LaunchContexts;
  directory: PatientDirectory;
}

/** The look the app is asked to adopt (smart_style_url). */
const SMART_STYLE = {
  color_background: '#f6f8fa',
  color_error: '#b00020',
  color_highlight: '#005ea2',
  color_modal_backdrop: 'rgba(0, 0, 0, 0.5)',
  color_success: '#2e7d32',
  color_text: '#1b1b1b',
  dim_border_radius: '4px',
  dim_font_size: '16px',
  dim_spacing_size: '8px',
  font_family_body: 'system-ui, sans-serif',
  font_family_heading: 'system-ui, sans-serif',
};

/** The EHR side of the sandbox: the patient list, EHR launches, the embedded view and the style file. */
export class EhrHandler {
  constructor(private readonly options: EhrOptions) {}

  /** Handles the request if it is an EHR route; returns false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /') await this.list(res);
    else if (route === 'POST /launch') await this.launch(req, res);
    else if (route === 'GET /embedded') await this.embedded(res, url.searchParams.get('launch'));
    else if (route === 'GET /smart-style.json') this.style(req, res);
    else return false;
    return true;
  }

  private launchUrl(launchId: string): string {
    const { appOrigin, appLaunchPath, fhirBase } = this.options;
    const query = new URLSearchParams({ iss: fhirBase, launch: launchId });
    return `${appOrigin}${appLaunchPath}?${query.toString()}`;
  }

  private async list(res: ServerResponse): Promise<void> {
    const { appOrigin, appLaunchPath, fhirBase, practitionerName, directory } = this.options;
    const standaloneUrl = `${appOrigin}${appLaunchPath}?${new URLSearchParams({ iss: fhirBase }).toString()}`;
    const body = ehrPage({ practitionerName, patients: await directory.list(), standaloneUrl });
    sendHtml(res, 200, body, { formAction: appOrigin });
  }

  private async launch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const patient = await this.options.directory.find(form.get('patient') ?? '');
    if (!patient) {
      sendHtml(res, 400, ehrErrorPage('Choose a patient to launch the app for.'));
      return;
    }
    const embedded = form.get('mode') === 'iframe';
    const launchId = this.options.contexts.createLaunch({
      patientId: patient.id,
      needPatientBanner: !embedded,
      askConsent: form.get('consent') === 'ask',
    });
    redirect(res, embedded ? `/embedded?launch=${encodeURIComponent(launchId)}` : this.launchUrl(launchId));
  }

  private async embedded(res: ServerResponse, launchId: string | null): Promise<void> {
    const launch = this.options.contexts.findLaunch(launchId);
    const patient = launch && (await this.options.directory.find(launch.patientId));
    if (!launchId || !patient) {
      sendHtml(res, 404, ehrErrorPage('This launch has expired. Launch the app again.'));
      return;
    }
    sendHtml(res, 200, embeddedPage(patient, this.launchUrl(launchId)), {
      frameSrc: `'self' ${this.options.appOrigin}`,
    });
  }

  private style(req: IncomingMessage, res: ServerResponse): void {
    if (req.headers.origin === this.options.appOrigin) {
      res.setHeader('Access-Control-Allow-Origin', this.options.appOrigin);
      res.setHeader('Vary', 'Origin');
    }
    sendJson(res, 200, SMART_STYLE);
  }
}

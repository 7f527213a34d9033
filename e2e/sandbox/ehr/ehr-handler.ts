import type { IncomingMessage, ServerResponse } from 'node:http';
import { fhirContextOf, type EhrLaunch, type LaunchContexts } from '../auth/launch-context.ts';
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
    else if (route === 'POST /launch') await this.launch(res, await readForm(req));
    // The same launch from a URL (tests and bookmarks): GET /launch?patient=…&context=…&contextForm=string.
    else if (route === 'GET /launch') await this.launch(res, url.searchParams);
    else if (route === 'GET /embedded') await this.embedded(res, url.searchParams.get('launch'));
    else if (route === 'GET /smart-style.json') this.style(req, res);
    else return false;
    return true;
  }

  /** The app's launch URL for a launch id (what the EHR opens). */
  launchUrl(launchId: string): string {
    const { appOrigin, appLaunchPath, fhirBase } = this.options;
    const query = new URLSearchParams({ iss: fhirBase, launch: launchId });
    return `${appOrigin}${appLaunchPath}?${query.toString()}`;
  }

  private async list(res: ServerResponse): Promise<void> {
    const { appOrigin, appLaunchPath, fhirBase, practitionerName, directory } = this.options;
    const standaloneUrl = `${appOrigin}${appLaunchPath}?${new URLSearchParams({ iss: fhirBase }).toString()}`;
    const [patients, contexts] = await Promise.all([directory.list(), directory.launchContexts()]);
    const body = ehrPage({ practitionerName, patients, contexts, standaloneUrl });
    sendHtml(res, 200, body, { formAction: appOrigin });
  }

  /**
   * An EHR launch. Fields (form body or query):
   * - `patient=<id>`: the plain patient launch;
   * - `for=ServiceRequest/<id>` or `for=ImagingStudy/<id>`: a launch for that order or study (its patient, and the
   *   resource as fhirContext);
   * - test-only, with `patient`: `context=<reference>` (repeatable) puts any reference in fhirContext, unchecked
   *   (another patient's resource, one that does not exist);
   * - `contextForm=string`: fhirContext in the SMART 2.0.0 plain-string form instead of 2.1's `{reference}` objects;
   * - `mode=iframe`, `consent=ask` as before.
   */
  private async launch(res: ServerResponse, form: URLSearchParams): Promise<void> {
    const { directory } = this.options;
    const target = form.get('for');
    let patientId = form.get('patient') ?? '';
    let references = form.getAll('context');
    if (target) {
      const [type, id = ''] = target.split('/');
      const found =
        type === 'ServiceRequest' || type === 'ImagingStudy' ? await directory.findContext(type, id) : undefined;
      if (!found) {
        sendHtml(res, 400, ehrErrorPage('That order or study does not exist.'));
        return;
      }
      patientId = found.patientId;
      references = [found.reference, ...references];
    }
    const patient = await directory.find(patientId);
    if (!patient) {
      sendHtml(res, 400, ehrErrorPage('Choose a patient to launch the app for.'));
      return;
    }
    const embedded = form.get('mode') === 'iframe';
    const launch: EhrLaunch = {
      patientId: patient.id,
      needPatientBanner: !embedded,
      askConsent: form.get('consent') === 'ask',
    };
    if (references.length > 0) {
      launch.fhirContext = fhirContextOf(references, form.get('contextForm') === 'string' ? 'string' : 'object');
    }
    const launchId = this.options.contexts.createLaunch(launch);
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

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction } from 'oidc-provider';
import type { PatientDirectory } from '../fhir/directory.ts';
import { readForm, redirect, sendHtml } from '../http/respond.ts';
import type { SmartAuthServer } from './auth-server.ts';
import type { EhrLaunch, LaunchContexts } from './launch-context.ts';
import { consentPage, interactionErrorPage, pickerPage } from './pages.ts';
import { LAUNCH_SCOPES, OIDC_SCOPES, parseResourceScope, splitScopes } from './smart-scopes.ts';

export interface InteractionOptions {
  auth: SmartAuthServer;
  contexts: LaunchContexts;
  directory: PatientDirectory;
  fhirBase: string;
  appOrigin: string;
  practitionerId: string;
}

const KNOWN_SCOPES = new Set<string>([...OIDC_SCOPES, ...LAUNCH_SCOPES]);

/** The requested scopes the sandbox can grant, in request order. */
function grantableScopes(details: Interaction): string[] {
  return splitScopes(details.params.scope).filter((s) => KNOWN_SCOPES.has(s) || parseResourceScope(s));
}

/**
 * The sign-in/consent interaction of the authorization server. The user is always the seeded
 * Practitioner (no password). EHR launches are pre-authorized unless the EHR asked for consent;
 * standalone launches pick a patient (when launch/patient is requested) and then see the consent page.
 */
export class InteractionHandler {
  // The patient picked in a standalone launch, per interaction, until the consent page is answered.
  private readonly picked = new Map<string, string>();

  constructor(private readonly options: InteractionOptions) {}

  /** Handles GET/POST under /interaction/<uid>. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const [, , uid, action] = path.split('/');
    let details: Interaction;
    try {
      details = await this.options.auth.provider.interactionDetails(req, res);
    } catch {
      sendHtml(
        res,
        400,
        interactionErrorPage('This sign-in has expired or was opened in another browser. Launch the app again.'),
      );
      return;
    }
    if (details.uid !== uid) {
      sendHtml(res, 400, interactionErrorPage('This sign-in does not match the current one. Launch the app again.'));
      return;
    }
    if (req.method === 'POST' && action === 'patient') return this.pickPatient(req, res, details);
    if (req.method === 'POST' && action === 'consent') return this.answerConsent(req, res, details);
    return this.show(req, res, details);
  }

  private async show(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const launch = this.options.contexts.findLaunch(details.params.launch);
    const scopes = grantableScopes(details);
    if (launch && !launch.askConsent) {
      return this.finish(req, res, details, scopes, launch.patientId, launch);
    }
    const patientId = launch?.patientId ?? this.picked.get(details.uid);
    const wantsPicker = !launch && scopes.includes('launch/patient');
    const policy = { formAction: this.options.appOrigin };
    if (wantsPicker && !patientId) {
      const patients = await this.options.directory.list();
      sendHtml(res, 200, pickerPage(details.uid, this.clientId(details), patients), policy);
      return;
    }
    const patient = patientId ? await this.options.directory.find(patientId) : undefined;
    sendHtml(res, 200, consentPage(details.uid, this.clientId(details), scopes, patient), policy);
  }

  private async pickPatient(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const patientId = (await readForm(req)).get('patient') ?? '';
    if (!(await this.options.directory.find(patientId))) {
      sendHtml(res, 400, interactionErrorPage('That patient does not exist.'));
      return;
    }
    this.picked.set(details.uid, patientId);
    redirect(res, `/interaction/${details.uid}`);
  }

  private async answerConsent(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const form = await readForm(req);
    const { provider } = this.options.auth;
    if (form.get('decision') !== 'allow') {
      this.picked.delete(details.uid);
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'The user denied the authorization request',
      });
      return;
    }
    const launch = this.options.contexts.findLaunch(details.params.launch);
    const patientId = launch?.patientId ?? this.picked.get(details.uid);
    const chosen = new Set(form.getAll('scope'));
    const granted = grantableScopes(details).filter((s) => chosen.has(s));
    return this.finish(req, res, details, granted, patientId, launch);
  }

  // Records what was granted in a new Grant (and rejects the rest, or oidc-provider would ask
  // again), binds the launch context to it, and hands control back to oidc-provider.
  private async finish(
    req: IncomingMessage,
    res: ServerResponse,
    details: Interaction,
    granted: string[],
    patientId: string | undefined,
    launch: EhrLaunch | undefined,
  ): Promise<void> {
    const { auth, contexts, directory, fhirBase, practitionerId } = this.options;
    const grant = new auth.provider.Grant({ accountId: practitionerId, clientId: this.clientId(details) });
    const allowed = new Set(granted);
    for (const scope of grantableScopes(details)) {
      const isResource = parseResourceScope(scope) !== undefined;
      if (allowed.has(scope)) {
        if (isResource) grant.addResourceScope(fhirBase, scope);
        else grant.addOIDCScope(scope);
      } else if (isResource) {
        grant.rejectResourceScope(fhirBase, scope);
      } else {
        grant.rejectOIDCScope(scope);
      }
    }
    const grantId = await grant.save();
    // The patient is part of the context only when a launch scope carrying it was granted.
    const patient = allowed.has('launch') || allowed.has('launch/patient') ? patientId : undefined;
    // fhirContext belongs to the EHR launch: it comes with the `launch` scope (SMART App Launch 2.1).
    const fhirContext = allowed.has('launch') && launch?.fhirContext?.length ? launch.fhirContext : undefined;
    contexts.bindGrant(grantId, {
      patientId: patient,
      encounterId: patient ? await directory.encounterFor(patient) : undefined,
      fhirContext,
      needPatientBanner: launch?.needPatientBanner ?? true,
    });
    this.picked.delete(details.uid);
    await auth.provider.interactionFinished(
      req,
      res,
      { login: { accountId: practitionerId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  private clientId(details: Interaction): string {
    return String(details.params.client_id);
  }
}

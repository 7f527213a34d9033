import type { IncomingMessage, ServerResponse } from 'node:http';
import { getStatus } from '@medplum/core';
import type { SmartAuthServer } from '../auth/auth-server.ts';
import type { EhrLaunch, FhirContextItem } from '../auth/launch-context.ts';
import { SYSTEM_ACCESS } from '../fhir/access.ts';
import type { FhirEngine } from '../fhir/engine.ts';
import { BodyError, readJson, sendJson } from '../http/respond.ts';
import { FAULT_MODES, isFaultMode, type FaultInjector } from './faults.ts';

export interface ControlOptions {
  engine: FhirEngine;
  auth: SmartAuthServer;
  faults: FaultInjector;
  /** Puts the data back to the seed and clears every control setting. */
  reset(): Promise<void>;
  /** Creates an EHR launch id; returns it with the app URL the EHR would open (new tab) and the embedded view's. */
  createLaunch(launch: EhrLaunch): { launch: string; launchUrl: string; embeddedUrl: string };
}

/** The path prefix of the test-only controls. */
export const CONTROL_PATH = '/__control/';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

type Input = Record<string, unknown>;

class ControlError extends Error {}

// Its own guard, not the kernel's: Playwright loads src/ through require for the validator (editor-helpers.ts), and a
// kernel module loaded that way cannot then be imported as ESM by the sandbox in the same worker.
function isRecord(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContextItem(value: unknown): value is FhirContextItem {
  return typeof value === 'string' || isRecord(value);
}

/**
 * Test-only controls (POST, JSON body, loopback only) for e2e tests that need the EHR to misbehave:
 * - `fail-requests` `{count?, mode?: 'status-500' | 'status-403' | 'destroy-socket' | 'drop-response', method?}` fails the next
 *   FHIR requests (`drop-response` handles the request, then drops the connection instead of answering);
 * - `expire-tokens` `{refreshTokens?: boolean}` makes every issued access token invalid (refresh tokens still work,
 *   unless `refreshTokens` is true);
 * - `patch-resource` `{reference: 'Type/id', patch: JSON Patch ops}` edits a resource behind the app's back;
 * - `require-imr` `{required: boolean}` makes ImagingStudy writes claim the IMR profile;
 * - `launch` `{patientId, fhirContext?: (string | object)[], embedded?: boolean, askConsent?: boolean}` creates an EHR
 *   launch whose token response carries `fhirContext` exactly as given (2.1 objects, 2.0.0 strings, another
 *   patient's or a missing resource: nothing is checked but the patient) and answers `{launch, launchUrl, embeddedUrl}`;
 * - `reset` restores the seed data and clears all of the above.
 * Requiring application/json keeps browsers from sending these cross-site without a CORS preflight,
 * which the sandbox never grants.
 */
export class ControlHandler {
  constructor(private readonly options: ControlOptions) {}

  async handle(req: IncomingMessage, res: ServerResponse, action: string): Promise<void> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return sendJson(res, 403, { error: 'loopback only' });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST' });
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return sendJson(res, 415, { error: 'send application/json' });
    }
    try {
      const body = (await readJson(req)) ?? {};
      if (!isRecord(body)) throw new ControlError('the body must be a JSON object');
      const [status, result] = await this.run(action, body);
      sendJson(res, status, result);
    } catch (err) {
      if (err instanceof ControlError || err instanceof BodyError) return sendJson(res, 400, { error: err.message });
      throw err;
    }
  }

  private async run(action: string, body: Input): Promise<[number, unknown]> {
    const { engine, auth, faults } = this.options;
    switch (action) {
      case 'fail-requests': {
        const count = body.count ?? 1;
        const mode = body.mode ?? 'status-500';
        const method = body.method;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
          throw new ControlError('count must be a non-negative integer');
        }
        if (!isFaultMode(mode)) throw new ControlError(`mode must be one of ${FAULT_MODES.join(', ')}`);
        if (method !== undefined && typeof method !== 'string') throw new ControlError('method must be a string');
        faults.arm(count, mode, method);
        return [200, { armed: count, mode, method: method ?? null }];
      }
      case 'expire-tokens': {
        if (body.refreshTokens !== undefined && typeof body.refreshTokens !== 'boolean') {
          throw new ControlError('refreshTokens must be true or false');
        }
        return [200, { expired: await auth.expireAccessTokens(body.refreshTokens === true) }];
      }
      case 'patch-resource': {
        const { reference, patch } = body;
        if (typeof reference !== 'string' || !/^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(reference)) {
          throw new ControlError("reference must look like 'ImagingStudy/<id>'");
        }
        if (!Array.isArray(patch)) throw new ControlError('patch must be an array of JSON Patch operations');
        const [outcome, resource] = await engine.execute(
          { method: 'PATCH', url: reference, body: patch },
          SYSTEM_ACCESS,
        );
        return [getStatus(outcome), resource ?? outcome];
      }
      case 'require-imr': {
        if (typeof body.required !== 'boolean') throw new ControlError('required must be true or false');
        engine.requireImrProfile = body.required;
        return [200, { required: body.required }];
      }
      case 'launch': {
        const { patientId, fhirContext, embedded, askConsent } = body;
        if (typeof patientId !== 'string') throw new ControlError('patientId must be a string');
        const [outcome] = await engine.execute(
          { method: 'GET', url: `Patient/${encodeURIComponent(patientId)}` },
          SYSTEM_ACCESS,
        );
        if (getStatus(outcome) !== 200) throw new ControlError(`there is no Patient/${patientId}`);
        if (fhirContext !== undefined && !(Array.isArray(fhirContext) && fhirContext.every(isContextItem))) {
          throw new ControlError('fhirContext must be an array of strings and objects');
        }
        if (embedded !== undefined && typeof embedded !== 'boolean')
          throw new ControlError('embedded must be true or false');
        if (askConsent !== undefined && typeof askConsent !== 'boolean') {
          throw new ControlError('askConsent must be true or false');
        }
        const launch: EhrLaunch = { patientId, needPatientBanner: embedded !== true, askConsent: askConsent === true };
        if (fhirContext !== undefined) launch.fhirContext = fhirContext;
        return [200, this.options.createLaunch(launch)];
      }
      case 'reset':
        await this.options.reset();
        return [200, { reset: true }];
      default:
        return [404, { error: `unknown control '${action}'` }];
    }
  }
}

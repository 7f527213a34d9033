import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, getStatus } from '@medplum/core';
import type { HttpMethod } from '@medplum/fhir-router';
import type { Bundle, BundleLink, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { SmartAuthServer } from '../auth/auth-server.ts';
import type { FaultInjector } from '../control/faults.ts';
import { BodyError, readBody, sendJson } from '../http/respond.ts';
import { capabilityStatement } from './capability.ts';
import type { FhirCall, FhirEngine } from './engine.ts';
import { forbiddenError, serverErrorOutcome, unauthorizedOutcome } from './outcomes.ts';

export interface FhirHttpOptions {
  fhirBase: string;
  appOrigin: string;
  engine: FhirEngine;
  auth: SmartAuthServer;
  faults: FaultInjector;
}

/** Where the FHIR API is mounted on the sandbox's origin. */
export const FHIR_PATH = '/fhir';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const CORS_REQUEST_HEADERS = 'Authorization, Content-Type, Accept, If-Match, If-None-Exist, If-None-Match, Prefer';
const CORS_EXPOSED_HEADERS = 'ETag, Location, Content-Location, Last-Modified';

function fail(res: ServerResponse, outcome: OperationOutcome, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, getStatus(outcome), outcome, FHIR_JSON);
}

function conditionalHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return { 'if-match': headers['if-match'], 'if-none-exist': headers['if-none-exist'] };
}

/** The FHIR R4 REST API over HTTP: CORS, bearer tokens, JSON bodies and FHIR response headers. */
export class FhirHttpHandler {
  constructor(private readonly options: FhirHttpOptions) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { appOrigin, auth, engine, faults, fhirBase } = this.options;
    const fromApp = req.headers.origin === appOrigin;
    if (fromApp) {
      res.setHeader('Access-Control-Allow-Origin', appOrigin);
      res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
    }
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      if (fromApp) {
        res.setHeader('Access-Control-Allow-Methods', METHODS.join(', '));
        res.setHeader('Access-Control-Allow-Headers', CORS_REQUEST_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.writeHead(204).end();
      return;
    }

    const fault = faults.take(req.method ?? 'GET');
    if (fault === 'destroy-socket') {
      req.socket.destroy();
      return;
    }
    if (fault === 'status-500') return fail(res, serverErrorOutcome('Injected failure (sandbox test control)'));
    if (fault === 'status-403') {
      return fail(res, forbiddenError('Refused by a server policy (sandbox test control)').outcome);
    }

    const path = url.pathname.slice(FHIR_PATH.length).replace(/^\/+/, '');
    if (req.method === 'GET' && path === 'metadata') {
      const statement = capabilityStatement(
        fhirBase,
        auth.provider.urlFor('authorization'),
        auth.provider.urlFor('token'),
      );
      return sendJson(res, 200, statement, FHIR_JSON);
    }
    if (req.method === 'GET' && path === '.well-known/smart-configuration') {
      return sendJson(res, 200, auth.smartConfiguration());
    }

    const access = await auth.authenticate(req.headers.authorization);
    if (!access) {
      return fail(res, unauthorizedOutcome('A valid bearer access token is required'), {
        'WWW-Authenticate': `Bearer realm="${fhirBase}", error="invalid_token"`,
      });
    }
    const method = METHODS.find((m) => m === req.method);
    if (!method) return fail(res, badRequest(`Method ${req.method ?? ''} is not supported`));

    let call: FhirCall;
    try {
      call = await this.toCall(req, method, path, url.search);
    } catch (err) {
      if (err instanceof BodyError) return fail(res, badRequest(err.message));
      throw err;
    }
    const [outcome, resource] = await engine.execute(call, access);
    if (fault === 'drop-response') {
      req.socket.destroy();
      return;
    }
    this.respond(req, res, getStatus(outcome), outcome, resource, `${fhirBase}/${call.url}`);
  }

  private async toCall(req: IncomingMessage, method: HttpMethod, path: string, search: string): Promise<FhirCall> {
    const headers = conditionalHeaders(req.headers);
    if (method === 'GET' || method === 'DELETE') return { method, url: `${path}${search}`, headers };
    const text = await readBody(req);
    // Search by POST is run as the equivalent GET, so access checks see one kind of search.
    if (method === 'POST' && path.endsWith('/_search')) {
      const query = new URLSearchParams(search);
      for (const [name, value] of new URLSearchParams(text)) query.append(name, value);
      return { method: 'GET', url: `${path.slice(0, -'/_search'.length)}?${query.toString()}`, headers };
    }
    let body: unknown;
    try {
      body = text.trim() ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      throw new BodyError(400, 'Request body is not valid JSON');
    }
    return { method, url: `${path}${search}`, body, headers };
  }

  private respond(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    outcome: OperationOutcome,
    resource: Resource | undefined,
    requestUrl: string,
  ): void {
    if (status >= 400 || !resource) return sendJson(res, status, outcome, FHIR_JSON);
    const { fhirBase } = this.options;
    const { versionId, lastUpdated } = resource.meta ?? {};
    if (resource.resourceType !== 'Bundle' || !['searchset', 'history'].includes(String(resource.type))) {
      if (versionId) res.setHeader('ETag', `W/"${versionId}"`);
      if (lastUpdated) res.setHeader('Last-Modified', new Date(lastUpdated).toUTCString());
      if (status === 201 && resource.id) {
        res.setHeader('Location', `${fhirBase}/${resource.resourceType}/${resource.id}/_history/${versionId ?? ''}`);
      }
    }
    const prefer = String(req.headers.prefer ?? '');
    if (prefer.includes('return=minimal')) {
      res.writeHead(status, { 'Content-Length': 0 }).end();
      return;
    }
    if (prefer.includes('return=OperationOutcome')) return sendJson(res, status, outcome, FHIR_JSON);
    sendJson(
      res,
      status,
      resource.resourceType === 'Bundle' ? this.decorate(resource, requestUrl) : resource,
      FHIR_JSON,
    );
  }

  // Medplum's in-memory results carry no fullUrl, per-entry ETag or paging links; clients
  // (fhirclient's paging, transaction response handling) expect them.
  private decorate(bundle: Bundle, requestUrl: string): Bundle {
    const entry = bundle.entry?.map((e) => {
      const { resource } = e;
      if (!resource?.id) return e;
      const meta = resource.meta ?? {};
      return {
        ...e,
        fullUrl: e.fullUrl ?? `${this.options.fhirBase}/${resource.resourceType}/${resource.id}`,
        ...(e.response
          ? {
              response: {
                ...e.response,
                etag: e.response.etag ?? (meta.versionId ? `W/"${meta.versionId}"` : undefined),
                lastModified: e.response.lastModified ?? meta.lastUpdated,
              },
            }
          : {}),
      };
    });
    return {
      ...bundle,
      ...(bundle.type === 'searchset' ? { link: searchLinks(bundle, requestUrl) } : {}),
      ...(entry ? { entry } : {}),
    };
  }
}

function searchLinks(bundle: Bundle, requestUrl: string): BundleLink[] {
  const links: BundleLink[] = [{ relation: 'self', url: requestUrl }];
  const url = new URL(requestUrl);
  const count = Number(url.searchParams.get('_count'));
  const offset = Number(url.searchParams.get('_offset') ?? 0);
  if (count > 0 && bundle.total !== undefined && offset + count < bundle.total) {
    url.searchParams.set('_offset', String(offset + count));
    links.push({ relation: 'next', url: url.href });
  }
  return links;
}

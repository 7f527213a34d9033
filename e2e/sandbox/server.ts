import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OIDC_PATH, SmartAuthServer } from './auth/auth-server.ts';
import { InteractionHandler } from './auth/interactions.ts';
import { LaunchContexts } from './auth/launch-context.ts';
import { CONTROL_PATH, ControlHandler } from './control/control-handler.ts';
import { FaultInjector } from './control/faults.ts';
import { EhrHandler } from './ehr/ehr-handler.ts';
import { PatientDirectory } from './fhir/directory.ts';
import { FhirEngine, type ResourceValidator } from './fhir/engine.ts';
import { FHIR_PATH, FhirHttpHandler } from './fhir/http-handler.ts';
import { sendText } from './http/respond.ts';
import { SEED_PRACTITIONER, seedBundle } from './seed.ts';

export type { ResourceValidator } from './fhir/engine.ts';

export interface SandboxOptions {
  /** Default from env SANDBOX_PORT or 8080; 0 picks a free port (tests). */
  port: number;
  /** E.g. 'http://127.0.0.1:5173' (env APP_ORIGIN); CORS is allowed for it. */
  appOrigin: string;
  /** Default '/launch.html'; the EHR page opens `${appOrigin}${appLaunchPath}?iss=...&launch=...`. */
  appLaunchPath?: string;
  /** Default 3600; tests use short values. */
  accessTokenTtlSeconds?: number;
  /** Extra validation of every write after base R4 validation (the IMR validator plugs in here). */
  validate?: ResourceValidator;
  /** The SMART scope versions the server advertises (`permission-v1`/`-v2`); default both. Grants accept both. */
  scopeVersions?: readonly ('v1' | 'v2')[];
  /** The DICOMweb base the seeded "Main PACS" Endpoint points at; default SEED_ENDPOINTS[0].address (port 8042). */
  mainPacsAddress?: string;
}

export interface Sandbox {
  url: string;
  fhirBase: string;
  close(): Promise<void>;
}

const STATIC_FILES: Record<string, { type: string; body: Buffer }> = {
  '/static/ehr.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(new URL('./static/ehr.js', import.meta.url)),
  },
  '/static/sandbox.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(new URL('./static/sandbox.css', import.meta.url)),
  },
};

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function underPath(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * Starts the SMART sandbox on 127.0.0.1: an EHR page at `/`, a SMART App Launch 2.x authorization
 * server under `/oidc`, and a FHIR R4 server at `/fhir`, seeded with one transaction Bundle.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const server = createServer();
  const port = await listen(server, options.port);
  const url = `http://127.0.0.1:${port}`;
  const fhirBase = `${url}${FHIR_PATH}`;
  const { appOrigin } = options;

  const engine = new FhirEngine(fhirBase, options.validate);
  await engine.load(seedBundle({ mainPacsAddress: options.mainPacsAddress }));
  const contexts = new LaunchContexts();
  const directory = new PatientDirectory(engine);
  const faults = new FaultInjector();
  const practitionerId = SEED_PRACTITIONER.id;
  const auth = new SmartAuthServer({
    url,
    fhirBase,
    appOrigin,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    practitionerId,
    contexts,
    scopeVersions: options.scopeVersions ?? ['v1', 'v2'],
  });
  const interactions = new InteractionHandler({ auth, contexts, directory, fhirBase, appOrigin, practitionerId });
  const fhir = new FhirHttpHandler({ fhirBase, appOrigin, engine, auth, faults });
  const ehr = new EhrHandler({
    appOrigin,
    appLaunchPath: options.appLaunchPath ?? '/launch.html',
    fhirBase,
    practitionerName: `Dr. ${SEED_PRACTITIONER.given} ${SEED_PRACTITIONER.family}`,
    contexts,
    directory,
  });
  const control = new ControlHandler({
    engine,
    auth,
    faults,
    reset: async () => {
      faults.reset();
      engine.requireImrProfile = false;
      await engine.clear();
      await engine.load(seedBundle({ mainPacsAddress: options.mainPacsAddress }));
    },
    createLaunch: (launch) => {
      const id = contexts.createLaunch(launch);
      return {
        launch: id,
        launchUrl: ehr.launchUrl(id),
        embeddedUrl: `${url}/embedded?launch=${encodeURIComponent(id)}`,
      };
    },
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', url);
    const { pathname } = requestUrl;
    if (underPath(pathname, OIDC_PATH)) return auth.handle(req, res);
    if (underPath(pathname, FHIR_PATH)) return fhir.handle(req, res, requestUrl);
    if (pathname.startsWith('/interaction/')) return interactions.handle(req, res, pathname);
    if (pathname.startsWith(CONTROL_PATH)) return control.handle(req, res, pathname.slice(CONTROL_PATH.length));
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = req.method === 'GET' ? STATIC_FILES[pathname] : undefined;
    if (file) {
      res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length });
      res.end(file.body);
      return;
    }
    if (!(await ehr.handle(req, res, requestUrl))) sendText(res, 404, 'Not found');
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      // Only the error's message: request bodies may hold patient data.
      console.error(`sandbox: ${req.method ?? ''} ${req.url?.split('?')[0] ?? ''} failed:`, (err as Error)?.message);
      if (!res.headersSent) sendText(res, 500, 'Internal sandbox error');
      else res.destroy();
    });
  });

  return {
    url,
    fhirBase,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

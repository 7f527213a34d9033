import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { errors, type ErrorOut, type Grant, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { Access } from '../fhir/access.ts';
import { page, html } from '../http/html.ts';
import { readBody } from '../http/respond.ts';
import type { LaunchContexts } from './launch-context.ts';
import { TokenStore } from './token-store.ts';
import {
  LAUNCH_SCOPES,
  OIDC_SCOPES,
  parseResourceScope,
  resourceScopesOf,
  splitScopes,
  type ResourceScope,
} from './smart-scopes.ts';

/** The app's registered client id (a public client). */
export const CLIENT_ID = 'imr-study-author';

export interface AuthServerOptions {
  /** The sandbox's own origin, e.g. http://127.0.0.1:8080. */
  url: string;
  fhirBase: string;
  appOrigin: string;
  accessTokenTtlSeconds: number;
  /** The account every launch signs in as. */
  practitionerId: string;
  contexts: LaunchContexts;
  /** Which SMART scope versions smart-configuration advertises. */
  scopeVersions: readonly ('v1' | 'v2')[];
}

/**
 * The resource scopes the app asks for (src/fhir/scopes.ts), listed one by one in scopes_supported: the
 * wildcards above cover them, but a client may look its exact scopes up. Granting accepts any SMART v1/v2
 * resource scope; the FHIR server then enforces them per type and, for patient/ scopes, per compartment.
 * Practitioner and Endpoint are in no Patient compartment, so only user/ scopes reach them.
 */
export const APP_RESOURCE_SCOPES = [
  'patient/Patient.r',
  'patient/Patient.rs',
  'patient/ImagingStudy.rs',
  'patient/ImagingStudy.cu',
  'patient/Provenance.c',
  'patient/ServiceRequest.rs',
  'patient/Encounter.r',
  'patient/Encounter.rs',
  'user/Endpoint.rs',
  'user/Endpoint.c',
  'user/Practitioner.rs',
  'patient/Patient.read',
  'patient/ImagingStudy.read',
  'patient/ImagingStudy.write',
  'patient/Provenance.write',
  'patient/ServiceRequest.read',
  'patient/Encounter.read',
  'user/Endpoint.read',
  'user/Endpoint.write',
  'user/Practitioner.read',
] as const;

/** Where the authorization server is mounted on the sandbox's origin. */
export const OIDC_PATH = '/oidc';

function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { ...jwk, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

function errorPage(out: ErrorOut): string {
  return page(
    'Authorization error',
    html`<main>
      <h1>Authorization error</h1>
      <p><strong>${out.error}</strong></p>
      <p>${out.error_description ?? ''}</p>
    </main>`,
  );
}

/**
 * The SMART App Launch 2.x authorization server: oidc-provider with one public client, PKCE S256,
 * resource indicators for the FHIR base, and the SMART launch context added to token responses.
 */
export class SmartAuthServer {
  readonly provider: Provider;
  private readonly callback: (req: IncomingMessage, res: ServerResponse) => void;
  private readonly store = new TokenStore();

  constructor(private readonly options: AuthServerOptions) {
    const { fhirBase, appOrigin, contexts, practitionerId } = options;
    const provider: Provider = new Provider(`${options.url}${OIDC_PATH}`, {
      adapter: this.store.adapter,
      clients: [
        {
          client_id: CLIENT_ID,
          token_endpoint_auth_method: 'none',
          redirect_uris: ['/', '/index.html', '/bare.html', '/floor.html', '/floor.html?stack=react'].map(
            (path) => `${appOrigin}${path}`,
          ),
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [signingKey()] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      scopes: [...OIDC_SCOPES, ...LAUNCH_SCOPES],
      claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name'] },
      // Without this the id_token of a code flow carries only `sub`, and SMART apps read fhirUser from it.
      conformIdTokenClaims: false,
      extraParams: {
        aud: (_ctx, value) => {
          if (value !== fhirBase) throw new errors.InvalidRequest(`aud must be the FHIR base URL ${fhirBase}`);
        },
        launch: (_ctx, value) => {
          if (value !== undefined && !contexts.findLaunch(value)) {
            throw new errors.InvalidRequest('launch is unknown or has expired');
          }
        },
      },
      findAccount: (_ctx, sub) =>
        sub === practitionerId ? { accountId: sub, claims: () => ({ sub, fhirUser: this.fhirUser() }) } : undefined,
      features: {
        devInteractions: { enabled: false },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => fhirBase,
          // Token and refresh requests carry no `resource`; the grant's resource applies.
          useGrantedResource: () => true,
          getResourceServerInfo: (ctx, indicator) => {
            if (indicator !== fhirBase) throw new errors.InvalidTarget();
            // At the token endpoint there is no `scope` parameter: the grant says what was allowed.
            const grant = ctx.oidc.entities.Grant;
            const scope = grant ? grant.getResourceScope(fhirBase) : resourceScopesOf(ctx.oidc.params?.scope).join(' ');
            return {
              scope,
              audience: fhirBase,
              accessTokenTTL: options.accessTokenTtlSeconds,
              accessTokenFormat: 'opaque',
            };
          },
        },
      },
      pkce: { required: () => true },
      clientBasedCORS: (_ctx, origin) => origin === appOrigin,
      // Each authorization gets the grant its own interaction made. The default would reuse the
      // session's previous grant, and with it the previous launch's patient.
      loadExistingGrant: async (ctx): Promise<Grant | undefined> => {
        const grantId = ctx.oidc.result?.consent?.grantId;
        return grantId ? provider.Grant.find(grantId) : undefined;
      },
      // Tokens outlive the browser session: a second launch must not revoke the first one's tokens.
      expiresWithSession: () => false,
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      renderError: (ctx, out) => {
        ctx.type = 'html';
        ctx.body = errorPage(out);
      },
      ttl: {
        AccessToken: options.accessTokenTtlSeconds,
        AuthorizationCode: 60,
        IdToken: 3600,
        RefreshToken: 24 * 3600,
        Grant: 24 * 3600,
        Interaction: 3600,
        Session: 24 * 3600,
      },
    });
    provider.use((ctx, next) => this.addLaunchContext(ctx, next));
    this.provider = provider;
    this.callback = provider.callback();
  }

  /** The fhirUser claim: the signed-in Practitioner as an absolute URL. */
  fhirUser(): string {
    return `${this.options.fhirBase}/Practitioner/${this.options.practitionerId}`;
  }

  /** Handles a request under /oidc. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const original = req.url ?? '/';
    const url = new URL(original, this.options.url);
    // oidc-provider drops offline_access unless the request says prompt=consent; SMART apps never do.
    // The consent prompt is answered by the sandbox's interaction handler, silently for EHR launches.
    if (url.pathname === `${OIDC_PATH}/auth` && splitScopes(url.searchParams.get('scope')).includes('offline_access')) {
      const prompts = splitScopes(url.searchParams.get('prompt'));
      if (!prompts.includes('consent')) url.searchParams.set('prompt', [...prompts, 'consent'].join(' '));
    }
    const forward = req.method === 'POST' && url.pathname === `${OIDC_PATH}/token` ? await this.withClientId(req) : req;
    // Mounted like Express would mount it, so oidc-provider builds its URLs under /oidc.
    const mounted = forward as IncomingMessage & { originalUrl?: string; baseUrl?: string };
    mounted.originalUrl = `${url.pathname}${url.search}`;
    mounted.baseUrl = OIDC_PATH;
    mounted.url = `${url.pathname.slice(OIDC_PATH.length) || '/'}${url.search}`;
    this.callback(mounted, res);
  }

  // SMART public clients refresh without client_id (fhirclient does unless told otherwise), but
  // oidc-provider needs it to identify a client that has no credentials. The refresh token says
  // which client it belongs to, so the request is replayed with that client_id added.
  private async withClientId(req: IncomingMessage): Promise<IncomingMessage> {
    const body = await readBody(req);
    const params = new URLSearchParams(body);
    const refreshToken = params.get('refresh_token');
    let replayed = body;
    if (
      params.get('grant_type') === 'refresh_token' &&
      refreshToken &&
      !params.has('client_id') &&
      !req.headers.authorization
    ) {
      const clientId = (await this.provider.RefreshToken.find(refreshToken))?.clientId;
      if (clientId) replayed = `${body}&client_id=${encodeURIComponent(clientId)}`;
    }
    const replay = new IncomingMessage(req.socket);
    replay.method = req.method;
    replay.httpVersionMajor = req.httpVersionMajor;
    replay.httpVersionMinor = req.httpVersionMinor;
    replay.headers = { ...req.headers, 'content-length': String(Buffer.byteLength(replayed)) };
    replay.push(replayed);
    replay.push(null);
    // Without this, Node treats the replayed message as aborted once read and destroys the socket.
    replay.complete = true;
    return replay;
  }

  /** The Access of a request's bearer token, or undefined when it has none that is valid for the FHIR base. */
  async authenticate(authorization: string | undefined): Promise<Access | undefined> {
    const value = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!value) return undefined;
    const token = await this.provider.AccessToken.find(value);
    if (!token) return undefined;
    const audience = Array.isArray(token.aud) ? token.aud : [token.aud];
    if (!audience.includes(this.options.fhirBase)) return undefined;
    const scopes = resourceScopesOf(token.scope).map((s) => parseResourceScope(s) as ResourceScope);
    return { scopes, patientId: this.options.contexts.forGrant(token.grantId)?.patientId };
  }

  /**
   * Makes every access token issued so far invalid; refresh tokens keep working unless `refreshTokens` is set (then
   * a session can only continue with a new launch).
   */
  async expireAccessTokens(refreshTokens = false): Promise<number> {
    const values = this.store.idsOf('AccessToken');
    for (const value of values) await (await this.provider.AccessToken.find(value))?.destroy();
    if (refreshTokens) {
      for (const value of this.store.idsOf('RefreshToken')) {
        await (await this.provider.RefreshToken.find(value))?.destroy();
      }
    }
    return values.length;
  }

  /** The document served at /fhir/.well-known/smart-configuration. */
  smartConfiguration(): Record<string, unknown> {
    const { provider } = this;
    return {
      issuer: provider.issuer,
      jwks_uri: provider.urlFor('jwks'),
      authorization_endpoint: provider.urlFor('authorization'),
      token_endpoint: provider.urlFor('token'),
      userinfo_endpoint: provider.urlFor('userinfo'),
      token_endpoint_auth_methods_supported: ['none'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      scopes_supported: [
        ...OIDC_SCOPES,
        ...LAUNCH_SCOPES,
        'patient/*.rs',
        'patient/*.cruds',
        'user/*.rs',
        'user/*.cruds',
        'patient/*.read',
        'patient/*.write',
        'user/*.read',
        'user/*.write',
        ...APP_RESOURCE_SCOPES,
      ],
      code_challenge_methods_supported: ['S256'],
      capabilities: [
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-ehr-patient',
        'context-ehr-encounter',
        'context-standalone-patient',
        'context-banner',
        'context-style',
        'sso-openid-connect',
        'permission-offline',
        'permission-patient',
        'permission-user',
        ...this.options.scopeVersions.map((v) => `permission-${v}`),
      ],
    };
  }

  // Adds the SMART launch context to token responses (code exchange and refresh alike), and lists
  // the granted OpenID scopes next to the FHIR scopes: fhirclient only refreshes when `scope`
  // shows offline_access or online_access.
  private async addLaunchContext(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
    await next();
    if (ctx.path !== '/token' || ctx.method !== 'POST' || ctx.status !== 200) return;
    const grant = ctx.oidc?.entities.Grant;
    const body = ctx.body;
    if (!grant || typeof body !== 'object' || body === null) return;
    const tokenResponse = body as Record<string, unknown>;
    const openidScopes = splitScopes(grant.getOIDCScope());
    const context = this.options.contexts.forGrant(grant.jti);
    const patient = context?.patientId;
    ctx.body = {
      ...tokenResponse,
      scope: [...new Set([...openidScopes, ...splitScopes(tokenResponse.scope)])].join(' '),
      ...(patient ? { patient } : {}),
      ...(patient && context?.encounterId ? { encounter: context.encounterId } : {}),
      ...(context?.fhirContext ? { fhirContext: context.fhirContext } : {}),
      need_patient_banner: context?.needPatientBanner ?? true,
      smart_style_url: `${this.options.url}/smart-style.json`,
      ...(openidScopes.includes('fhirUser') ? { fhirUser: this.fhirUser() } : {}),
    };
  }
}

// oidc-provider 9 ships no type declarations and @types/oidc-provider targets older majors.
// This declares only the surface the sandbox uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type JWK = Record<string, string>;

  export interface ClientMetadata {
    client_id: string;
    token_endpoint_auth_method: 'none';
    redirect_uris: string[];
    grant_types: string[];
    response_types: string[];
  }

  export interface ResourceServerInfo {
    scope: string;
    audience: string;
    accessTokenTTL: number;
    accessTokenFormat: 'opaque' | 'jwt';
  }

  export interface Client {
    clientId: string;
  }

  export interface AccessToken {
    jti: string;
    accountId: string;
    clientId: string;
    grantId: string;
    scope?: string;
    aud?: string | string[];
    iat: number;
    exp: number;
    destroy(): Promise<void>;
  }

  export interface Grant {
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    rejectOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    rejectResourceScope(resource: string, scope: string): void;
    getOIDCScope(): string;
    getResourceScope(resource: string): string;
    save(): Promise<string>;
  }

  export interface OIDCContext {
    params?: Record<string, unknown>;
    result?: { consent?: { grantId?: string } };
    client?: Client;
    entities: { Grant?: Grant; AccessToken?: AccessToken };
  }

  export interface KoaContextWithOIDC {
    path: string;
    method: string;
    status: number;
    body: unknown;
    type: string;
    oidc: OIDCContext;
  }

  export type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Interaction {
    uid: string;
    params: Record<string, unknown>;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    session?: { accountId?: string };
  }

  export type InteractionResults =
    { login: { accountId: string }; consent: { grantId: string } } | { error: string; error_description?: string };

  export interface ErrorOut {
    error: string;
    error_description?: string;
    state?: string;
  }

  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Configuration {
    adapter: (model: string) => Adapter;
    clients: ClientMetadata[];
    jwks: { keys: JWK[] };
    cookies: { keys: string[] };
    scopes: string[];
    claims: Record<string, string[]>;
    conformIdTokenClaims: boolean;
    extraParams: Record<string, (ctx: KoaContextWithOIDC, value: unknown, client: Client) => void | Promise<void>>;
    findAccount(ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> | Account | undefined;
    features: {
      devInteractions: { enabled: boolean };
      resourceIndicators: {
        enabled: boolean;
        defaultResource(ctx: KoaContextWithOIDC, client: Client, oneOf?: string[]): Promise<string> | string;
        useGrantedResource(ctx: KoaContextWithOIDC, model: unknown): boolean;
        getResourceServerInfo(
          ctx: KoaContextWithOIDC,
          resourceIndicator: string,
          client: Client,
        ): Promise<ResourceServerInfo> | ResourceServerInfo;
      };
    };
    pkce: { required(ctx: KoaContextWithOIDC, client: Client): boolean };
    clientBasedCORS(ctx: KoaContextWithOIDC, origin: string, client: Client): boolean;
    loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined>;
    expiresWithSession(ctx: KoaContextWithOIDC, token: unknown): boolean;
    interactions: { url(ctx: KoaContextWithOIDC, interaction: Interaction): string };
    renderError(ctx: KoaContextWithOIDC, out: ErrorOut, error: Error): Promise<void> | void;
    ttl: Record<string, number>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Grant: {
      new (init: { accountId: string; clientId: string }): Grant;
      find(id: string): Promise<Grant | undefined>;
    };
    readonly AccessToken: { find(value: string): Promise<AccessToken | undefined> };
    readonly RefreshToken: {
      find(value: string): Promise<{ clientId: string; grantId: string; destroy(): Promise<void> } | undefined>;
    };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: Middleware): void;
    urlFor(name: string): string;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export const errors: {
    InvalidRequest: new (description?: string) => Error;
    InvalidTarget: new (description?: string) => Error;
  };
}

/** The SMART permission letters of v2 scopes; v1 `read`/`write`/`*` are mapped onto them. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/** Whose data a scope covers: the launch patient's compartment, whatever the user may see, or everything. */
export type ScopeContext = 'patient' | 'user' | 'system';

/** One parsed SMART resource scope, e.g. `patient/ImagingStudy.cruds`. */
export interface ResourceScope {
  context: ScopeContext;
  /** A FHIR resource type, or `*`. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
}

/** Scopes the sandbox understands that are not resource scopes. */
export const OIDC_SCOPES = ['openid', 'fhirUser', 'profile', 'offline_access', 'online_access'] as const;
export const LAUNCH_SCOPES = ['launch', 'launch/patient', 'launch/encounter'] as const;

const V1_PERMISSIONS: Record<string, Permission[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

// v2 letters must appear in this order (SMART App Launch 2.x, "Scopes for requesting FHIR Resources").
// Granular scopes with a `?query` suffix are not supported: they are not matched, so they grant nothing.
const SCOPE_PATTERN = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|c?r?u?d?s?)$/;

/** Parses a SMART v1 or v2 resource scope; anything else (OIDC scopes, malformed text) gives undefined. */
export function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = SCOPE_PATTERN.exec(scope);
  if (!match) return undefined;
  const [, context, resourceType, access] = match as unknown as [string, ScopeContext, string, string];
  const permissions = V1_PERMISSIONS[access] ?? (access.split('') as Permission[]);
  if (permissions.length === 0) return undefined;
  return { context, resourceType, permissions: new Set(permissions) };
}

/** Splits a space-separated scope string, dropping empty and duplicate entries. */
export function splitScopes(scope: unknown): string[] {
  return typeof scope === 'string' ? [...new Set(scope.split(' ').filter(Boolean))] : [];
}

/** The resource scopes in a scope string, as text, in their original order. */
export function resourceScopesOf(scope: unknown): string[] {
  return splitScopes(scope).filter((s) => parseResourceScope(s) !== undefined);
}

/**
 * How far a set of scopes lets a client act on one resource type:
 * `all` (a user/ or system/ scope grants it), `compartment` (only patient/ scopes do) or `none`.
 */
export type Reach = 'all' | 'compartment' | 'none';

/** Works out the reach of `scopes` for `permission` on `resourceType`. */
export function reachOf(scopes: readonly ResourceScope[], resourceType: string, permission: Permission): Reach {
  let reach: Reach = 'none';
  for (const scope of scopes) {
    if (scope.resourceType !== '*' && scope.resourceType !== resourceType) continue;
    if (!scope.permissions.has(permission)) continue;
    if (scope.context !== 'patient') return 'all';
    reach = 'compartment';
  }
  return reach;
}

const PERMISSION_WORDS: Record<Permission, string> = {
  c: 'create',
  r: 'read',
  u: 'update',
  d: 'delete',
  s: 'search',
};

/** A short human description of a scope for the consent page. */
export function describeScope(scope: string): string {
  const parsed = parseResourceScope(scope);
  if (!parsed) {
    const fixed: Record<string, string> = {
      openid: 'Confirm who you are',
      fhirUser: 'Know your user record (Practitioner)',
      profile: 'See your profile',
      offline_access: 'Stay signed in (refresh token)',
      online_access: 'Stay signed in while you are online',
      launch: 'Receive the EHR launch context',
      'launch/patient': 'Know which patient is selected',
      'launch/encounter': 'Know which encounter is selected',
    };
    return fixed[scope] ?? scope;
  }
  const verbs = [...parsed.permissions].map((p) => PERMISSION_WORDS[p]).join(', ');
  const what = parsed.resourceType === '*' ? 'all resources' : `${parsed.resourceType} resources`;
  const whose = { patient: 'of the selected patient', user: 'you can access', system: 'on the whole server' }[
    parsed.context
  ];
  return `${verbs}: ${what} ${whose}`;
}

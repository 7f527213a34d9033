/**
 * The HTTP security headers the app must be served with, built from the deployment's `smart-config.json`.
 *
 * The header is computed when the server starts (not at build time), so one build serves any hospital: the FHIR
 * servers the app trusts (`issuers`) may be called, plus the extra origins listed under `csp` (authorization server,
 * DICOMweb endpoints), and only the EHR origins under `csp.frameAncestors` may embed the app.
 */

/** Where the app may connect to and who may frame it. Each entry is a CSP host source such as `https://a.org`. */
export interface CspSources {
  /** Origins of FHIR servers, authorization servers and DICOMweb endpoints (`'self'` is always added). */
  connectSrc: string[];
  /** EHR origins allowed to embed the app in an iframe (none: the app cannot be framed). */
  frameAncestors: string[];
}

/**
 * Emotion (MUI's style engine) in a production build inserts rules through the CSSOM into empty `<style>` elements.
 * CSSOM rules are not subject to CSP, but the empty element is an inline style block: allowing exactly the hash of
 * the empty string lets those elements in while every non-empty inline `<style>` stays blocked.
 */
export const EMPTY_INLINE_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

// scheme://host[:port|:*], host may start with `*.`; nothing that could end a directive or add a keyword.
const HOST_SOURCE =
  /^https?:\/\/(\*\.)?[A-Za-z0-9\-.]+(:(\d{1,5}|\*))?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:(\d{1,5}|\*))?$/;

/** Checks that `source` is a plain http(s) host source, so configuration cannot inject directives. */
export function checkHostSource(source: string): string {
  if (!HOST_SOURCE.test(source)) {
    throw new Error(`"${source}" is not an http(s) origin such as https://fhir.hospital.example`);
  }
  return source;
}

/** The origin of an issuer URL or pattern (`http://127.0.0.1:*\/fhir` gives `http://127.0.0.1:*`). */
export function issuerOrigin(iss: string): string {
  const match = /^(https?:\/\/[^/?#]+)/.exec(iss);
  if (!match?.[1]) throw new Error(`issuer "${iss}" is not an http(s) URL`);
  return checkHostSource(match[1]);
}

function strings(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new Error(`smart-config.json ${where} must be a list of origins`);
  }
  return value;
}

/** Reads the CSP sources from the JSON of `smart-config.json`: the issuers' origins plus its `csp` section. */
export function cspSourcesFromConfig(json: unknown): CspSources {
  const config = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const issuers = Array.isArray(config.issuers) ? (config.issuers as unknown[]) : [];
  const csp = (typeof config.csp === 'object' && config.csp !== null ? config.csp : {}) as Record<string, unknown>;
  const fromIssuers = issuers.map((entry) => issuerOrigin(String((entry as { iss?: unknown } | null)?.iss ?? '')));
  return {
    connectSrc: [...fromIssuers, ...strings(csp.connectSrc, 'csp.connectSrc').map(checkHostSource)],
    frameAncestors: strings(csp.frameAncestors, 'csp.frameAncestors').map(checkHostSource),
  };
}

const unique = (values: string[]): string[] => [...new Set(values)];

/** The Content-Security-Policy header value: no inline or eval'd script, and only the listed origins. */
export function contentSecurityPolicy(sources: CspSources): string {
  const connect = unique(sources.connectSrc.map(checkHostSource));
  const ancestors = unique(sources.frameAncestors.map(checkHostSource));
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' ${EMPTY_INLINE_STYLE_HASH}`,
    "img-src 'self'",
    "font-src 'self'",
    ['connect-src', "'self'", ...connect].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    `frame-ancestors ${ancestors.length > 0 ? ancestors.join(' ') : "'none'"}`,
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Every security header of an app response (HTML and assets alike). */
export function securityHeaders(sources: CspSources): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(sources),
    // The redirect back from the authorization server carries `code` and `state` in the address.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

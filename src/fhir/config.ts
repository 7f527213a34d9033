/**
 * Which FHIR servers the app may be launched from, and the client id registered with each.
 *
 * The list lives in `public/smart-config.json` so that a hospital can deploy the same build against its own
 * EHR. A launch from an issuer that is not listed, or over plain http to anything but loopback, is refused.
 */
export interface IssuerEntry {
  /** The FHIR base URL, exactly; or a pattern where `*` stands for a port number (loopback sandboxes only). */
  iss: string;
  clientId: string;
  /**
   * The identifier system of the accession numbers that this site's RIS issues (ImagingStudy.identifier typed
   * ACSN). Without one, an accession number is stored without an issuer, and the editor says so.
   */
  accessionSystem?: string;
}

export interface AppConfig {
  issuers: IssuerEntry[];
}

/** Thrown for a launch the app refuses before talking to any server. */
export class LaunchRefused extends Error {
  override name = 'LaunchRefused';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Parses and checks the config file's JSON. */
export function parseConfig(json: unknown): AppConfig {
  const issuers = (json as { issuers?: unknown } | null)?.issuers;
  if (!Array.isArray(issuers)) throw new Error('smart-config.json has no "issuers" list');
  return {
    issuers: issuers.map((entry: unknown, i) => {
      const { iss, clientId, accessionSystem } = (entry ?? {}) as Record<string, unknown>;
      if (typeof iss !== 'string' || typeof clientId !== 'string') {
        throw new Error(`smart-config.json issuers[${i}] needs "iss" and "clientId" strings`);
      }
      if (
        accessionSystem !== undefined &&
        (typeof accessionSystem !== 'string' || !/^\S+:\S+$/.test(accessionSystem))
      ) {
        throw new Error(
          `smart-config.json issuers[${i}].accessionSystem must be a URI (e.g. https://ris.example.org/accession)`,
        );
      }
      return { iss: iss.replace(/\/+$/, ''), clientId, ...(accessionSystem ? { accessionSystem } : {}) };
    }),
  };
}

function matches(pattern: string, iss: string): boolean {
  if (!pattern.includes('*')) return pattern === iss;
  const [before, after] = pattern.split('*', 2) as [string, string];
  if (!iss.startsWith(before) || !iss.endsWith(after)) return false;
  return /^\d{1,5}$/.test(iss.slice(before.length, iss.length - after.length));
}

/** Finds the client id for an issuer, or explains in plain words why the launch is refused. */
export function clientIdFor(config: AppConfig, rawIss: string | null): { iss: string; clientId: string } {
  if (!rawIss) {
    throw new LaunchRefused(
      'This app must be opened from your EHR (or with an "iss" address). No FHIR server address was given.',
    );
  }
  let url: URL;
  try {
    url = new URL(rawIss);
  } catch {
    throw new LaunchRefused(`The FHIR server address "${rawIss}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new LaunchRefused(
      `The FHIR server address "${rawIss}" does not use https. Patient data is only exchanged over encrypted connections.`,
    );
  }
  const iss = rawIss.replace(/\/+$/, '');
  const entry = config.issuers.find((e) => matches(e.iss, iss));
  if (!entry) {
    throw new LaunchRefused(
      `The FHIR server "${iss}" is not one this app is configured to trust. Ask your administrator to register it.`,
    );
  }
  return { iss, clientId: entry.clientId };
}

/** The configuration entry of the issuer the app was launched from, if it is listed. */
export function issuerEntry(config: AppConfig, iss: string): IssuerEntry | undefined {
  return config.issuers.find((e) => matches(e.iss, iss.replace(/\/+$/, '')));
}

/** Loads `smart-config.json` from the app's own origin. */
export async function loadConfig(baseUrl: string): Promise<AppConfig> {
  const response = await fetch(new URL('smart-config.json', baseUrl), { cache: 'no-cache' });
  if (!response.ok) throw new Error(`Could not load the app configuration (HTTP ${response.status}).`);
  return parseConfig(await response.json());
}

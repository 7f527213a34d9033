import { randomBytes } from 'node:crypto';

/**
 * One entry of the SMART `fhirContext` token parameter. SMART App Launch 2.1 gives objects
 * (`{"reference": "ServiceRequest/123"}`, optionally with `type`, `role`, `identifier`, `canonical`); 2.0.0
 * gave plain strings (`"ServiceRequest/123"`). The sandbox hands either on verbatim, so tests can check
 * how an app copes with each form and with a reference it must refuse.
 */
export type FhirContextItem = string | Record<string, unknown>;

/** The resource types the EHR page launches the app for, besides the patient. */
export type LaunchFor = 'ServiceRequest' | 'ImagingStudy';

/** `fhirContext` naming one resource, in the 2.1 object form or the 2.0.0 plain-string form. */
export function fhirContextOf(references: readonly string[], form: 'object' | 'string' = 'object'): FhirContextItem[] {
  return references.map((reference) => (form === 'string' ? reference : { reference }));
}

/** What the EHR binds to an EHR launch before the app is opened. */
export interface EhrLaunch {
  patientId: string;
  /** The SMART `fhirContext` of the launch (an order, a study), if any. */
  fhirContext?: FhirContextItem[];
  /** False when the app runs inside the EHR's frame, which already shows the patient. */
  needPatientBanner: boolean;
  /** The EHR normally pre-authorizes; this forces the consent page anyway. */
  askConsent: boolean;
}

/** The context an authorization carries into every token issued from its grant (including refreshes). */
export interface GrantContext {
  patientId?: string;
  encounterId?: string;
  fhirContext?: FhirContextItem[];
  needPatientBanner: boolean;
}

const LAUNCH_TTL_MS = 60 * 60 * 1000;

/**
 * Launch ids issued by the EHR page, and the context of each grant. Context is keyed by grant, not by
 * browser session, so two launches in one browser keep their own patients.
 */
export class LaunchContexts {
  private readonly launches = new Map<string, EhrLaunch & { expires: number }>();
  private readonly grants = new Map<string, GrantContext>();

  /** Creates an opaque launch id bound to a patient. */
  createLaunch(launch: EhrLaunch): string {
    const id = randomBytes(16).toString('base64url');
    this.launches.set(id, { ...launch, expires: Date.now() + LAUNCH_TTL_MS });
    return id;
  }

  /** The launch behind an id, if it exists and has not expired. */
  findLaunch(id: unknown): EhrLaunch | undefined {
    if (typeof id !== 'string') return undefined;
    const launch = this.launches.get(id);
    if (!launch) return undefined;
    if (launch.expires < Date.now()) {
      this.launches.delete(id);
      return undefined;
    }
    return launch;
  }

  bindGrant(grantId: string, context: GrantContext): void {
    this.grants.set(grantId, context);
  }

  forGrant(grantId: string): GrantContext | undefined {
    return this.grants.get(grantId);
  }
}

import { randomBytes } from 'node:crypto';

/** What the EHR binds to an EHR launch before the app is opened. */
export interface EhrLaunch {
  patientId: string;
  /** False when the app runs inside the EHR's frame, which already shows the patient. */
  needPatientBanner: boolean;
  /** The EHR normally pre-authorizes; this forces the consent page anyway. */
  askConsent: boolean;
}

/** The context an authorization carries into every token issued from its grant (including refreshes). */
export interface GrantContext {
  patientId?: string;
  encounterId?: string;
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

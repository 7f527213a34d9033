/**
 * How an injected failure shows up: an HTTP 500 with an OperationOutcome, a 403 (a server policy beyond the granted
 * scopes refuses the request), a connection dropped before the request is handled, or one dropped after it was
 * handled (the change is made, the answer is lost).
 */
export type FaultMode = 'status-500' | 'status-403' | 'destroy-socket' | 'drop-response';
export const FAULT_MODES: readonly FaultMode[] = ['status-500', 'status-403', 'destroy-socket', 'drop-response'];

/** Fails the next N FHIR requests (optionally only those with a given HTTP method). */
export class FaultInjector {
  private remaining = 0;
  private mode: FaultMode = 'status-500';
  private method: string | undefined;

  arm(count: number, mode: FaultMode, method?: string): void {
    this.remaining = count;
    this.mode = mode;
    this.method = method?.toUpperCase();
  }

  /** Consumes one armed failure if it applies to this request. */
  take(method: string): FaultMode | undefined {
    if (this.remaining <= 0 || (this.method && this.method !== method)) return undefined;
    this.remaining--;
    return this.mode;
  }

  reset(): void {
    this.remaining = 0;
    this.method = undefined;
  }
}

export function isFaultMode(mode: unknown): mode is FaultMode {
  return FAULT_MODES.includes(mode as FaultMode);
}

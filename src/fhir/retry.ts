/** Bounded retries with exponential backoff for transient failures (the per-request timeout is in ./timeout.ts). */
import pRetry from 'p-retry';
import { httpStatusOf, isNetworkFailure } from './outcome';

/** How often and how patiently a request is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Delay before the first retry; each further retry waits `factor` times longer, up to `maxDelayMs`. */
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** Spreads the delays (×1 to ×2) so that many clients do not retry in step. */
  randomize: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, minDelayMs: 500, maxDelayMs: 4000, factor: 2, randomize: true };

/**
 * Which failures are worth another try. `any` retries whenever the server may simply have been unavailable
 * (5xx, 429, no answer at all); `answered` only when the server answered that it failed, for requests that are not
 * safe to repeat blindly (a lost answer may hide a success).
 */
export type RetryWhen = 'any' | 'answered';

/** Whether a failure is transient: a 5xx or 429 answer, or (for `any`) a network failure. */
export function isTransient(err: unknown, when: RetryWhen = 'any'): boolean {
  const status = httpStatusOf(err);
  if (status !== undefined) return status >= 500 || status === 429;
  return when === 'any' && isNetworkFailure(err);
}

/** The last error of a retried call, with how many attempts were made. */
export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(`Gave up after ${attempts} attempts`);
    this.name = 'RetriesExhausted';
  }
}

/**
 * Runs `attempt` until it succeeds, a failure is not transient, or the policy's retries are used up. Transient
 * failures that outlast the retries are thrown as `RetriesExhausted`; any other failure is thrown as it is.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  when: RetryWhen = 'any',
): Promise<T> {
  let attempts = 0;
  try {
    return await pRetry(
      (n) => {
        attempts = n;
        return attempt(n);
      },
      {
        retries: policy.retries,
        minTimeout: policy.minDelayMs,
        maxTimeout: policy.maxDelayMs,
        factor: policy.factor,
        randomize: policy.randomize,
        shouldRetry: ({ error }) => isTransient(error, when),
      },
    );
  } catch (err) {
    throw isTransient(err, when) ? new RetriesExhausted(err, attempts) : err;
  }
}

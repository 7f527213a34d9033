import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTransient, RetriesExhausted, withRetry } from './retry';
import { withTimeout } from './timeout';
import { httpError } from './testing/fake-server';

afterEach(() => {
  vi.useRealTimers();
});

describe('isTransient', () => {
  it('retries server errors, rate limits and lost connections, but not client errors', async () => {
    expect(isTransient(await httpError(503))).toBe(true);
    expect(isTransient(await httpError(429))).toBe(true);
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
    expect(isTransient(await httpError(400))).toBe(false);
    expect(isTransient(await httpError(412))).toBe(false);
    expect(isTransient(new TypeError('x is not a function'))).toBe(false);
  });

  it('does not retry a lost answer for requests that are unsafe to repeat', () => {
    expect(isTransient(new TypeError('Failed to fetch'), 'answered')).toBe(false);
  });
});

describe('withRetry', () => {
  it('backs off exponentially up to the maximum delay, then gives up', async () => {
    vi.useFakeTimers();
    const started: number[] = [];
    const failing = withRetry(
      async () => {
        started.push(Date.now());
        throw await httpError(500);
      },
      { retries: 4, minDelayMs: 100, maxDelayMs: 300, factor: 2, randomize: false },
    );
    const settled = failing.catch((err: unknown) => err);
    await vi.runAllTimersAsync();
    const err = await settled;
    expect(err).toBeInstanceOf(RetriesExhausted);
    expect((err as RetriesExhausted).attempts).toBe(5);
    const gaps = started.slice(1).map((t, i) => t - (started[i] as number));
    expect(gaps).toEqual([100, 200, 300, 300]);
  });

  it('stops at the first failure that is not transient', async () => {
    let calls = 0;
    const err = await withRetry(async () => {
      calls += 1;
      throw await httpError(422);
    }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect((err as { status?: number }).status).toBe(422);
  });
});

describe('withTimeout', () => {
  it('rejects with a TimeoutError and aborts the request when the deadline passes', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const pending = withTimeout((s) => {
      signal = s;
      return new Promise<never>(() => undefined);
    }, 1000).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ name: 'TimeoutError' });
    expect(signal?.aborted).toBe(true);
  });

  it('passes an answer through and leaves no timer behind', async () => {
    vi.useFakeTimers();
    expect(await withTimeout(() => Promise.resolve('ok'), 1000)).toBe('ok');
    expect(vi.getTimerCount()).toBe(0);
  });
});

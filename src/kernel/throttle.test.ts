import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttle', () => {
  it('hands the first value on at once and the last of a burst at the end of the interval', () => {
    const run = vi.fn();
    const t = throttle(run, 100);
    t.push(1);
    t.push(2);
    t.push(3);
    expect(run.mock.calls).toEqual([[1]]);
    vi.advanceTimersByTime(99);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run.mock.calls).toEqual([[1], [3]]);
  });

  it('hands a waiting value on at flush, and drops it at cancel', () => {
    const run = vi.fn();
    const t = throttle(run, 100);
    t.push('a');
    t.push('b');
    t.flush();
    expect(run.mock.calls).toEqual([['a'], ['b']]);
    t.push('c');
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(run.mock.calls).toEqual([['a'], ['b']]);
  });
});

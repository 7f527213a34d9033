/**
 * The latest of the values pushed, handed on at most once per interval: at once when the last hand-over is at least
 * that long ago, else when it will be (then the latest value of the wait, so a burst's last value is never lost).
 * Used for draft autosave and for the import's reading progress.
 */
export interface Throttle<T> {
  push(value: T): void;
  /** Hands a waiting value on now. */
  flush(): void;
  /** Drops a waiting value. */
  cancel(): void;
}

export function throttle<T>(run: (value: T) => void, intervalMs: number): Throttle<T> {
  let pending: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = Number.NEGATIVE_INFINITY;

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    lastRun = Date.now();
    run(value);
  };

  return {
    push(value) {
      pending = { value };
      if (timer !== undefined) return;
      const wait = lastRun + intervalMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    flush,
    cancel() {
      pending = undefined;
      flush();
    },
  };
}

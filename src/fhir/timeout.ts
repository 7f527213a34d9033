/**
 * A per-request timeout. Apart from the retries (./retry.ts) because reading needs it too: the editor loads the
 * retries, and p-retry, only with the save layer.
 */

function timeoutError(ms: number): Error {
  const error = new Error(`No answer within ${Math.round(ms / 1000)} s`);
  error.name = 'TimeoutError';
  return error;
}

/**
 * Runs a request with a deadline: the request's signal is aborted and the returned promise rejects with a
 * `TimeoutError` when the server has not answered within `ms`.
 */
export function withTimeout<T>(run: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = timeoutError(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  return Promise.race([run(controller.signal), deadline]).finally(() => clearTimeout(timer));
}

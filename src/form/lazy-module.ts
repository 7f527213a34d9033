/**
 * Code the editor does not need for its first paint, in chunks of their own: loaded once, in the background when the
 * page is idle (so it is there before anyone reaches it), or at once when it is needed first.
 *
 * Rendered without Suspense on purpose: React 19 holds back content that replaces a shown Suspense fallback for up to
 * 300 ms, which would otherwise be paid each time such a part first appears.
 */
import { useEffect, useState } from 'react';

export type LazyModuleState<M> = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; module: M };

export interface LazyModule<M> {
  /** Starts loading, once; the promise settles when it has loaded. After a failure the next call tries again. */
  load(): Promise<M>;
  /** The module, loading it if that has not started yet. */
  useModule(): LazyModuleState<M>;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  const load = (): Promise<M> => {
    loading ??= importer().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const useModule = (): LazyModuleState<M> => {
    const [state, setState] = useState<LazyModuleState<M>>(() =>
      loaded ? { status: 'ready', module: loaded } : { status: 'loading' },
    );
    const ready = state.status === 'ready';
    useEffect(() => {
      if (ready) return;
      let live = true;
      load().then(
        (module) => live && setState({ status: 'ready', module }),
        () => live && setState({ status: 'failed' }),
      );
      return () => {
        live = false;
      };
    }, [ready]);
    return state;
  };
  return { load, useModule };
}

/**
 * Runs `run` when the page is idle, at the latest after `timeout` ms; returns a canceller for effects. A rejected
 * promise from `run` is not reported here: whoever needs a preloaded module loads it again and shows the failure.
 */
export function whenIdle(run: () => unknown, timeout = 2000): () => void {
  const go = () => {
    const result = run();
    if (result instanceof Promise) result.catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(go, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(go, 0);
  return () => clearTimeout(id);
}

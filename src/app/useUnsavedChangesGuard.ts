/**
 * Asks before leaving the editor with unsaved changes: the browser's own dialog when the page is unloaded (closing
 * the tab ends its sessionStorage, drafts included), and the app's dialog for links within the app.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface UnsavedChangesGuard {
  /** The in-app address the user asked to go to, while the app asks whether to leave. */
  pendingHref?: string;
  /** Goes to the pending address. */
  leave: () => void;
  /** Stays on the page. */
  stay: () => void;
  /** Lets the next page unload go without asking (e.g. a relaunch, after the draft was written). */
  allowUnload: () => void;
}

/** The in-app (hash) link a click is following, if any. */
function inAppLink(event: MouseEvent): HTMLAnchorElement | undefined {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
    return undefined;
  }
  const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(target instanceof HTMLAnchorElement) || (target.target && target.target !== '_self')) return undefined;
  const url = new URL(target.href, window.location.href);
  const here = new URL(window.location.href);
  const samePage = url.origin === here.origin && url.pathname === here.pathname && url.search === here.search;
  return samePage && url.hash !== here.hash ? target : undefined;
}

/** Guards leaving while `isDirty()` says there are unsaved changes. */
export function useUnsavedChangesGuard(isDirty: () => boolean): UnsavedChangesGuard {
  const [pendingHref, setPendingHref] = useState<string | undefined>();
  const unloadAllowed = useRef(false);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (unloadAllowed.current || !isDirty()) return;
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent): void => {
      const link = inAppLink(event);
      if (!link || !isDirty()) return;
      event.preventDefault();
      setPendingHref(new URL(link.href, window.location.href).hash);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    // Capture: the decision is made before the link's own handlers and the browser's navigation.
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [isDirty]);

  const leave = useCallback(() => {
    setPendingHref(undefined);
    if (pendingHref !== undefined) window.location.hash = pendingHref;
  }, [pendingHref]);
  const stay = useCallback(() => setPendingHref(undefined), []);
  const allowUnload = useCallback(() => {
    unloadAllowed.current = true;
  }, []);

  return { pendingHref, leave, stay, allowUnload };
}

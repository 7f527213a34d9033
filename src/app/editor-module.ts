/**
 * The editor's chunk (form, validator, profile model), loaded in the background from the moment the app starts, and
 * rendered without Suspense: React 19 keeps content that replaces a shown Suspense fallback back for up to 300 ms, which
 * the first "New study" of a session would otherwise always pay.
 */
import { useEffect, useState } from 'react';

export type EditorModule = typeof import('./EditorPage');

let loaded: EditorModule | undefined;
let loading: Promise<EditorModule> | undefined;

/** Starts loading the editor's chunk, once; the promise settles when it has loaded (or failed to). */
export function preloadEditor(): Promise<EditorModule> {
  loading ??= import('./EditorPage').then((module) => (loaded = module));
  return loading;
}

export type EditorModuleState =
  { status: 'loading' } | { status: 'failed' } | { status: 'ready'; module: EditorModule };

/** The editor's module, loading it if that has not started yet. */
export function useEditorModule(): EditorModuleState {
  const [state, setState] = useState<EditorModuleState>(() =>
    loaded ? { status: 'ready', module: loaded } : { status: 'loading' },
  );
  const ready = state.status === 'ready';
  useEffect(() => {
    if (ready) return;
    let live = true;
    preloadEditor().then(
      (module) => live && setState({ status: 'ready', module }),
      () => live && setState({ status: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [ready]);
  return state;
}

/**
 * The editor's chunk (form, validator, profile model), loaded in the background from the moment the app starts, and
 * rendered without Suspense (see lazyModule): React 19 keeps content that replaces a shown Suspense fallback back for
 * up to 300 ms, which the first "New study" of a session would otherwise always pay.
 */
// The module itself, not the form layer's index: that would put the whole form into the list page's chunk.
import { lazyModule, type LazyModuleState } from '../form/lazy-module';

export type EditorModule = typeof import('./EditorPage');
export type EditorModuleState = LazyModuleState<EditorModule>;

const editor = lazyModule<EditorModule>(() => import('./EditorPage'));

/** Starts loading the editor's chunk, once; the promise settles when it has loaded (or failed to). */
export const preloadEditor = editor.load;

/** The editor's module, loading it if that has not started yet. */
export const useEditorModule = editor.useModule;

/**
 * Autosave of the editor into a sessionStorage draft, at most every 500 ms, and at once when the page is hidden
 * (reload, closing the tab) or the caller flushes it (before leaving the editor through the app).
 *
 * A write builds and serialises the whole study (tens of milliseconds for thousands of instances), so it never runs
 * inside an edit: it waits for the page to be idle (at most INTERVAL_MS more), after the edit's feedback is painted.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ImagingStudy } from 'fhir/r4';
import { whenIdle, type EditorSnapshot, type InlineEndpoint } from '../form';
import { draftRemovals, dropDraft, loadDraft, writeDraft, type Draft } from './drafts';

/** What a draft of the editor holds. */
export interface StudyDraft {
  /** The form's study, with everything the form does not show. */
  study: ImagingStudy;
  /** Endpoints created in the form that the study refers to by `urn:uuid:`. */
  newEndpoints: InlineEndpoint[];
  /** The server version the edits were made against (absent for a new study); a save sends its version. */
  base?: ImagingStudy;
}

const INTERVAL_MS = 500;

function isStudyDraft(value: unknown): value is StudyDraft {
  const draft = value as Partial<StudyDraft> | undefined;
  return draft?.study?.resourceType === 'ImagingStudy' && Array.isArray(draft.newEndpoints);
}

/** The readable study draft stored under `key`, if any. */
export function loadStudyDraft(key: string): Draft<StudyDraft> | undefined {
  const draft = loadDraft<unknown>(key);
  return draft && isStudyDraft(draft.value) ? { savedAt: draft.savedAt, value: draft.value } : undefined;
}

export interface DraftAutosave {
  /** Pass to the editor's `onEdit`. */
  onEdit: (read: () => EditorSnapshot) => void;
  /** Whether there is anything a save has not stored yet. */
  isDirty: () => boolean;
  /** Writes the current state now. */
  flush: () => void;
  /** Stops saving and removes the draft (after a successful save). */
  drop: () => void;
  /**
   * Starts over for a newly mounted editor. `unsaved` says that the editor starts from content the server does not
   * have (a restored draft, or the server version with the user's changes re-applied); that content is written as
   * the draft at once.
   */
  restart: (start: { base?: ImagingStudy; unsaved?: StudyDraft }) => void;
}

/**
 * Keeps the editor's state in the draft under `key` while it differs from the server's. `onSnapshot` sees each
 * state that is read (at the autosave's pace), e.g. to look up the Study Instance UID.
 */
export function useDraftAutosave(key: string, onSnapshot?: (snapshot: EditorSnapshot) => void): DraftAutosave {
  const state = useRef({
    key,
    read: undefined as (() => EditorSnapshot) | undefined,
    base: undefined as ImagingStudy | undefined,
    unsaved: false,
    /** Cancels the scheduled write, if any. */
    pending: undefined as (() => void) | undefined,
    /** `draftRemovals()` when the pending write was scheduled. */
    removalsAtEdit: 0,
    lastWrite: Number.NEGATIVE_INFINITY,
    onSnapshot,
  });

  const write = useCallback((): void => {
    const s = state.current;
    s.pending?.();
    s.pending = undefined;
    const snapshot = s.read?.();
    if (!snapshot) return;
    s.lastWrite = Date.now();
    if (snapshot.dirty || s.unsaved) {
      writeDraft<StudyDraft>(s.key, {
        study: snapshot.study,
        newEndpoints: snapshot.newEndpoints,
        ...(s.base ? { base: s.base } : {}),
      });
    } else {
      // Back to what the server has: nothing to restore later.
      dropDraft(s.key);
    }
    s.onSnapshot?.(snapshot);
  }, []);

  useEffect(() => {
    const s = state.current;
    s.onSnapshot = onSnapshot;
    if (s.key === key) return;
    // Another study: what is pending belongs to the previous one.
    write();
    s.read = undefined;
    s.key = key;
  }, [key, onSnapshot, write]);

  const onEdit = useCallback(
    (read: () => EditorSnapshot): void => {
      const s = state.current;
      s.read = read;
      if (s.pending) return;
      s.removalsAtEdit = draftRemovals();
      const wait = Math.max(0, s.lastWrite + INTERVAL_MS - Date.now());
      let cancelIdle: (() => void) | undefined;
      const timer = setTimeout(() => {
        cancelIdle = whenIdle(write, INTERVAL_MS);
      }, wait);
      s.pending = () => {
        clearTimeout(timer);
        cancelIdle?.();
      };
    },
    [write],
  );

  const isDirty = useCallback((): boolean => {
    const s = state.current;
    return s.unsaved || (s.read?.().dirty ?? false);
  }, []);

  const drop = useCallback((): void => {
    const s = state.current;
    s.pending?.();
    s.pending = undefined;
    s.read = undefined;
    s.unsaved = false;
    dropDraft(s.key);
  }, []);

  const restart = useCallback((start: { base?: ImagingStudy; unsaved?: StudyDraft }): void => {
    const s = state.current;
    s.pending?.();
    s.pending = undefined;
    s.read = undefined;
    s.base = start.base;
    s.unsaved = start.unsaved !== undefined;
    if (start.unsaved) writeDraft<StudyDraft>(s.key, start.unsaved);
  }, []);

  useEffect(() => {
    const s = state.current;
    // pagehide also fires on reload and on closing the tab, when timers no longer run.
    window.addEventListener('pagehide', write);
    return () => {
      window.removeEventListener('pagehide', write);
      // Going away (the back button, another route): a pending change updates the draft, unless the drafts were
      // removed since (sign-out removes them all): what they held is not written again.
      if (s.pending && draftRemovals() === s.removalsAtEdit) write();
      s.pending?.();
      s.pending = undefined;
      s.read = undefined;
    };
  }, [write]);

  return { onEdit, isDirty, flush: write, drop, restart };
}

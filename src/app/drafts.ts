/**
 * Drafts of the editor's form state in sessionStorage (never localStorage: a draft holds patient data and must go
 * with the tab), keyed by FHIR server, patient and study, so that a relaunch after an expired session or a reload
 * can offer to restore unsaved changes. Nothing but drafts is stored.
 */
import { throttle } from '../kernel/throttle';

const PREFIX = 'imr-study-author:draft:';

/** Whose draft: the FHIR server, the patient and the study (`studyId` absent for a new study). */
export interface DraftKeyParts {
  iss: string;
  patientId: string;
  studyId?: string;
}

export interface Draft<T = unknown> {
  /** When the draft was written, as an ISO 8601 instant. */
  savedAt: string;
  value: T;
}

export interface DraftSummary extends DraftKeyParts {
  key: string;
  savedAt: string;
}

function defaultStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // Storage can be disabled (e.g. in a sandboxed frame): drafts are then simply not kept.
  }
}

/** The storage key of a draft. */
export function draftKey({ iss, patientId, studyId }: DraftKeyParts): string {
  return PREFIX + JSON.stringify([iss, patientId, studyId ?? null]);
}

function parseKey(key: string): DraftKeyParts | undefined {
  if (!key.startsWith(PREFIX)) return undefined;
  try {
    const parts: unknown = JSON.parse(key.slice(PREFIX.length));
    if (!Array.isArray(parts) || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') return undefined;
    return { iss: parts[0], patientId: parts[1], ...(typeof parts[2] === 'string' ? { studyId: parts[2] } : {}) };
  } catch {
    return undefined;
  }
}

/** Writes a draft now; returns false when the storage refused it (full or disabled). */
export function writeDraft<T>(key: string, value: T, storage = defaultStorage(), now: Date = new Date()): boolean {
  if (!storage) return false;
  const draft: Draft<T> = { savedAt: now.toISOString(), value };
  try {
    storage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** The draft stored under `key`, if there is a readable one. */
export function loadDraft<T = unknown>(key: string, storage = defaultStorage()): Draft<T> | undefined {
  const text = storage?.getItem(key);
  if (!text) return undefined;
  try {
    const draft = JSON.parse(text) as Partial<Draft<T>>;
    if (typeof draft.savedAt !== 'string' || !('value' in draft)) return undefined;
    return { savedAt: draft.savedAt, value: draft.value as T };
  } catch {
    return undefined;
  }
}

/** Removes one draft (after a successful save). */
export function dropDraft(key: string, storage = defaultStorage()): void {
  storage?.removeItem(key);
}

/** All drafts in this tab, newest first. */
export function listDrafts(storage = defaultStorage()): DraftSummary[] {
  if (!storage) return [];
  const drafts: DraftSummary[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    const parts = key ? parseKey(key) : undefined;
    const draft = key && parts ? loadDraft(key, storage) : undefined;
    if (key && parts && draft) drafts.push({ key, ...parts, savedAt: draft.savedAt });
  }
  return drafts.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

let removals = 0;

/** Removes every draft (on sign-out). */
export function dropAllDrafts(storage = defaultStorage()): void {
  removals++;
  for (const { key } of listDrafts(storage)) storage?.removeItem(key);
}

/** Counts `dropAllDrafts` calls: a pending write made before the last one must not bring a draft back. */
export function draftRemovals(): number {
  return removals;
}

/** Autosave of one draft. */
export interface DraftSaver<T> {
  /** Records the latest form state; it is written at once, or at the end of the current interval. */
  save(value: T): void;
  /** Writes a pending state now (e.g. on page hide). */
  flush(): void;
  /** Forgets a pending state and drops the stored draft, so a late write cannot bring it back (after a save). */
  drop(): void;
}

export interface DraftSaverOptions {
  /** At most one write per interval; default 500 ms. */
  intervalMs?: number;
  storage?: Storage;
}

/**
 * Autosaves a draft, throttled: the first change is written at once, later changes at most once per interval,
 * and the last change of a burst is always written (trailing write).
 */
export function createDraftSaver<T>(key: string, options: DraftSaverOptions = {}): DraftSaver<T> {
  const storage = options.storage ?? defaultStorage();
  const writes = throttle((value: T) => writeDraft(key, value, storage), options.intervalMs ?? 500);
  return {
    save: writes.push,
    flush: writes.flush,
    drop() {
      writes.cancel();
      dropDraft(key, storage);
    },
  };
}

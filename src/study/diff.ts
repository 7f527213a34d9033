/**
 * Three-way comparison of study versions for the edit-conflict dialog: what the user changed, what the server
 * changed, and a rebase of the user's changes onto the server version. `meta` is the server's business and is
 * never compared.
 */
import type { ImagingStudy } from 'fhir/r4';
import { deepEqual, isRecord, type JsonRecord } from '../kernel/json';
import { byUid, keyedByUid } from './keyed';

/** One changed element; `path` is an indexed FHIRPath such as `ImagingStudy.series[0].description`. */
export interface StudyChange {
  path: string;
  /** Absent when the element was added. */
  before?: unknown;
  /** Absent when the element was removed. */
  after?: unknown;
}

/** What changed since the version the user opened (`base`): on the user's side, on the server's, and where both. */
export interface StudyDiff {
  mine: StudyChange[];
  theirs: StudyChange[];
  /** Paths (in the user's version) that both sides changed differently; the user's value wins in `rebase`. */
  conflicts: string[];
}

const ROOT = 'ImagingStudy';
const IGNORED = new Set(['resourceType', 'id', 'meta']);

function change(path: string, before: unknown, after: unknown): StudyChange {
  return { path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

function orderedKeys(first: JsonRecord, second: JsonRecord): string[] {
  return [...new Set([...Object.keys(first), ...Object.keys(second)])];
}

function collect(before: unknown, after: unknown, path: string, out: StudyChange[]): void {
  if (deepEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    for (const key of orderedKeys(before, after)) {
      if (path !== ROOT || !IGNORED.has(key)) collect(before[key], after[key], `${path}.${key}`, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (keyedByUid(before, after)) {
      const old = byUid(before);
      const now = byUid(after);
      const common = [...now.keys()].filter((uid) => old.has(uid));
      const oldOrder = [...old.keys()].filter((uid) => now.has(uid));
      if (common.some((uid, i) => uid !== oldOrder[i])) out.push(change(path, before, after));
      after.forEach((item, i) => collect(old.get(String((item as JsonRecord).uid))?.item, item, `${path}[${i}]`, out));
      before.forEach((item, i) => {
        if (!now.has(String((item as JsonRecord).uid))) out.push(change(`${path}[${i}]`, item, undefined));
      });
      return;
    }
    if (before.length === after.length) {
      after.forEach((item, i) => collect(before[i], item, `${path}[${i}]`, out));
      return;
    }
  }
  out.push(change(path, before, after));
}

function merge3(base: unknown, mine: unknown, theirs: unknown, path: string, conflicts: string[]): unknown {
  if (deepEqual(mine, theirs) || deepEqual(base, theirs)) return mine;
  if (deepEqual(base, mine)) return theirs;
  if (isRecord(mine) && isRecord(theirs) && (base === undefined || isRecord(base))) {
    const out: JsonRecord = {};
    for (const key of orderedKeys(theirs, mine)) {
      const value = merge3(base?.[key], mine[key], theirs[key], `${path}.${key}`, conflicts);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  if (Array.isArray(mine) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
    const old = base ?? [];
    if (keyedByUid(old, mine, theirs)) return mergeByUid(old, mine, theirs, path, conflicts);
    if (old.length === mine.length && mine.length === theirs.length) {
      return mine.map((item, i) => merge3(old[i], item, theirs[i], `${path}[${i}]`, conflicts));
    }
  }
  conflicts.push(path);
  return mine;
}

/** Series and instances merge by UID: the user's order, then what only the server added. */
function mergeByUid(base: unknown[], mine: unknown[], theirs: unknown[], path: string, conflicts: string[]): unknown[] {
  const old = byUid(base);
  const server = byUid(theirs);
  const mineUids = byUid(mine);
  const out: unknown[] = [];
  mine.forEach((item, i) => {
    const uid = String((item as JsonRecord).uid);
    const value = merge3(old.get(uid)?.item, item, server.get(uid)?.item, `${path}[${i}]`, conflicts);
    if (value !== undefined) out.push(value);
  });
  for (const [uid, { item, index }] of old) {
    // Removed by the user: it stays removed, but a server change to it is a conflict.
    if (!mineUids.has(uid)) merge3(item, undefined, server.get(uid)?.item, `${path}[${index}]`, conflicts);
  }
  for (const [uid, { item }] of server) if (!old.has(uid) && !mineUids.has(uid)) out.push(item);
  return out;
}

function content(study: ImagingStudy): JsonRecord {
  const record: JsonRecord = { ...(study as unknown as JsonRecord) };
  for (const key of IGNORED) delete record[key];
  return record;
}

/**
 * Lists what changed between the version the user opened (`base`) and the user's version (`mine`), and between
 * `base` and the server's current version (`theirs`), plus the elements both changed differently.
 */
export function diffStudies(base: ImagingStudy, mine: ImagingStudy, theirs: ImagingStudy): StudyDiff {
  const diff: StudyDiff = { mine: [], theirs: [], conflicts: [] };
  collect(content(base), content(mine), ROOT, diff.mine);
  collect(content(base), content(theirs), ROOT, diff.theirs);
  merge3(content(base), content(mine), content(theirs), ROOT, diff.conflicts);
  return diff;
}

/**
 * The server version with the user's changes re-applied: every element the user changed since `base` takes the
 * user's value (also where the server changed it too: see `StudyDiff.conflicts`); everything else is the server's.
 * `id` and `meta` are the server's, so saving the result updates the current version.
 */
export function rebase(base: ImagingStudy, mine: ImagingStudy, theirs: ImagingStudy): ImagingStudy {
  const merged = merge3(content(base), content(mine), content(theirs), ROOT, []) as JsonRecord;
  const head: JsonRecord = { resourceType: 'ImagingStudy' };
  if (theirs.id !== undefined) head.id = theirs.id;
  if (theirs.meta !== undefined) head.meta = theirs.meta;
  return structuredClone({ ...head, ...merged }) as unknown as ImagingStudy;
}

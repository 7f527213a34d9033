/**
 * Merging the form's study onto the loaded one, so that an open-and-save round trip changes nothing but `meta`:
 * whatever the form did not change keeps its stored form, down to key order. The form's study already keeps the
 * stored subject, counts and placeholders (see values.ts); here only its identifier layout is undone.
 */
import type { Identifier, ImagingStudy } from 'fhir/r4';
import { deepEqual, isRecord, type JsonRecord } from '../kernel/json';
import { ACCESSION_ENTRY, isIdentifierEntry } from '../profile/fields';
import { ACCESSION_INDEX, formLayout } from './identifiers';
import { byUid, keyedByUid } from './keyed';

/**
 * The identifiers of a resource built from the form (`built`: the form's layout, the accession entry left out
 * when it has no number) in the order of `stored`. An identifier the form added goes after the one before it in
 * the form.
 */
function inStoredOrder(built: readonly Identifier[], stored: readonly Identifier[]): Identifier[] {
  const layout = formLayout(stored);
  const hasAccession = isRecord(built[ACCESSION_INDEX]) && isIdentifierEntry(ACCESSION_ENTRY, built[ACCESSION_INDEX]);
  let previous = -1;
  const keyed = built.map((item, i) => {
    const place = i < ACCESSION_INDEX || hasAccession ? i : i + 1;
    const key = layout[place] ?? previous + 0.001;
    previous = key;
    return { item, key };
  });
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.item);
}

function keep(stored: unknown, edited: unknown): unknown {
  if (deepEqual(stored, edited)) return stored;
  if (isRecord(stored) && isRecord(edited)) {
    const out: JsonRecord = {};
    for (const key of Object.keys(stored)) if (key in edited) out[key] = keep(stored[key], edited[key]);
    for (const key of Object.keys(edited)) if (!(key in stored)) out[key] = edited[key];
    return out;
  }
  if (Array.isArray(stored) && Array.isArray(edited)) {
    if (keyedByUid(stored, edited)) {
      const index = byUid(stored);
      return edited.map((item) => {
        const match = isRecord(item) ? index.get(String(item.uid)) : undefined;
        return match ? keep(match.item, item) : item;
      });
    }
    if (stored.length === edited.length) return edited.map((item, i) => keep(stored[i], item));
  }
  return edited;
}

/**
 * The study to save for an edit: the loaded `original` with the form's values merged in. Content the form did not
 * change keeps its stored form; identifiers keep their stored order (the form gives the Study Instance UID and the
 * accession number fixed places). `id` is always the original's.
 */
export function mergeEdits(original: ImagingStudy, edited: ImagingStudy): ImagingStudy {
  const stored = original as unknown as JsonRecord;
  const form: JsonRecord = { ...(edited as unknown as JsonRecord) };
  if (edited.identifier) form.identifier = inStoredOrder(edited.identifier, original.identifier ?? []);
  const merged: JsonRecord = {};
  for (const key of Object.keys(stored)) {
    if (key === 'resourceType' || key === 'id') merged[key] = stored[key];
    else if (key in form) merged[key] = keep(stored[key], form[key]);
  }
  for (const key of Object.keys(form)) if (!(key in stored) && key !== 'id') merged[key] = form[key];
  merged.resourceType = 'ImagingStudy';
  return structuredClone(merged) as unknown as ImagingStudy;
}

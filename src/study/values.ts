/**
 * Form values <-> ImagingStudy. Form values mirror the resource JSON (so the path mapper is
 * syntactic) and start as a copy of the original: content the form does not show (extensions,
 * notes, performers...) rides along untouched, which makes an edit a merge onto the original.
 */
import type { Identifier, ImagingStudy, Patient, Reference } from 'fhir/r4';
import { DICOM_UID_SYSTEM } from '../kernel/canonicals';
import { deepEqual, isRecord } from '../kernel/json';
import { personNameText } from '../kernel/patient';
import { ACCESSION_ENTRY, isIdentifierEntry } from '../profile/fields';
import { applyCounts } from './counts';
import { ACCESSION_INDEX, formLayout, STUDY_UID_INDEX } from './identifiers';
import { withProfile } from './meta';

export { ACCESSION_INDEX, STUDY_UID_INDEX } from './identifiers';

const ACCESSION_TYPE = { coding: [{ ...ACCESSION_ENTRY.type }] };

/** The react-hook-form values: the resource JSON, loosely typed because fields come from the profile. */
export type StudyFormValues = Record<string, unknown>;

/** Initial form values for a new study (`initial` undefined) or an existing one. */
export function toFormValues(initial: ImagingStudy | undefined): StudyFormValues {
  // A shallow copy: nothing here changes a nested object, and react-hook-form copies its values deeply itself. (A
  // structuredClone of a 50x1000 study took 130 ms of its opening, before the form's own two copies.)
  const values: StudyFormValues = initial
    ? { ...(initial as unknown as StudyFormValues) }
    : { resourceType: 'ImagingStudy', status: 'available' };
  const identifiers: Identifier[] = Array.isArray(values.identifier) ? (values.identifier as Identifier[]) : [];
  // Fixed places for the Study Instance UID and the accession number (see identifiers.ts, which saves them back in
  // their stored order).
  const [uid, accession, ...others] = formLayout(identifiers).map((n) =>
    n === undefined ? undefined : identifiers[n],
  );
  values.identifier = [
    uid ?? { system: DICOM_UID_SYSTEM },
    accession ?? { type: structuredClone(ACCESSION_TYPE) },
    ...others.filter((i) => i !== undefined),
  ];
  for (const key of ['modality', 'endpoint', 'series']) {
    if (!Array.isArray(values[key])) values[key] = [];
  }
  values.series = (values.series as unknown[]).map((series) => {
    if (!isRecord(series)) return series;
    const row = Object.assign(new FormRow(), series);
    if (Array.isArray(series.instance)) {
      row.instance = series.instance.map((i) => (isRecord(i) ? Object.assign(new FormRow(), i) : i));
    }
    return row;
  });
  return values;
}

/**
 * A series or instance row of the form values: the row's own keys, on an object the form owns (so an edit never
 * reaches the study as opened). Deliberately not a plain object: react-hook-form deep-copies plain objects in its
 * values and keeps others by reference. It copied a study's values three times as the editor opened (default values,
 * current values, the series list's snapshot); for a 50x1000 study those copies of 50,000 rows were a third of the
 * opening. The form writes a row's fields (uid, modality, sopClass, ...) by replacing them, never inside them, and
 * replaces an instance list rather than changing it.
 */
export class FormRow {
  [key: string]: unknown;
}

/**
 * The top-level fields whose values differ between two form values: what an order or an import filled in, and what
 * is validated after it (fields it did not touch are not marked, so an untouched empty field does not turn red).
 */
export function changedFields(before: StudyFormValues, after: StudyFormValues): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => JSON.stringify(prune(before[key])) !== JSON.stringify(prune(after[key])),
  );
}

/**
 * A primitive array and its `_x` companion, pruned together: an entry stays while either side has something, and
 * the side without anything holds its place with null (FHIR JSON's alignment), so an extension stays on its value.
 */
function pruneAligned(values: unknown[], extras: unknown[]): [unknown[] | undefined, unknown[] | undefined] {
  const kept: [unknown, unknown][] = [];
  for (let i = 0; i < Math.max(values.length, extras.length); i++) {
    const value = prune(values[i]);
    const extra = prune(extras[i]);
    if (value !== undefined || extra !== undefined) kept.push([value ?? null, extra ?? null]);
  }
  if (kept.length === 0) return [undefined, undefined];
  return [kept.map(([v]) => v), kept.map(([, e]) => e)];
}

/**
 * Drops what the form leaves empty and JSON must not contain: empty strings, null/undefined, empty arrays and
 * objects. Nulls that hold a place in a primitive array beside its `_x` companion are kept, on both sides.
 */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const partner = key.startsWith('_') ? key.slice(1) : `_${key}`;
      if (Array.isArray(child) && Array.isArray(value[partner])) {
        if (key in out) continue;
        const [mine, theirs] = pruneAligned(child, value[partner] as unknown[]);
        if (mine !== undefined) out[key] = mine;
        if (theirs !== undefined) out[partner] = theirs;
        continue;
      }
      const pruned = prune(child);
      if (pruned !== undefined) out[key] = pruned;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (value === null || value === '' || (typeof value === 'number' && Number.isNaN(value))) return undefined;
  return value;
}

/**
 * A series or instance row as saved: pruned, but never dropped. A row the user added and left empty stays (as an
 * empty object) so that validation points at it; only the user removes a row.
 */
export function pruneRow(row: unknown): unknown {
  if (!isRecord(row)) return prune(row) ?? {};
  const { instance, ...rest } = row;
  const out = (prune(rest) ?? {}) as Record<string, unknown>;
  // `instance` is the last element of a series in R4, and the merge keeps a stored series' key order.
  if (Array.isArray(instance) && instance.length > 0) out.instance = instance.map((i) => prune(i) ?? {});
  return out;
}

/** The `subject` reference for the launch patient. */
export function subjectReference(patient: Patient): Reference {
  const display = personNameText(patient);
  return display ? { reference: `Patient/${patient.id ?? ''}`, display } : { reference: `Patient/${patient.id ?? ''}` };
}

/**
 * The study's subject: as stored for a study that was opened with it (the editor never changes it), or when it
 * names the launch patient; else a reference to the launch patient.
 */
function subjectFor(subject: unknown, patient: Patient, opened: ImagingStudy | undefined): unknown {
  const reference = subjectReference(patient);
  if (isRecord(subject) && (subject.reference === reference.reference || deepEqual(subject, opened?.subject))) {
    return subject;
  }
  return reference;
}

export interface ToResourceOptions {
  patient: Patient;
  profileUrl: string;
  /** Property order of the profile's root element, for a readable JSON. */
  order?: readonly string[];
  /** The study the form was opened with (undefined for a new study): lists it still has keep their stored counts. */
  opened?: ImagingStudy;
}

/**
 * The ImagingStudy that would be saved: the form values (a copy of the original with the edits),
 * without empty values (empty series and instance rows stay, see `pruneRow`), with the launch patient as subject,
 * `meta.profile` naming the profile, and the series/instance counts derived (see counts.ts).
 */
export function toResource(
  values: StudyFormValues,
  options: ToResourceOptions,
  prunedSeries?: unknown[],
): ImagingStudy {
  const { series, ...rest } = values;
  const pruned = prune({ ...rest, identifier: withAccession(values.identifier) });
  const body: Record<string, unknown> = isRecord(pruned) ? pruned : {};
  const rows = prunedSeries ?? (Array.isArray(series) ? series.map(pruneRow) : []);
  if (rows.length > 0) body.series = rows;
  const identifiers = Array.isArray(body.identifier) ? (body.identifier as Identifier[]) : [];
  const uid = identifiers[STUDY_UID_INDEX];
  if (uid) uid.system = DICOM_UID_SYSTEM;
  body.subject = subjectFor(body.subject, options.patient, options.opened);
  const study = withProfile(body as unknown as ImagingStudy, options.profileUrl);
  applyCounts(study, options.opened);
  return orderKeys(study, options.order ?? []);
}

/**
 * The identifiers with the accession number entry as saved: without the empty entry the form keeps for typing, and
 * with its value trimmed of leading and trailing spaces (DICOM SH pads; FHIR keeps no padding).
 */
function withAccession(identifier: unknown): unknown {
  if (!Array.isArray(identifier)) return identifier;
  const entry: unknown = identifier[ACCESSION_INDEX];
  if (!isRecord(entry) || !isIdentifierEntry(ACCESSION_ENTRY, entry)) return identifier;
  const value = typeof entry.value === 'string' ? entry.value.trim() : entry.value;
  const rest = identifier.filter((_, i) => i !== ACCESSION_INDEX);
  if (value === undefined || value === '') {
    // No number: the entry goes, unless it carries more than a number (e.g. an extension saying why it is absent).
    const { type: _type, value: _value, system: _system, use: _use, ...more } = entry;
    if (Object.keys(prune(more) ?? {}).length === 0) return rest;
  }
  return identifier.map((item, i) => (i === ACCESSION_INDEX ? { ...entry, value } : item));
}

function orderKeys(study: ImagingStudy, order: readonly string[]): ImagingStudy {
  const source = study as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { resourceType: 'ImagingStudy' };
  for (const key of ['id', 'meta', ...order]) {
    if (key in source && !(key in out)) out[key] = source[key];
  }
  for (const [key, value] of Object.entries(source)) {
    if (!(key in out)) out[key] = value;
  }
  return out as unknown as ImagingStudy;
}

interface CachedSeries {
  source: unknown;
  instances: unknown;
  pruned: unknown;
}

/**
 * A builder for live validation that re-prunes only the series an edit touched: with 50 series of
 * 1,000 instances, pruning everything on each keystroke would cost tens of milliseconds.
 * Saving and the JSON view use `toResource`, never this cache.
 */
export function incrementalBuilder(options: ToResourceOptions) {
  let seriesArray: unknown;
  let cache: CachedSeries[] = [];
  return (values: StudyFormValues, changed?: readonly string[]): ImagingStudy => {
    const series = Array.isArray(values.series) ? (values.series as unknown[]) : [];
    if (series !== seriesArray || !changed) cache = [];
    seriesArray = series;
    const touched = new Set<number>();
    for (const name of changed ?? []) {
      const match = /^series\.(\d+)/.exec(name);
      if (match) touched.add(Number(match[1]));
      else if (name === 'series') cache = [];
    }
    const pruned = series.map((item, i) => {
      const hit = cache[i];
      const instances = isRecord(item) ? item.instance : undefined;
      if (hit && !touched.has(i) && hit.source === item && hit.instances === instances) return hit.pruned;
      const fresh = pruneRow(item);
      cache[i] = { source: item, instances, pruned: fresh };
      return fresh;
    });
    // Counts are written onto the pruned series; work on shallow copies so the cache stays clean.
    const copies = pruned.map((s) => (isRecord(s) ? { ...s } : s));
    return toResource({ ...values, series: [] }, options, copies);
  };
}

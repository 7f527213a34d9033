/**
 * Form values <-> ImagingStudy. Form values mirror the resource JSON (so the path mapper is
 * syntactic) and start as a copy of the original: content the form does not show (extensions,
 * notes, performers...) rides along untouched, which makes an edit a merge onto the original.
 */
import type { Identifier, ImagingStudy, ImagingStudySeries, Patient, Reference } from 'fhir/r4';
import { DICOM_UID_SYSTEM } from '../kernel/canonicals';
import { isRecord } from '../kernel/json';
import { personNameText } from '../kernel/patient';
import { ACCESSION_ENTRY, isIdentifierEntry, STUDY_UID_ENTRY } from '../profile/fields';
import { withProfile } from './meta';

/**
 * The index of `identifier` that always holds the `identifier:studyUID` slice in the values (the slicing is
 * unordered; a fixed place gives the Study Instance UID a stable field name).
 */
export const STUDY_UID_INDEX = 0;
/** The index of `identifier` that always holds the accession number entry (typed ACSN) in the values. */
export const ACCESSION_INDEX = 1;

const ACCESSION_TYPE = { coding: [{ ...ACCESSION_ENTRY.type }] };

/** The react-hook-form values: the resource JSON, loosely typed because fields come from the profile. */
export type StudyFormValues = Record<string, unknown>;

/** Initial form values for a new study (`initial` undefined) or an existing one. */
export function toFormValues(initial: ImagingStudy | undefined): StudyFormValues {
  const values: StudyFormValues = initial
    ? (structuredClone(initial) as unknown as StudyFormValues)
    : { resourceType: 'ImagingStudy', status: 'available' };
  const identifiers: Identifier[] = Array.isArray(values.identifier) ? (values.identifier as Identifier[]) : [];
  const uidIndex = identifiers.findIndex((i) => isIdentifierEntry(STUDY_UID_ENTRY, i));
  const studyUid = uidIndex >= 0 ? identifiers[uidIndex] : { system: DICOM_UID_SYSTEM };
  const accessionIndex = identifiers.findIndex((i, n) => n !== uidIndex && isIdentifierEntry(ACCESSION_ENTRY, i));
  const accession = accessionIndex >= 0 ? identifiers[accessionIndex] : { type: structuredClone(ACCESSION_TYPE) };
  const others = identifiers.filter((_, i) => i !== uidIndex && i !== accessionIndex);
  // The slicing is unordered; fixed places give the Study Instance UID and the accession number stable field names
  // (see paths.ts). An order the form changes only this way comes back as stored (see merge.ts).
  values.identifier = [studyUid, accession, ...others];
  for (const key of ['modality', 'endpoint', 'series']) {
    if (!Array.isArray(values[key])) values[key] = [];
  }
  return values;
}

/** Drops what JSON must not contain: empty strings, null/undefined, empty arrays and objects. */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const pruned = prune(child);
      if (pruned !== undefined) out[key] = pruned;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (value === null || value === '' || (typeof value === 'number' && Number.isNaN(value))) return undefined;
  return value;
}

/** The `subject` reference for the launch patient. */
export function subjectReference(patient: Patient): Reference {
  const display = personNameText(patient);
  return display ? { reference: `Patient/${patient.id ?? ''}`, display } : { reference: `Patient/${patient.id ?? ''}` };
}

function instanceCount(series: ImagingStudySeries): number | undefined {
  if (series.instance && series.instance.length > 0) return series.instance.length;
  return typeof series.numberOfInstances === 'number' ? series.numberOfInstances : undefined;
}

/** Counts that are computed from the series rather than typed. Unknown counts keep the original value. */
function applyCounts(study: ImagingStudy): void {
  const series = study.series ?? [];
  if (series.length === 0) return;
  study.numberOfSeries = series.length;
  let total: number | undefined = 0;
  for (const s of series) {
    if (s.instance && s.instance.length > 0) s.numberOfInstances = s.instance.length;
    const n = instanceCount(s);
    total = total === undefined || n === undefined ? undefined : total + n;
  }
  if (total !== undefined) study.numberOfInstances = total;
}

export interface ToResourceOptions {
  patient: Patient;
  profileUrl: string;
  /** Property order of the profile's root element, for a readable JSON. */
  order?: readonly string[];
}

/**
 * The ImagingStudy that would be saved: the form values (a copy of the original with the edits),
 * without empty values, with the launch patient as subject, `meta.profile` naming the profile,
 * and the series/instance counts computed.
 */
export function toResource(
  values: StudyFormValues,
  options: ToResourceOptions,
  prunedSeries?: unknown[],
): ImagingStudy {
  const pruned = prune({ ...values, identifier: withAccession(values.identifier) });
  const body: Record<string, unknown> = isRecord(pruned) ? pruned : {};
  if (prunedSeries) {
    if (prunedSeries.length > 0) body.series = prunedSeries;
    else delete body.series;
  }
  const identifiers = Array.isArray(body.identifier) ? (body.identifier as Identifier[]) : [];
  const uid = identifiers[STUDY_UID_INDEX];
  if (uid) uid.system = DICOM_UID_SYSTEM;
  body.subject = subjectReference(options.patient);
  const study = withProfile(body as unknown as ImagingStudy, options.profileUrl);
  applyCounts(study);
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
      const fresh = prune(item);
      cache[i] = { source: item, instances, pruned: fresh };
      return fresh;
    });
    // Counts are written onto the pruned series; work on shallow copies so the cache stays clean.
    const copies = pruned.map((s) => (isRecord(s) ? { ...s } : s));
    return toResource(
      { ...values, series: [] },
      options,
      copies.filter((s) => s !== undefined),
    );
  };
}

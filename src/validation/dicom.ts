/**
 * DICOM rules the profile cannot express, attached to the elements they concern (by element id):
 * UID syntax, unique series and SOP instance UIDs within the study, the series/instance counts, and a start that
 * lies in the future.
 *
 * Uniqueness: the first use of a UID (in document order) is fine, each later use is an error. A full
 * walk records UIDs as it meets them. A focused walk (validateAt) looks them up in an index per
 * `instance` array, cached by array identity (and length): this assumes the caller edits immutably,
 * i.e. a changed series gets a new `instance` array, as React state updates do. An array mutated in
 * place keeps a stale index until its length changes; `validate` never uses the cache. A caller
 * that rebuilds the whole resource on each edit gets correct results too, at the cost of a scan.
 */
import type { WalkContext } from './context';
import type { FirstUse } from './first-use';
import { isRecord, type JsonObject } from './json';
import { childPath } from './issues';
import { shProblem } from '../kernel/dicom-vr';
import { ACCESSION_ENTRY, fieldLabel, isIdentifierEntry } from '../profile/fields';
import { bareUidProblem, studyUidProblem, uidIssueCode } from './uid';
import { bareUid } from '../kernel/uid';
import { parseDateTime } from '../kernel/datetime';
import { plural } from '../kernel/text';

/** Runs after the primitive check of the value of element `elementId`; `valueOk` tells whether that check passed. */
export type PrimitiveHook = (
  value: unknown,
  prefix: string,
  key: string | undefined,
  elementId: string,
  ctx: WalkContext,
  valueOk: boolean,
) => void;

export interface HookSpec {
  /** The hook checks the value's format itself, so the type's generic regex message is not wanted. */
  formatChecked: boolean;
  hook: PrimitiveHook;
}

/** A UID value that takes part in uniqueness (both walks must agree on this). */
const isUidCandidate = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && (value.charCodeAt(0) > 32 || /\S/.test(value));

const at = (list: unknown, index: number | undefined): unknown =>
  Array.isArray(list) && index !== undefined ? list[index] : undefined;

/** The array index `depth` levels up from the innermost one (0 = innermost). */
const indexUp = (ctx: WalkContext, depth: number): number | undefined => ctx.indices[ctx.indices.length - 1 - depth];

interface CachedIndex {
  length: number;
  first: Map<string, number>;
}
const instanceIndexes = new WeakMap<readonly unknown[], CachedIndex>();
/** Arrays asked about once: their index is built when they are asked about again. */
const seenOnce = new WeakSet<readonly unknown[]>();

/**
 * The first index of `uid` in one series' `instance` array, before `limit`. An index (cached, see
 * above) pays off from the second question about the same array; a first question, as for a
 * resource rebuilt from scratch on each edit, is answered by a scan, which is cheaper than building it.
 */
function firstInstanceIndex(instances: readonly unknown[], uid: string, limit: number): number | undefined {
  const cached = instanceIndexes.get(instances);
  if (cached !== undefined && cached.length === instances.length) {
    const first = cached.first.get(uid);
    return first !== undefined && first < limit ? first : undefined;
  }
  if (!seenOnce.has(instances)) {
    seenOnce.add(instances);
    for (let k = 0; k < limit && k < instances.length; k++) {
      const instance = instances[k];
      if (isRecord(instance) && instance.uid === uid) return k;
    }
    return undefined;
  }
  const first = new Map<string, number>();
  instances.forEach((instance, k) => {
    if (isRecord(instance) && isUidCandidate(instance.uid) && !first.has(instance.uid)) first.set(instance.uid, k);
  });
  instanceIndexes.set(instances, { length: instances.length, first });
  const found = first.get(uid);
  return found !== undefined && found < limit ? found : undefined;
}

function instancesOf(series: unknown): readonly unknown[] | undefined {
  return isRecord(series) && Array.isArray(series.instance) ? series.instance : undefined;
}

/** Where a SOP instance UID was first used in the study, if before (s, k). */
function earlierInstance(
  resource: JsonObject,
  uid: string,
  s: number,
  k: number,
): readonly [number, number] | undefined {
  const series = resource.series;
  if (!Array.isArray(series)) return undefined;
  for (let i = 0; i <= s; i++) {
    const instances = instancesOf(series[i]);
    if (instances === undefined) continue;
    const first = firstInstanceIndex(instances, uid, i < s ? instances.length : k);
    if (first !== undefined) return [i, first];
  }
  return undefined;
}

/**
 * In a full walk, whether this is the UID's first use (recorded in `seen`); only a repeated UID costs a search for
 * its first use. A focused walk has no `seen`.
 */
const firstUse = (seen: FirstUse | undefined, uid: string): boolean => seen !== undefined && seen.add(uid);

/** Where a series UID was first used in the study, if before series s. */
function earlierSeries(resource: JsonObject, uid: string, s: number): number | undefined {
  const series = resource.series;
  if (!Array.isArray(series)) return undefined;
  for (let i = 0; i < s; i++) {
    const item: unknown = series[i];
    if (isRecord(item) && item.uid === uid) return i;
  }
  return undefined;
}

const seriesUid: PrimitiveHook = (value, prefix, key, elementId, ctx, valueOk) => {
  if (!isUidCandidate(value)) return;
  const problem = valueOk ? bareUidProblem(value) : undefined;
  if (problem !== undefined) report(ctx, uidIssueCode(value), prefix, key, elementId, problem);
  const s = indexUp(ctx, 0);
  if (s === undefined) return;
  if (firstUse(ctx.uids?.series, value)) return;
  const first = earlierSeries(ctx.resource, value, s);
  if (first === undefined) return;
  report(
    ctx,
    'duplicate',
    prefix,
    key,
    elementId,
    `${value} is already used by series ${first + 1}: each series needs its own UID`,
  );
};

const instanceUid: PrimitiveHook = (value, prefix, key, elementId, ctx, valueOk) => {
  if (!isUidCandidate(value)) return;
  const problem = valueOk ? bareUidProblem(value) : undefined;
  if (problem !== undefined) report(ctx, uidIssueCode(value), prefix, key, elementId, problem);
  const s = indexUp(ctx, 1);
  const k = indexUp(ctx, 0);
  if (s === undefined || k === undefined) return;
  if (firstUse(ctx.uids?.instances, value)) return;
  const first = earlierInstance(ctx.resource, value, s, k);
  if (first === undefined) return;
  const [firstSeries, firstInstance] = first;
  const where = `series ${firstSeries + 1}, instance ${firstInstance + 1}`;
  report(
    ctx,
    'duplicate',
    prefix,
    key,
    elementId,
    `${value} is already used by ${where}: each instance needs its own UID`,
  );
};

const studyUid: PrimitiveHook = (value, prefix, key, elementId, ctx, valueOk) => {
  if (!valueOk || !isUidCandidate(value)) return;
  const problem = studyUidProblem(value);
  if (problem !== undefined) report(ctx, uidIssueCode(bareUid(value)), prefix, key, elementId, problem);
};

/** Reports an error "<field label> <problem>" at the hooked element. */
function report(
  ctx: WalkContext,
  code: 'value' | 'incomplete' | 'duplicate',
  prefix: string,
  key: string | undefined,
  elementId: string,
  problem: string,
): void {
  const path = childPath(prefix, key);
  ctx.report('error', code, path, `${fieldLabel(elementId, path)} ${problem}`);
}

function countWarning(
  elementId: string,
  declared: number,
  listed: number,
  what: 'series' | 'instance',
  ctx: WalkContext,
  prefix: string,
  key: string | undefined,
) {
  if (declared === listed) return;
  const path = childPath(prefix, key);
  const label = fieldLabel(elementId, path);
  const verb = listed === 1 ? 'is' : 'are';
  ctx.report(
    'warning',
    'business-rule',
    path,
    `${label} is ${declared}, but ${plural(listed, what, what === 'series' ? 'series' : 'instances')} ${verb} listed: correct the number or the list`,
  );
}

const numberOfSeries: PrimitiveHook = (value, prefix, key, elementId, ctx, valueOk) => {
  const series = ctx.resource.series;
  if (!valueOk || typeof value !== 'number' || (series !== undefined && !Array.isArray(series))) return;
  countWarning(elementId, value, Array.isArray(series) ? series.length : 0, 'series', ctx, prefix, key);
};

const studyNumberOfInstances: PrimitiveHook = (value, prefix, key, elementId, ctx, valueOk) => {
  const series = ctx.resource.series;
  if (!valueOk || typeof value !== 'number' || (series !== undefined && !Array.isArray(series))) return;
  let listed = 0;
  for (const item of Array.isArray(series) ? series : []) {
    // A series whose instance list is malformed has an unknown count (that error is reported there).
    if (isRecord(item) && item.instance !== undefined && !Array.isArray(item.instance)) return;
    listed += instancesOf(item)?.length ?? 0;
  }
  countWarning(elementId, value, listed, 'instance', ctx, prefix, key);
};

const seriesNumberOfInstances: PrimitiveHook = (value, prefix, key, elementId, ctx, valueOk) => {
  const s = indexUp(ctx, 0);
  const series = at(ctx.resource.series, s);
  if (!valueOk || typeof value !== 'number' || !isRecord(series)) return;
  if (series.instance !== undefined && !Array.isArray(series.instance)) return;
  countWarning(elementId, value, instancesOf(series)?.length ?? 0, 'instance', ctx, prefix, key);
};

/** The identifier a hooked `identifier.value` / `identifier.system` belongs to, in the root resource. */
const identifierAt = (ctx: WalkContext): unknown => at(ctx.resource.identifier, indexUp(ctx, 0));

const ROOT_IDENTIFIER = /^ImagingStudy\.identifier\[\d+\]$/;

/** On every `Identifier.value`, but only an ImagingStudy's own identifier typed ACSN is an accession number. */
const accessionValue: PrimitiveHook = (value, prefix, key, _elementId, ctx, valueOk) => {
  if (!valueOk || typeof value !== 'string' || !ROOT_IDENTIFIER.test(prefix)) return;
  const identifier = identifierAt(ctx);
  if (!isRecord(identifier) || !isIdentifierEntry(ACCESSION_ENTRY, identifier)) return;
  const path = childPath(prefix, key);
  const problem = shProblem(value.trim());
  if (problem !== undefined) ctx.report('error', 'value', path, `${ACCESSION_ENTRY.label} ${problem}`);
  if (identifier.system === undefined) {
    ctx.report(
      'warning',
      'business-rule',
      path,
      `${ACCESSION_ENTRY.label} has no issuer: ask your administrator to set the site's accession namespace (accessionSystem in smart-config.json)`,
    );
  }
};

/** How far in the future a start may lie before it is questioned (clocks of modalities and PCs differ a little). */
export const FUTURE_START_TOLERANCE_MS = 5 * 60_000;
/** The earliest zone is 14 hours ahead of UTC: a date has begun somewhere once UTC midnight minus 14 hours is past. */
const EARLIEST_ZONE_MS = 14 * 3_600_000;

/** The study should not start in the future (a wrong date, or a time entered in the wrong zone): a warning. */
const startedInFuture: PrimitiveHook = (value, prefix, key, elementId, ctx, valueOk) => {
  if (!valueOk || typeof value !== 'string') return;
  const parts = parseDateTime(value);
  if (parts === undefined || (parts.precision !== 'date' && parts.precision !== 'date-time')) return;
  const begins = Date.parse(value) - (parts.precision === 'date' ? EARLIEST_ZONE_MS : 0);
  if (!(begins > Date.now() + FUTURE_START_TOLERANCE_MS)) return;
  const path = childPath(prefix, key);
  const when = parts.precision === 'date' ? 'is a day in the future' : 'is more than 5 minutes in the future';
  ctx.report('warning', 'business-rule', path, `${fieldLabel(elementId, path)} ${when}: check the date and time zone`);
};

/** The DICOM hooks by element id. */
export const DICOM_HOOKS: ReadonlyMap<string, HookSpec> = new Map([
  ['ImagingStudy.identifier:studyUID.value', { formatChecked: true, hook: studyUid }],
  ['Identifier.value', { formatChecked: false, hook: accessionValue }],
  ['ImagingStudy.series.uid', { formatChecked: true, hook: seriesUid }],
  ['ImagingStudy.series.instance.uid', { formatChecked: true, hook: instanceUid }],
  ['ImagingStudy.started', { formatChecked: false, hook: startedInFuture }],
  ['ImagingStudy.numberOfSeries', { formatChecked: false, hook: numberOfSeries }],
  ['ImagingStudy.numberOfInstances', { formatChecked: false, hook: studyNumberOfInstances }],
  ['ImagingStudy.series.numberOfInstances', { formatChecked: false, hook: seriesNumberOfInstances }],
]);

/**
 * Plain words for the changes the conflict dialog lists: `ImagingStudy.series[0].description` becomes
 * "Series 1: description", a coding becomes its display text.
 */
import { isRecord } from '../kernel/json';
import type { StudyChange } from '../study/diff';

const MAX_VALUE_LENGTH = 80;

function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Names that are clearer spelled out than split from camelCase.
const NAMES: Record<string, string> = {
  identifier: 'identifier (Study Instance UID)',
  uid: 'UID',
  sopClass: 'SOP class',
  procedureCode: 'study type',
  reasonCode: 'reason',
};

/** Where a change is, e.g. "Series 2, instance 1: title". */
export function changePlace(path: string): string {
  const parts = path.replace(/^ImagingStudy\.?/, '').split('.');
  const places: string[] = [];
  const names: string[] = [];
  for (const part of parts) {
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
    const name = match?.[1] ?? part;
    const index = match?.[2];
    if ((name === 'series' || name === 'instance') && index !== undefined) {
      places.push(`${name} ${Number(index) + 1}`);
    } else {
      names.push(NAMES[name] ?? words(name));
    }
  }
  const place = capitalized(places.join(', '));
  const what = names.join(' ');
  if (!place) return capitalized(what || 'study');
  return what ? `${place}: ${what}` : place;
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** A value as a person reads it: text as it is, a coding or reference by its display, anything else as JSON. */
export function valueText(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return shorten(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return shorten(value.map(valueText).join(', '));
  if (isRecord(value)) {
    const label = value.display ?? value.text ?? value.code ?? value.reference ?? value.value;
    if (typeof label === 'string') return shorten(label);
    if (Array.isArray(value.coding)) return valueText(value.coding);
  }
  return shorten(JSON.stringify(value));
}

/** One change in a sentence: "Description: "CT chest" → "CT chest, contrast"". */
export function changeText(change: StudyChange): string {
  const place = changePlace(change.path);
  if (change.before === undefined) return `${place}: added ${quote(change.after)}`;
  if (change.after === undefined) return `${place}: removed ${quote(change.before)}`;
  return `${place}: ${quote(change.before)} → ${quote(change.after)}`;
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `“${valueText(value)}”` : valueText(value);
}

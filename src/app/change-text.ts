/**
 * Plain words for the changes the conflict dialog lists: `ImagingStudy.series[0].description` becomes
 * "Series 1: Series description" (the field's label on the form), a coding becomes its display text.
 */
import { isRecord } from '../kernel/json';
import { fieldLabel } from '../profile/fields';
import type { StudyChange } from '../study/diff';

const MAX_VALUE_LENGTH = 80;

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where a change is, e.g. "Series 2, instance 1: Instance title", naming the field as the form does. */
export function changePlace(path: string): string {
  const places = [...path.matchAll(/\b(series|instance)\[(\d+)\]/g)].map(([, name, index]) => {
    return `${name} ${Number(index) + 1}`;
  });
  const place = capitalized(places.join(', '));
  const isRow = path === 'ImagingStudy' || /(?:series|instance)\[\d+\]$/.test(path);
  const what = isRow ? '' : fieldLabel('', path);
  if (!place) return what || 'Study';
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

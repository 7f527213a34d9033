/**
 * The one mapper between FHIRPath issue expressions and react-hook-form field names.
 *
 * Form values mirror the resource JSON, so the mapping is syntactic: `ImagingStudy.series[1].instance[0].uid`
 * <-> `series.1.instance.0.uid`. The Study Instance UID slice is always kept at `identifier[0]` (the
 * slicing is unordered), so slice-style expressions map there too.
 */

import { STUDY_UID_INDEX } from '../study/values';

export const RESOURCE_TYPE = 'ImagingStudy';

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$/;
const STUDY_UID_SLICE = /^identifier(?::studyUID|\.where\(\s*system\s*=\s*'urn:dicom:uid'\s*\))/;

/** Splits a FHIRPath on dots that are outside parentheses and quotes. */
function splitPath(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === '.') {
      parts.push(expression.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(expression.slice(start));
  return parts;
}

/**
 * Maps an issue expression (indexed FHIRPath such as `ImagingStudy.series[1].instance[0].uid`) to the
 * react-hook-form field name (`series.1.instance.0.uid`). Unsupported tails (functions, other
 * resource types) are cut, so the issue lands on the nearest field; `undefined` means the
 * resource itself (a form-level message).
 */
export function expressionToFieldPath(expression: string): string | undefined {
  let rest = expression.trim();
  if (rest === RESOURCE_TYPE) return undefined;
  if (!rest.startsWith(`${RESOURCE_TYPE}.`)) return undefined;
  rest = rest.slice(RESOURCE_TYPE.length + 1);
  rest = rest.replace(STUDY_UID_SLICE, `identifier[${STUDY_UID_INDEX}]`);
  const names: string[] = [];
  for (const segment of splitPath(rest)) {
    const match = SEGMENT.exec(segment);
    if (!match) break;
    names.push(match[1] as string);
    if (match[2] !== undefined) names.push(String(Number(match[2])));
  }
  return names.length > 0 ? names.join('.') : undefined;
}

/** Maps a react-hook-form field name (`series.1.instance.0.uid`) to its FHIRPath expression. */
export function fieldPathToExpression(name: string): string {
  let expression = RESOURCE_TYPE;
  for (const part of name.split('.')) {
    if (part === '') continue;
    expression += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  }
  return expression;
}

/** The schema path of a field name: `series.1.uid` -> `ImagingStudy.series.uid`. */
export function fieldPathToSchemaPath(name: string): string {
  return [RESOURCE_TYPE, ...name.split('.').filter((p) => p !== '' && !/^\d+$/.test(p))].join('.');
}

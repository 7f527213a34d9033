/** Accessibility and path attributes shared by every input. */
import type { ControllerFieldState } from 'react-hook-form';
import { fieldPathToExpression } from '../paths';

export interface FieldStatus {
  /** An error (not a warning): sets aria-invalid and blocks saving. */
  invalid: boolean;
  message?: string;
  /** DOM id of the input; MUI ties `${id}-helper-text` to it via aria-describedby. */
  id: string;
  /** The schema and indexed paths, for the native input element. */
  dataProps: Record<string, string>;
}

/** A DOM id derived from a field name (`series.1.uid` -> `f-series-1-uid`). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * The status of a field: whether it is invalid, the error/warning message for its helper text
 * (which MUI links with aria-describedby), and its schema and indexed paths.
 */
export function fieldStatus(name: string, schemaPath: string, state: ControllerFieldState): FieldStatus {
  const error = state.error;
  const invalid = error !== undefined && error.type !== 'warning';
  const dataProps: Record<string, string> = {
    'data-schema-path': schemaPath,
    'data-path': name,
    'data-expression': fieldPathToExpression(name),
  };
  const status: FieldStatus = { invalid, id: fieldId(name), dataProps };
  if (error?.message) status.message = error.message;
  return status;
}

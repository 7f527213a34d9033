/** Accessibility and path attributes shared by every input. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useFormContext, type ControllerFieldState } from 'react-hook-form';
import { UNFINISHED } from '../issues';
import { fieldPathToExpression } from '../paths';

export interface FieldStatus {
  /** An error (not a warning): sets aria-invalid and blocks saving. */
  invalid: boolean;
  /** The only errors are about an entry that looks unfinished ("1.2."): shown once the user pauses or leaves. */
  unfinished: boolean;
  message?: string;
  /** DOM id of the input; its field (TextBox) ties `${id}-helper-text` to it via aria-describedby. */
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
 * (which the input is described by), and its schema and indexed paths.
 */
export function fieldStatus(name: string, schemaPath: string, state: ControllerFieldState): FieldStatus {
  const error = state.error;
  const invalid = error !== undefined && error.type !== 'warning';
  const dataProps: Record<string, string> = {
    'data-schema-path': schemaPath,
    'data-path': name,
    'data-expression': fieldPathToExpression(name),
  };
  const status: FieldStatus = { invalid, unfinished: error?.type === UNFINISHED, id: fieldId(name), dataProps };
  if (error?.message) status.message = error.message;
  return status;
}

/** How long the user must stop typing before a message about an unfinished entry is shown. */
export const TYPING_PAUSE_MS = 1000;

/**
 * Holds back a message about an unfinished entry while the user is typing: call `typed` on each change and `left` on
 * blur; the status returned shows it after a pause of TYPING_PAUSE_MS or once the field is left. Definite errors are
 * not held back, unless `holdErrors` says that every error of the field is one while it is being typed (a date);
 * warnings never are.
 */
export function useTypingPause(
  status: FieldStatus,
  { holdErrors = false }: { holdErrors?: boolean } = {},
): { shown: FieldStatus; typed: () => void; left: () => void } {
  const [typing, setTyping] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const typed = useCallback(() => {
    clearTimeout(timer.current);
    setTyping(true);
    timer.current = setTimeout(() => setTyping(false), TYPING_PAUSE_MS);
  }, []);
  const left = useCallback(() => {
    clearTimeout(timer.current);
    setTyping(false);
  }, []);
  if (!typing || !(status.unfinished || (holdErrors && status.invalid))) return { shown: status, typed, left };
  const { message: _held, ...rest } = status;
  return { shown: { ...rest, invalid: false }, typed, left };
}

/**
 * The value an input shows. react-hook-form's `control.value` reads an emptied field (stored as undefined) as its
 * loaded value, so the text would come back; after the user empties it, it reads as empty until a value is set.
 * Call `emptied` with whether each change of the user's leaves the field empty.
 */
export function useShownValue(
  name: string,
  controlValue: unknown,
): { value: unknown; emptied: (empty: boolean) => void } {
  const { getValues } = useFormContext();
  const [empty, setEmpty] = useState(false);
  return { value: empty && getValues(name) === undefined ? undefined : controlValue, emptied: setEmpty };
}

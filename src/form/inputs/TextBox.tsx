/**
 * The form's text field: the look, ids and ARIA wiring of MUI's outlined TextField (label, input, helper text tied by
 * aria-describedby, aria-invalid on error, the required mark hidden from screen readers), as plain elements drawn by
 * a static style sheet (./text-box.css). MUI's TextField builds its FormControl, InputLabel, OutlinedInput, notched
 * outline and FormHelperText as styled components, whose styles Emotion computes and serialises on every render:
 * about 30 ms of the 130 ms from "New study" to the editable form after a launch (`npm run bench:ab`, paired rounds).
 * The label always sits raised on the outline.
 *
 * It takes TextField's props as the editor uses them, including what an Autocomplete's `renderInput` passes: the box
 * carries MUI's input class names, so that the Autocomplete's own styles (padding, chips, buttons) apply to it.
 */
import { useForkRef } from '@mui/material/utils';
import { useId, type ChangeEvent, type FocusEvent, type MouseEvent, type ReactNode, type Ref } from 'react';
import './text-box.css';

export interface TextBoxProps {
  id?: string;
  /** The input's name (react-hook-form's `register` passes it, with `ref`). */
  name?: string;
  /** The root element, as TextField's: `register` finds the input inside it. */
  ref?: Ref<HTMLDivElement>;
  label?: ReactNode;
  required?: boolean;
  value?: unknown;
  onChange?: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  onBlur?: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  inputRef?: Ref<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>;
  error?: boolean;
  helperText?: ReactNode;
  placeholder?: string;
  multiline?: boolean;
  maxRows?: number;
  fullWidth?: boolean;
  size?: 'small' | 'medium';
  disabled?: boolean;
  /** A native select: `children` are its options. */
  select?: boolean;
  children?: ReactNode;
  slotProps?: TextBoxSlotProps;
}

interface TextBoxSlotProps {
  /** Attributes of the native input, textarea or select (an Autocomplete's include its `ref` and handlers). */
  htmlInput?: Record<string, unknown>;
  /** The box around the input: `startAdornment`, `endAdornment`, an Autocomplete's `ref`, `className`, `onMouseDown`. */
  input?: Record<string, unknown>;
  /**
   * Accepted for TextField compatibility: the label is always raised, and its ids are the ones an Autocomplete passes
   * (`${id}-label`, for `id`).
   */
  inputLabel?: Record<string, unknown>;
  /** Accepted for TextField compatibility: the select is always native. */
  select?: { native?: boolean };
}

/**
 * A multi-line box grows with its text up to `maxRows` lines by CSS (`field-sizing: content`), not by measuring a
 * hidden copy of the text in a layout effect (a forced layout of the whole page while the editor first renders).
 * Browsers without field-sizing show one line that scrolls.
 */
function growingStyle(style: unknown, maxRows = 8): Record<string, unknown> {
  return { fieldSizing: 'content', maxHeight: `${maxRows * 1.4375}em`, ...(style as object | undefined) };
}

/** A handler that calls `first`, then `second`; either may be absent. */
function both<E>(first: ((event: E) => void) | undefined, second: unknown): ((event: E) => void) | undefined {
  const other = second as ((event: E) => void) | undefined;
  if (!first || !other) return first ?? other;
  return (event) => {
    first(event);
    other(event);
  };
}

const classes = (...names: (string | false | undefined)[]): string => names.filter(Boolean).join(' ');

export function TextBox({
  id: idProp,
  name,
  ref,
  label,
  required = false,
  value,
  onChange,
  onBlur,
  inputRef,
  error = false,
  helperText,
  placeholder,
  multiline = false,
  maxRows,
  fullWidth = false,
  size,
  disabled = false,
  select = false,
  children,
  slotProps = {},
}: TextBoxProps) {
  const generated = useId();
  const id = idProp ?? generated;
  const helperTextId = helperText ? `${id}-helper-text` : undefined;
  const hasLabel = label != null && label !== '';
  const small = size === 'small';
  const {
    ref: boxRef,
    className: boxClass,
    startAdornment,
    endAdornment,
    onMouseDown,
    ...boxInputProps
  } = (slotProps.input ?? {}) as Record<string, unknown>;
  const {
    ref: htmlRef,
    className: inputClass,
    style,
    ...htmlInput
  } = (slotProps.htmlInput ?? {}) as Record<string, unknown>;
  const setInput = useForkRef(inputRef, htmlRef as Ref<HTMLElement> | undefined);
  const inputProps = {
    id,
    name,
    value,
    placeholder,
    disabled,
    required,
    'aria-invalid': error,
    'aria-describedby': helperTextId,
    ...boxInputProps,
    ...htmlInput,
    // Both the field's handler and the input slot's (an Autocomplete's) are called, as MUI's InputBase calls both.
    onChange: both(onChange, htmlInput.onChange),
    onBlur: both(onBlur, htmlInput.onBlur),
    className: classes('imr-field__input', 'MuiInputBase-input', inputClass as string | undefined),
    style: multiline ? growingStyle(style, maxRows) : style,
    ref: setInput,
  } as Record<string, unknown>;
  // A click on the box's padding or its adornments puts the caret in the input, as MUI's InputBase does.
  const focusInput = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target === event.currentTarget)
      event.currentTarget.querySelector<HTMLElement>('input, textarea, select')?.focus();
  };
  return (
    <div
      ref={ref}
      className={classes(
        'imr-field',
        'MuiTextField-root',
        fullWidth && 'imr-field--full',
        small && 'imr-field--small',
        error && 'imr-field--error',
        disabled && 'imr-field--disabled',
      )}
    >
      {hasLabel && (
        <label className="imr-field__label" htmlFor={id} id={`${id}-label`}>
          {label}
          {required && <span aria-hidden="true"> *</span>}
        </label>
      )}
      <div
        ref={boxRef as Ref<HTMLDivElement> | undefined}
        className={classes(
          'imr-field__box',
          'MuiInputBase-root',
          'MuiOutlinedInput-root',
          small && 'MuiInputBase-sizeSmall',
          endAdornment != null && 'imr-field__box--end',
          boxClass as string | undefined,
        )}
        onMouseDown={onMouseDown as ((event: MouseEvent<HTMLDivElement>) => void) | undefined}
        onClick={focusInput}
      >
        {startAdornment as ReactNode}
        {select ? (
          <select {...inputProps}>{children}</select>
        ) : multiline ? (
          <textarea rows={1} {...inputProps} />
        ) : (
          <input {...inputProps} />
        )}
        {endAdornment as ReactNode}
      </div>
      {helperText && (
        <p className="imr-field__helper" id={helperTextId}>
          {helperText}
        </p>
      )}
    </div>
  );
}

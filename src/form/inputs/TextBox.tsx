/**
 * The form's text field: MUI's outlined TextField as its parts (FormControl, InputLabel, OutlinedInput,
 * FormHelperText), with the same ids and ARIA wiring, and a native select. MUI's TextField imports its menu-based
 * Select (Select, Menu, Popover, MenuList, Grow, and the filled and standard inputs) even where only native selects
 * are used: about 10 KB gz of the editor's first load that no screen of ours shows.
 *
 * It takes TextField's props as the editor uses them, including what an Autocomplete's `renderInput` passes.
 */
import {
  FormControl,
  FormHelperText,
  InputLabel,
  NativeSelect,
  OutlinedInput,
  type InputBaseComponentProps,
  type InputLabelProps,
  type OutlinedInputProps,
} from '@mui/material';
import { useId, type ChangeEvent, type FocusEvent, type ReactNode, type Ref } from 'react';

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
  htmlInput?: InputBaseComponentProps | Record<string, unknown>;
  input?: Partial<OutlinedInputProps> | Record<string, unknown>;
  inputLabel?: Partial<InputLabelProps> | Record<string, unknown>;
  /** Accepted for TextField compatibility; the select is always native. */
  select?: { native?: boolean };
}

/**
 * A multi-line box that grows with its text up to `maxRows` lines, by CSS (`field-sizing: content`) rather than MUI's
 * TextareaAutosize, which measures a hidden copy of the text in a layout effect: a forced layout of the whole page
 * while the editor first renders. Browsers without field-sizing show one line that scrolls.
 */
function growing(htmlInput: TextBoxSlotProps['htmlInput'], maxRows = 8): InputBaseComponentProps {
  const props = (htmlInput ?? {}) as InputBaseComponentProps;
  const style = { fieldSizing: 'content', maxHeight: `${maxRows * 1.4375}em`, ...(props.style as object) };
  return { ...props, style } as InputBaseComponentProps;
}

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
  const labelId = label != null && label !== '' ? `${id}-label` : undefined;
  const labelProps = slotProps.inputLabel as Partial<InputLabelProps> | undefined;
  const inputProps = slotProps.input as Partial<OutlinedInputProps> | undefined;
  const input = (
    <OutlinedInput
      id={id}
      name={name}
      aria-describedby={select ? undefined : helperTextId}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      inputRef={inputRef}
      placeholder={placeholder}
      multiline={multiline}
      {...(multiline ? { rows: 1 } : {})}
      fullWidth={fullWidth}
      label={label}
      {...(labelProps?.shrink === undefined ? {} : { notched: labelProps.shrink })}
      inputProps={multiline ? growing(slotProps.htmlInput, maxRows) : (slotProps.htmlInput as InputBaseComponentProps)}
      {...inputProps}
    />
  );
  return (
    <FormControl
      ref={ref}
      className="MuiTextField-root"
      disabled={disabled}
      error={error}
      fullWidth={fullWidth}
      required={required}
      size={size}
      variant="outlined"
    >
      {labelId !== undefined && (
        <InputLabel htmlFor={id} id={labelId} {...labelProps}>
          {label}
        </InputLabel>
      )}
      {select ? (
        <NativeSelect input={input} inputProps={{ 'aria-describedby': helperTextId }}>
          {children}
        </NativeSelect>
      ) : (
        input
      )}
      {helperText && <FormHelperText id={helperTextId}>{helperText}</FormHelperText>}
    </FormControl>
  );
}

import { TextBox } from './TextBox';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

/** A digits-only value becomes a JSON number; anything else is kept as typed for the validator to flag. */
export function parseUnsignedInt(text: string): number | string | undefined {
  if (text === '') return undefined;
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

/** unsignedInt / positiveInt / integer. */
export function UnsignedIntInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const value = control.value;
  return (
    <TextBox
      id={status.id}
      label={label ?? field.label}
      required={field.required}
      value={typeof value === 'number' || typeof value === 'string' ? String(value) : ''}
      onChange={(e) => control.onChange(parseUnsignedInt(e.target.value))}
      onBlur={control.onBlur}
      inputRef={control.ref}
      error={status.invalid}
      helperText={status.message}
      size="small"
      slotProps={{ htmlInput: { ...status.dataProps, readOnly, inputMode: 'numeric' } }}
    />
  );
}

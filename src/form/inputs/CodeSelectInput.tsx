import { TextBox } from './TextBox';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

/** code with a bound value set (e.g. status): a native select of the value set's codes. */
export function CodeSelectInput({ field, name, label }: InputProps) {
  const { readOnly, valueSet } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const concepts = valueSet(field.valueSet)?.concepts ?? [];
  const value = typeof control.value === 'string' ? control.value : '';
  const known = concepts.some((c) => c.code === value);
  return (
    <TextBox
      select
      id={status.id}
      label={label ?? field.label}
      required={field.required}
      value={value}
      onChange={(e) => control.onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={control.onBlur}
      inputRef={control.ref}
      error={status.invalid}
      helperText={status.message}
      size="small"
      disabled={readOnly}
      slotProps={{ select: { native: true }, htmlInput: status.dataProps, inputLabel: { shrink: true } }}
    >
      <option value="">—</option>
      {!known && value !== '' && <option value={value}>{value}</option>}
      {concepts.map((c) => (
        <option key={`${c.system}|${c.code}`} value={c.code}>
          {c.display ? `${c.code} — ${c.display}` : c.code}
        </option>
      ))}
    </TextBox>
  );
}

import { TextBox } from './TextBox';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

/**
 * string / markdown / uri / id: the value is stored exactly as typed (hostile text included) and
 * rendered by React as text.
 */
export function StringInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const multiline = field.kind === 'markdown' || field.name === 'description';
  return (
    <TextBox
      id={status.id}
      label={label ?? field.label}
      required={field.required}
      value={typeof control.value === 'string' ? control.value : ''}
      onChange={(e) => control.onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={control.onBlur}
      inputRef={control.ref}
      error={status.invalid}
      helperText={status.message}
      multiline={multiline}
      maxRows={multiline ? 8 : undefined}
      fullWidth
      size="small"
      slotProps={{ htmlInput: { ...status.dataProps, readOnly } }}
    />
  );
}

import { TextBox } from './TextBox';
import { useFormContext } from 'react-hook-form';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

/**
 * The accession number: the value of the identifier entry typed ACSN. Stored as typed (trimmed on save); a new
 * number takes the accession namespace the site configured for this FHIR server as its system.
 */
export function AccessionInput({ field, name, label }: InputProps) {
  const { readOnly, accessionSystem } = useEditor();
  const { getValues, setValue } = useFormContext();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const systemName = name.replace(/\.value$/, '.system');
  return (
    <TextBox
      id={status.id}
      label={label ?? field.label}
      value={typeof control.value === 'string' ? control.value : ''}
      onChange={(e) => {
        if (accessionSystem !== undefined && getValues(systemName) === undefined) setValue(systemName, accessionSystem);
        control.onChange(e.target.value === '' ? undefined : e.target.value);
      }}
      onBlur={control.onBlur}
      inputRef={control.ref}
      error={status.invalid}
      helperText={status.message}
      fullWidth
      size="small"
      slotProps={{ htmlInput: { ...status.dataProps, readOnly, spellCheck: false, autoComplete: 'off' } }}
    />
  );
}

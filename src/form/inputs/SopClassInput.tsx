import { Autocomplete, Box } from '@mui/material';
import { TextBox } from './TextBox';
import type { Coding } from 'fhir/r4';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { STORAGE_SOP_CLASSES, type SopClass } from '../../profile/sop-classes';
import { bareUid } from '../../kernel/uid';
import { sopClassCoding, sopClassUidOf } from '../../study/sop-class';
import { fieldStatus } from './a11y';
import { isCoding } from './coding';
import type { InputProps } from './types';

/** The SOP class a Coding names (known classes get their name; others keep the bare UID). */
function codingToSop(coding: Coding): SopClass {
  const uid = sopClassUidOf(coding);
  return STORAGE_SOP_CLASSES.find((s) => s.uid === uid) ?? { uid, name: coding.display ?? '' };
}

const matches = (sop: SopClass, query: string): boolean => {
  const q = query.trim().toLowerCase();
  return q === '' || sop.uid.startsWith(q) || sop.name.toLowerCase().includes(q);
};

/**
 * The instance SOP class: a searchable picker (by name or UID) over the common storage SOP classes.
 * A UID that is not listed can be typed and is kept (the binding is extensible).
 */
export function SopClassInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const value = isCoding(control.value) ? codingToSop(control.value) : null;
  return (
    <Autocomplete<SopClass, false, false, true>
      freeSolo
      autoSelect
      id={status.id}
      options={STORAGE_SOP_CLASSES}
      value={value}
      readOnly={readOnly}
      filterOptions={(options, state) => options.filter((o) => matches(o, state.inputValue))}
      isOptionEqualToValue={(a, b) => typeof b !== 'string' && a.uid === b.uid}
      getOptionLabel={(o) => (typeof o === 'string' ? o : o.name === '' ? o.uid : o.name)}
      renderOption={(props, option) => {
        const { key, ...rest } = props;
        return (
          <Box component="li" key={key} {...rest}>
            {option.name}&nbsp;<small>{option.uid}</small>
          </Box>
        );
      }}
      onChange={(_e, v) => {
        if (v === null || v === '') control.onChange(undefined);
        else if (typeof v === 'string') {
          const uid = bareUid(v);
          const known = STORAGE_SOP_CLASSES.find((s) => s.uid === uid || s.name === v);
          control.onChange(known ? sopClassCoding(known.uid, known.name) : sopClassCoding(uid));
        } else control.onChange(sopClassCoding(v.uid, v.name));
      }}
      onBlur={control.onBlur}
      renderInput={(params) => (
        <TextBox
          {...params}
          label={label ?? field.label}
          required={field.required}
          error={status.invalid}
          helperText={status.message}
          inputRef={control.ref}
          size="small"
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...status.dataProps } }}
        />
      )}
    />
  );
}

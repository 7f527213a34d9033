import { Autocomplete, Box, TextField, type AutocompleteRenderInputParams } from '@mui/material';
import type { Ref } from 'react';
import type { Coding } from 'fhir/r4';
import { useController } from 'react-hook-form';
import { useEditor } from '../context';
import { fieldStatus } from './a11y';
import { codingLabel, codingsOf, conceptToCoding, inConcepts, isCoding, rankConcepts, sameCoding } from './coding';
import { FreeCodingInput } from './FreeCodingInput';
import { OtherCodeEntry } from './OtherCodeEntry';
import type { InputProps } from './types';

const filterCodings = (options: Coding[], state: { inputValue: string }): Coding[] =>
  rankConcepts(
    options.map((coding) => ({
      system: coding.system ?? '',
      code: coding.code ?? '',
      display: coding.display,
      coding,
    })),
    state.inputValue,
  ).map((c) => c.coding);

function useConcepts(valueSetUrl: string | undefined) {
  const { valueSet } = useEditor();
  const vs = valueSet(valueSetUrl);
  return { concepts: vs?.concepts ?? [], title: vs?.title ?? vs?.name ?? 'the value set' };
}

function outsideWarning(codings: Coding[], inSet: (c: Coding) => boolean, title: string): string | undefined {
  const outside = codings.filter((c) => !inSet(c));
  if (outside.length === 0) return undefined;
  return `${outside.map((c) => c.code ?? '').join(', ')} not in ${title}`;
}

function renderOption(props: React.HTMLAttributes<HTMLLIElement> & { key: React.Key }, option: Coding) {
  const { key, ...rest } = props;
  return (
    <Box component="li" key={key} {...rest}>
      <strong>{option.code}</strong>&nbsp;{option.display}
    </Box>
  );
}

/**
 * Coding[] with a bound value set (e.g. study modality): a searchable multi-select showing code and
 * meaning. For an extensible binding, a code outside the set can be added (with a warning).
 */
export function CodingListInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useController({ name });
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const { concepts, title } = useConcepts(field.valueSet);
  const selected = codingsOf(control.value);
  const options = concepts.map(conceptToCoding);
  const warning = outsideWarning(selected, (c) => inConcepts(c, concepts), title);
  const helper = [status.message, warning].filter((m) => m !== undefined).join('; ');
  const fieldLabel = label ?? field.label;
  return (
    <Box>
      <Autocomplete
        multiple
        id={status.id}
        options={options}
        value={selected}
        readOnly={readOnly}
        filterOptions={filterCodings}
        isOptionEqualToValue={sameCoding}
        getOptionLabel={codingLabel}
        renderOption={renderOption}
        onChange={(_e, value) => control.onChange(value)}
        onBlur={control.onBlur}
        renderInput={(params) => (
          <PickerTextField
            params={params}
            label={fieldLabel}
            required={field.required}
            status={status}
            helper={helper}
            inputRef={control.ref}
          />
        )}
      />
      {!readOnly && field.bindingStrength !== 'required' && (
        <OtherCodeEntry
          label={fieldLabel}
          defaultSystem={concepts[0]?.system ?? ''}
          onAdd={(coding) => control.onChange([...selected, coding])}
        />
      )}
    </Box>
  );
}

/**
 * A single Coding (e.g. series modality): the same picker, single-valued. Without a known value set
 * (example bindings such as body site) the Coding is typed as system + code + meaning.
 */
export function CodingInput(props: InputProps) {
  const { valueSet } = useEditor();
  const known = (valueSet(props.field.valueSet)?.concepts.length ?? 0) > 0;
  return known ? <CodingPicker {...props} /> : <FreeCodingInput {...props} />;
}

function CodingPicker({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useController({ name });
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const { concepts, title } = useConcepts(field.valueSet);
  const value = isCoding(control.value) ? control.value : null;
  const options = concepts.map(conceptToCoding);
  const warning = value ? outsideWarning([value], (c) => inConcepts(c, concepts), title) : undefined;
  const helper = [status.message, warning].filter((m) => m !== undefined).join('; ');
  const fieldLabel = label ?? field.label;
  return (
    <Box>
      <Autocomplete
        id={status.id}
        options={value && !options.some((o) => sameCoding(o, value)) ? [...options, value] : options}
        value={value}
        readOnly={readOnly}
        filterOptions={filterCodings}
        isOptionEqualToValue={sameCoding}
        getOptionLabel={codingLabel}
        renderOption={renderOption}
        onChange={(_e, v) => control.onChange(v ?? undefined)}
        onBlur={control.onBlur}
        renderInput={(params) => (
          <PickerTextField
            params={params}
            label={fieldLabel}
            required={field.required}
            status={status}
            helper={helper}
            inputRef={control.ref}
          />
        )}
      />
      {!readOnly && field.bindingStrength !== 'required' && (
        <OtherCodeEntry
          label={fieldLabel}
          defaultSystem={concepts[0]?.system ?? ''}
          onAdd={(coding) => control.onChange(coding)}
        />
      )}
    </Box>
  );
}

interface PickerTextFieldProps {
  params: AutocompleteRenderInputParams;
  label: string;
  required: boolean;
  status: ReturnType<typeof fieldStatus>;
  helper: string;
  inputRef: Ref<HTMLInputElement>;
}

/** The text field of both coding pickers: label, required mark, error state and the message as helper text. */
export function PickerTextField({ params, label, required, status, helper, inputRef }: PickerTextFieldProps) {
  return (
    <TextField
      {...params}
      label={label}
      required={required}
      error={status.invalid}
      helperText={helper === '' ? undefined : helper}
      inputRef={inputRef}
      size="small"
      slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...status.dataProps } }}
    />
  );
}

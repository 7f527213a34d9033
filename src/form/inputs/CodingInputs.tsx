import { Autocomplete, Box, Typography, type AutocompleteRenderInputParams } from '@mui/material';
import { TextBox } from './TextBox';
import { useRef, useState, type FocusEvent, type KeyboardEvent, type Ref } from 'react';
import type { Coding } from 'fhir/r4';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { fieldStatus } from './a11y';
import { codingLabel, codingsOf, conceptToCoding, inConcepts, isCoding, rankCodings, sameCoding } from './coding';
import { FreeCodingInput } from './FreeCodingInput';
import { OtherCodeEntry } from './OtherCodeEntry';
import type { InputProps } from './types';

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

/** What typed text picks: the option whose code it is exactly, else the only option it matches. */
export function typedMatch(options: Coding[], typed: string): { pick?: Coding; count: number } {
  const q = typed.trim().toLowerCase();
  const exact = options.find((o) => (o.code ?? '').toLowerCase() === q);
  if (exact) return { pick: exact, count: 1 };
  const matches = rankCodings(options, { inputValue: q });
  return matches.length === 1 ? { pick: matches[0] as Coding, count: 1 } : { count: matches.length };
}

type MuiKeyboardEvent = KeyboardEvent & { defaultMuiPrevented?: boolean };

/**
 * Typed text in a coding picker: an exact code or a unique match is selected on Enter, Tab or leaving the field; text
 * that selects nothing stays in the field with a note saying why (it is never dropped silently). Enter on an option
 * highlighted with the arrow keys (or the mouse) is left to the Autocomplete.
 */
function useTypedEntry(
  single: boolean,
  options: Coding[],
  selectedLabel: string | undefined,
  pick: (coding: Coding) => void,
  title: string,
) {
  const [input, setInput] = useState(selectedLabel ?? '');
  const [note, setNote] = useState<string>();
  // A ref, not state: a re-render on each highlight would make the Autocomplete re-sync (and drop) its highlight.
  const highlighted = useRef<Coding | null>(null);
  const [open, setOpen] = useState(false);
  const pending = (): string | undefined => {
    const typed = input.trim();
    return typed === '' || input === selectedLabel ? undefined : typed;
  };
  /** Selects what the text names; the single picker then shows the pick's label, the multi-select an empty field. */
  const settle = (): void => {
    const typed = pending();
    if (typed === undefined) return;
    const { pick: match, count } = typedMatch(options, typed);
    if (match) {
      pick(match);
      setNote(undefined);
      setInput(single ? codingLabel(match) : '');
      return;
    }
    setNote(
      count === 0
        ? `"${typed}" is not a code in ${title} and was not added: correct it, or add it with "Other code".`
        : `"${typed}" matches ${count} codes and was not added: type more, or choose one with the arrow keys.`,
    );
  };
  return {
    note,
    inputValue: input,
    onInputChange: (_e: unknown, value: string) => {
      setInput(value);
      setNote(undefined);
    },
    open,
    onOpen: () => setOpen(true),
    onClose: () => setOpen(false),
    onHighlightChange: (_e: unknown, option: Coding | null) => {
      highlighted.current = option;
    },
    onKeyDown: (e: MuiKeyboardEvent) => {
      if (e.key !== 'Enter' || highlighted.current !== null || pending() === undefined) return;
      e.preventDefault();
      e.defaultMuiPrevented = true;
      settle();
      setOpen(false);
    },
    onBlur: (_e: FocusEvent) => settle(),
    clearOnBlur: false,
  };
}

/** The note under a picker about typed text that selected nothing; always present, so that it is announced. */
function EntryNote({ id, note }: { id: string; note: string | undefined }) {
  return (
    <Typography
      id={`${id}-entry-note`}
      role="status"
      variant="caption"
      color="warning.dark"
      sx={{ display: 'block', mx: 1.75 }}
    >
      {note}
    </Typography>
  );
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
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const { concepts, title } = useConcepts(field.valueSet);
  const selected = codingsOf(control.value);
  const options = concepts.map(conceptToCoding);
  const warning = outsideWarning(selected, (c) => inConcepts(c, concepts), title);
  const helper = [status.message, warning].filter((m) => m !== undefined).join('; ');
  const fieldLabel = label ?? field.label;
  const {
    onBlur: settleOnBlur,
    note,
    ...entry
  } = useTypedEntry(
    false,
    options,
    undefined,
    (coding) => {
      if (!selected.some((c) => sameCoding(c, coding))) control.onChange([...selected, coding]);
    },
    title,
  );
  return (
    <Box>
      <Autocomplete
        multiple
        id={status.id}
        options={options}
        value={selected}
        readOnly={readOnly}
        filterOptions={rankCodings}
        isOptionEqualToValue={sameCoding}
        getOptionLabel={codingLabel}
        renderOption={renderOption}
        onChange={(_e, value) => control.onChange(value)}
        {...entry}
        onBlur={(e) => {
          settleOnBlur(e);
          control.onBlur();
        }}
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
      <EntryNote id={status.id} note={note} />
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
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const { concepts, title } = useConcepts(field.valueSet);
  const value = isCoding(control.value) ? control.value : null;
  const options = concepts.map(conceptToCoding);
  const warning = value ? outsideWarning([value], (c) => inConcepts(c, concepts), title) : undefined;
  const helper = [status.message, warning].filter((m) => m !== undefined).join('; ');
  const fieldLabel = label ?? field.label;
  const {
    onBlur: settleOnBlur,
    note,
    ...entry
  } = useTypedEntry(true, options, value ? codingLabel(value) : undefined, (coding) => control.onChange(coding), title);
  return (
    <Box>
      <Autocomplete
        id={status.id}
        options={value && !options.some((o) => sameCoding(o, value)) ? [...options, value] : options}
        value={value}
        readOnly={readOnly}
        filterOptions={rankCodings}
        isOptionEqualToValue={sameCoding}
        getOptionLabel={codingLabel}
        renderOption={renderOption}
        onChange={(_e, v) => control.onChange(v ?? undefined)}
        {...entry}
        onBlur={(e) => {
          settleOnBlur(e);
          control.onBlur();
        }}
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
      <EntryNote id={status.id} note={note} />
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
    <TextBox
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

/**
 * The referrer: a search of the server's Practitioners by name, each shown with its name and identifier; picking one
 * refers to it (`Practitioner/<id>` with the name as display). No raw reference box. Without the permission to search
 * Practitioners the picker is read-only and says which permission is missing; the referrer the study has stays shown.
 */
import { Autocomplete, Box, Typography } from '@mui/material';
import { TextBox } from './TextBox';
import type { Practitioner, Reference } from 'fhir/r4';
import { useEffect, useState } from 'react';
import { useFormField } from './form-field';
import { isRecord } from '../../kernel/json';
import { personNameText } from '../../kernel/patient';
import { useEditor } from '../context';
import { useEditorLookups } from '../lookups';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

/** One search result, or the study's referrer as it is. */
interface Option {
  reference: Reference;
  /** The Practitioner's identifiers, e.g. "STAFF-2001". */
  identifiers?: string;
}

/** Waits this long after the last key before searching, so typing a name sends one search, not one per letter. */
const SEARCH_DELAY_MS = 250;

const NO_SEARCH = 'Searching practitioners is not available here.';

function optionOf(p: Practitioner): Option | undefined {
  if (!p.id) return undefined;
  const name = personNameText(p);
  const reference: Reference = { reference: `Practitioner/${p.id}`, ...(name ? { display: name } : {}) };
  const identifiers = (p.identifier ?? [])
    .map((i) => i.value)
    .filter(Boolean)
    .join(', ');
  return identifiers ? { reference, identifiers } : { reference };
}

const optionLabel = (o: Option): string => o.reference.display ?? o.reference.reference ?? '';
const sameOption = (a: Option, b: Option): boolean =>
  a.reference.reference === b.reference.reference && a.reference.display === b.reference.display;

/** The Practitioners whose name contains `text`; `undefined` while a search is under way. */
function usePractitionerSearch(text: string, search: ((text: string) => Promise<Practitioner[]>) | undefined) {
  const [found, setFound] = useState<{ text: string; options: Option[]; failed: boolean }>();
  const query = text.trim();
  useEffect(() => {
    if (!search || query === '') return;
    let live = true;
    const timer = setTimeout(() => {
      search(query).then(
        (list) => live && setFound({ text: query, options: list.flatMap((p) => optionOf(p) ?? []), failed: false }),
        () => live && setFound({ text: query, options: [], failed: true }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, search]);
  return query === '' ? { options: [], failed: false } : found?.text === query ? found : undefined;
}

export function PractitionerReferenceInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { searchPractitioners, practitionersUnavailable } = useEditorLookups();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const [input, setInput] = useState('');
  const value: Option | null = isRecord(control.value) ? { reference: control.value as Reference } : null;
  const cannot = searchPractitioners ? undefined : (practitionersUnavailable ?? NO_SEARCH);
  const typed = value !== null && input === optionLabel(value) ? '' : input;
  const result = usePractitionerSearch(typed, searchPractitioners);
  const unlinked =
    value !== null && !value.reference.reference
      ? `${optionLabel(value)} is not linked to a practitioner record: search to pick one`
      : undefined;
  const failed = result?.failed ? 'The practitioner search failed; try again' : undefined;
  const helper = [status.message, cannot, failed, unlinked].filter(Boolean).join('; ');
  const text = label ?? field.label;
  return (
    <Autocomplete<Option>
      id={status.id}
      options={result?.options ?? []}
      value={value}
      // Read-only, not disabled, without the search: the reason stays readable and the field reachable by keyboard.
      readOnly={readOnly || cannot !== undefined}
      loading={typed.trim() !== '' && result === undefined}
      noOptionsText={typed.trim() === '' ? 'Type a name to search' : 'No practitioner found'}
      filterOptions={(options) => options}
      isOptionEqualToValue={sameOption}
      getOptionLabel={optionLabel}
      inputValue={input}
      onInputChange={(_e, v) => setInput(v)}
      onChange={(_e, v) => control.onChange(v ? { ...v.reference } : undefined)}
      onBlur={control.onBlur}
      renderOption={({ key, ...props }, option) => (
        <Box component="li" key={key} {...props}>
          {optionLabel(option)}
          {option.identifiers && (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
              {option.identifiers}
            </Typography>
          )}
        </Box>
      )}
      renderInput={(params) => (
        <TextBox
          {...params}
          label={text}
          error={status.invalid}
          helperText={helper === '' ? undefined : helper}
          inputRef={control.ref}
          size="small"
          placeholder="Search by name"
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...status.dataProps } }}
        />
      )}
    />
  );
}

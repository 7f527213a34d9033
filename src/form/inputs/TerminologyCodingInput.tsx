/**
 * A series' body site (DICOM CID 4031) or laterality (CID 244): a searchable picker over the DICOM code list, which
 * loads in a chunk of its own. R4 binds both by example only, so the list is an offer: a code from elsewhere stays
 * (noted), a DICOM term the import could not code stays as text until a region is picked, and "Other code…" takes a
 * system, code and meaning.
 */
import { Autocomplete, Box, Typography } from '@mui/material';
import type { Coding } from 'fhir/r4';
import { useFormField } from './form-field';
import type { ValueSetModel } from '../../profile/model';
import { useEditor } from '../context';
import { lazyModule } from '../lazy-module';
import { fieldStatus } from './a11y';
import { PickerTextField } from './CodingInputs';
import { conceptToCoding, inConcepts, isCoding, rankCodings, sameCoding } from './coding';
import { OtherCodeEntry } from './OtherCodeEntry';
import type { InputProps } from './types';

/** The DICOM code lists, in a chunk of their own (shared with the DICOM import). */
export const terminologyTables = lazyModule(() => import('../../profile/dicom-terminology'));

export type TerminologyTable = 'anatomic-region' | 'laterality';

type Tables = Awaited<ReturnType<typeof terminologyTables.load>>;

const TABLE: Record<TerminologyTable, (module: Tables) => ValueSetModel> = {
  'anatomic-region': (m) => m.ANATOMIC_REGIONS,
  laterality: (m) => m.LATERALITY,
};

const optionLabel = (coding: Coding): string => coding.display ?? coding.code ?? '';

const sameOption = (a: Coding, b: Coding): boolean =>
  a.code === undefined && b.code === undefined ? a.display === b.display : sameCoding(a, b);

/** Ranked as the other pickers rank, but a meaning that is exactly what was typed comes first ("chest": Chest). */
function filterOptions(options: Coding[], state: { inputValue: string }): Coding[] {
  const typed = state.inputValue.trim().toLowerCase();
  const ranked = rankCodings(options, state);
  const exact = ranked.filter((c) => c.display?.toLowerCase() === typed);
  return [...exact, ...ranked.filter((c) => !exact.includes(c))];
}

function renderOption(props: React.HTMLAttributes<HTMLLIElement> & { key: React.Key }, option: Coding) {
  const { key, ...rest } = props;
  return (
    <Box component="li" key={key} {...rest}>
      {optionLabel(option)}
      {option.code !== undefined && (
        <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
          {option.code}
        </Typography>
      )}
    </Box>
  );
}

/** What to tell the user about the value beside its validation message: uncoded, or a code outside the list. */
function valueNote(value: Coding | null, list: ValueSetModel | undefined, label: string): string | undefined {
  if (value === null) return undefined;
  if (value.code === undefined) return `"${value.display ?? ''}" has no code: pick the ${label.toLowerCase()} it means`;
  if (list === undefined || inConcepts(value, list.concepts)) return undefined;
  return `${value.code} is not in ${list.title ?? list.url} (kept as it is)`;
}

export function TerminologyCodingInput({ field, name, label, table }: InputProps & { table: TerminologyTable }) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const loaded = terminologyTables.useModule();
  const list = loaded.status === 'ready' ? TABLE[table](loaded.module) : undefined;
  const value = isCoding(control.value) ? control.value : null;
  const options = (list?.concepts ?? []).map(conceptToCoding);
  const fieldLabel = label ?? field.label;
  const unloaded = loaded.status === 'failed' ? 'The list could not be loaded: use "Other code…"' : undefined;
  const helper = [status.message, valueNote(value, list, fieldLabel), unloaded].filter(Boolean).join('; ');
  return (
    <Box>
      <Autocomplete
        id={status.id}
        options={value && !options.some((o) => sameOption(o, value)) ? [...options, value] : options}
        value={value}
        readOnly={readOnly}
        loading={loaded.status === 'loading'}
        filterOptions={filterOptions}
        isOptionEqualToValue={sameOption}
        getOptionLabel={optionLabel}
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
      {!readOnly && (
        <OtherCodeEntry
          label={fieldLabel}
          defaultSystem={list?.concepts[0]?.system ?? ''}
          onAdd={(coding) => control.onChange(coding)}
        />
      )}
    </Box>
  );
}

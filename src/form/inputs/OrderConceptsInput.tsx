/**
 * Study type (procedureCode) and reason (reasonCode): the coded concepts the patient's orders carry are offered
 * first (a RadLex Playbook coding first, as R4 prefers it for procedureCode); anything else is typed as free text
 * (Enter, or leaving the field, keeps it). The system / code / meaning entry stays behind "Other code…". Concepts
 * already on the study, with every coding, are kept as they are.
 */
import { Autocomplete, Box, Typography } from '@mui/material';
import { TextBox } from './TextBox';
import type { CodeableConcept, Coding } from 'fhir/r4';
import { useEffect, useState } from 'react';
import { useFormField } from './form-field';
import { SNOMED_SYSTEM } from '../../kernel/canonicals';
import { isRecord } from '../../kernel/json';
import { procedureText, RADLEX_SYSTEMS } from '../../study/order';
import { useEditor } from '../context';
import { useEditorLookups, type OrderConcepts } from '../lookups';
import { fieldStatus } from './a11y';
import { OtherCodeEntry } from './OtherCodeEntry';
import type { InputProps } from './types';

type Option = CodeableConcept | string;

const conceptKey = (c: CodeableConcept): string =>
  JSON.stringify([c.text ?? '', (c.coding ?? []).map((x) => [x.system ?? '', x.code ?? '', x.display ?? ''])]);

/** The concept in words; a concept with neither text nor coding is shown as empty, not dropped. */
const conceptLabel = (option: Option): string =>
  typeof option === 'string' ? option : procedureText(option) || '(empty)';

/** The concept's codes, short: "RPID16 · 36643-5". */
const codesOf = (c: CodeableConcept): string =>
  (c.coding ?? [])
    .map((x) => x.code)
    .filter(Boolean)
    .join(' · ');

function useOrderConcepts(which: keyof OrderConcepts): CodeableConcept[] {
  const { orderConcepts } = useEditorLookups();
  const [concepts, setConcepts] = useState<CodeableConcept[]>([]);
  useEffect(() => {
    if (!orderConcepts) return;
    let live = true;
    // Without the orders (a failed search) the field still takes free text and codes.
    orderConcepts().then(
      (all) => live && setConcepts(all[which]),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [orderConcepts, which]);
  return concepts;
}

/** The code system "Other code…" starts with: the RadLex Playbook for a procedure, SNOMED CT for a reason. */
const OTHER_SYSTEM: Record<string, string> = { procedureCode: RADLEX_SYSTEMS[0] ?? '', reasonCode: SNOMED_SYSTEM };

export function OrderConceptsInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const which: keyof OrderConcepts = field.name === 'reasonCode' ? 'reasonCode' : 'procedureCode';
  const suggestions = useOrderConcepts(which);
  const items: unknown[] = Array.isArray(control.value) ? control.value : [];
  const selected = items.filter(isRecord) as CodeableConcept[];
  // Items that are not objects at all cannot be shown as concepts; they stay in the value for the validator to name.
  const others = items.filter((item) => !isRecord(item));
  const text = label ?? field.label;
  const set = (next: CodeableConcept[]): void => control.onChange([...next, ...others]);
  const chosen = new Set(selected.map(conceptKey));
  return (
    <Box>
      <Autocomplete<CodeableConcept, true, false, true>
        multiple
        freeSolo
        autoSelect
        id={status.id}
        options={suggestions.filter((s) => !chosen.has(conceptKey(s)))}
        value={selected}
        readOnly={readOnly}
        getOptionLabel={conceptLabel}
        isOptionEqualToValue={(a, b) =>
          typeof a !== 'string' && typeof b !== 'string' && conceptKey(a) === conceptKey(b)
        }
        renderOption={({ key, ...props }, option) => (
          <Box component="li" key={key} {...props}>
            {conceptLabel(option)}
            {typeof option !== 'string' && (
              <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
                {codesOf(option)}
              </Typography>
            )}
          </Box>
        )}
        onChange={(_e, values) =>
          set(
            values.flatMap((v) => {
              if (typeof v !== 'string') return [v];
              const typed = v.trim();
              return typed === '' ? [] : [{ text: typed }];
            }),
          )
        }
        onBlur={control.onBlur}
        renderInput={(params) => (
          <TextBox
            {...params}
            label={text}
            error={status.invalid}
            helperText={status.message}
            inputRef={control.ref}
            size="small"
            placeholder={suggestions.length > 0 ? 'Pick from the orders, or type' : 'Type and press Enter'}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...status.dataProps } }}
          />
        )}
      />
      {!readOnly && (
        <OtherCodeEntry
          label={text}
          defaultSystem={OTHER_SYSTEM[which] ?? ''}
          onAdd={(coding: Coding) => set([...selected, { coding: [coding] }])}
        />
      )}
    </Box>
  );
}

import { Stack } from '@mui/material';
import { TextBox } from './TextBox';
import type { Coding } from 'fhir/r4';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { fieldStatus } from './a11y';
import { isCoding } from './coding';
import type { InputProps } from './types';

type Part = 'system' | 'code' | 'display';
const PARTS: { part: Part; suffix: string }[] = [
  { part: 'system', suffix: 'system' },
  { part: 'code', suffix: 'code' },
  { part: 'display', suffix: 'meaning' },
];

/**
 * A Coding without a usable value set (e.g. body site, example binding): system, code and meaning.
 * One controller holds the whole Coding, so validation and errors address the Coding as a unit.
 */
export function FreeCodingInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const coding: Coding = isCoding(control.value) ? control.value : {};
  const text = label ?? field.label;
  const update = (part: Part, value: string): void => {
    const next: Coding = { ...coding, [part]: value === '' ? undefined : value };
    const empty = PARTS.every(({ part: p }) => next[p] === undefined);
    control.onChange(empty ? undefined : next);
  };
  return (
    <Stack direction="row" spacing={1} role="group" aria-label={text} sx={{ flexWrap: 'wrap' }}>
      {PARTS.map(({ part, suffix }, i) => (
        <TextBox
          key={part}
          id={i === 0 ? status.id : `${status.id}-${part}`}
          label={`${text} ${suffix}`}
          size="small"
          value={coding[part] ?? ''}
          onChange={(e) => update(part, e.target.value)}
          onBlur={control.onBlur}
          inputRef={i === 0 ? control.ref : undefined}
          error={status.invalid}
          helperText={i === 0 ? status.message : undefined}
          slotProps={{ htmlInput: { ...status.dataProps, readOnly } }}
        />
      ))}
    </Stack>
  );
}

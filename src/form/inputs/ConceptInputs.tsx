import { Box, Button, Stack, Typography } from '@mui/material';
import { TextBox } from './TextBox';
import type { CodeableConcept, Coding, Reference } from 'fhir/r4';
import { useFormField } from './form-field';
import { isRecord } from '../../kernel/json';
import { useEditor } from '../context';
import { fieldStatus } from './a11y';
import { isCoding } from './coding';
import type { InputProps } from './types';

/** Replaces one key of an object value; an all-empty result becomes undefined (pruned from JSON). */
function withPart<T extends object>(value: T, key: keyof T, part: unknown): T | undefined {
  const next = { ...value, [key]: part === '' ? undefined : part } as T;
  return Object.values(next).every((v) => v === undefined) ? undefined : next;
}

interface ConceptEditorProps {
  value: CodeableConcept;
  label: string;
  id: string;
  invalid: boolean;
  readOnly: boolean;
  dataProps: Record<string, string>;
  inputRef?: React.Ref<HTMLInputElement>;
  onChange: (value: CodeableConcept | undefined) => void;
}

/** Text plus the first coding (system, code, meaning); further codings are kept as they are. */
function ConceptEditor({ value, label, id, invalid, readOnly, dataProps, inputRef, onChange }: ConceptEditorProps) {
  const codings = Array.isArray(value.coding) ? value.coding.filter(isCoding) : [];
  const first: Coding = codings[0] ?? {};
  const setCoding = (key: keyof Coding, part: string): void => {
    const coding = withPart(first, key, part);
    const rest = codings.slice(1);
    const all = coding ? [coding, ...rest] : rest;
    onChange(withPart(value, 'coding', all.length > 0 ? all : undefined));
  };
  const props = { size: 'small' as const, error: invalid, slotProps: { htmlInput: { ...dataProps, readOnly } } };
  return (
    <Stack direction="row" spacing={1} role="group" aria-label={label} sx={{ flexWrap: 'wrap' }}>
      <TextBox
        {...props}
        id={id}
        inputRef={inputRef}
        label={`${label} text`}
        value={value.text ?? ''}
        onChange={(e) => onChange(withPart(value, 'text', e.target.value))}
      />
      <TextBox
        {...props}
        label={`${label} system`}
        value={first.system ?? ''}
        onChange={(e) => setCoding('system', e.target.value)}
      />
      <TextBox
        {...props}
        label={`${label} code`}
        value={first.code ?? ''}
        onChange={(e) => setCoding('code', e.target.value)}
      />
      <TextBox
        {...props}
        label={`${label} meaning`}
        value={first.display ?? ''}
        onChange={(e) => setCoding('display', e.target.value)}
      />
    </Stack>
  );
}

/** A single CodeableConcept. */
export function CodeableConceptInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const value: CodeableConcept = isRecord(control.value) ? (control.value as CodeableConcept) : {};
  return (
    <Box>
      <ConceptEditor
        value={value}
        label={label ?? field.label}
        id={status.id}
        invalid={status.invalid}
        readOnly={readOnly}
        dataProps={status.dataProps}
        inputRef={control.ref}
        onChange={control.onChange}
      />
      {status.message && (
        <Typography id={`${status.id}-helper-text`} variant="caption" color={status.invalid ? 'error' : 'warning'}>
          {status.message}
        </Typography>
      )}
    </Box>
  );
}

/** CodeableConcept[] (study type, reason): a list of concept editors with Add / Remove. */
export function CodeableConceptListInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const items: unknown[] = Array.isArray(control.value) ? control.value : [];
  const text = label ?? field.label;
  const replace = (index: number, item: CodeableConcept | undefined): void => {
    const next = [...items];
    next[index] = item ?? {};
    control.onChange(next);
  };
  return (
    <Box role="group" aria-label={text}>
      <Typography variant="subtitle2" component="p">
        {text}
      </Typography>
      {items.map((item, i) => (
        <Stack key={i} direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
          <ConceptEditor
            value={isRecord(item) ? (item as CodeableConcept) : {}}
            label={items.length > 1 ? `${text} ${i + 1}` : text}
            id={i === 0 ? status.id : `${status.id}-${i}`}
            invalid={status.invalid}
            readOnly={readOnly}
            dataProps={{ ...status.dataProps, 'data-path': `${name}.${i}` }}
            inputRef={i === 0 ? control.ref : undefined}
            onChange={(v) => replace(i, v)}
          />
          {!readOnly && (
            <Button
              size="small"
              onClick={() => control.onChange(items.filter((_, j) => j !== i))}
              aria-label={`Remove ${text} ${i + 1}`}
            >
              Remove
            </Button>
          )}
        </Stack>
      ))}
      {!readOnly && (
        <Button size="small" onClick={() => control.onChange([...items, {}])}>
          Add {text.toLowerCase()}
        </Button>
      )}
      {status.message && (
        <Typography id={`${status.id}-helper-text`} variant="caption" color={status.invalid ? 'error' : 'warning'}>
          {status.message}
        </Typography>
      )}
    </Box>
  );
}

/** A Reference typed as reference + display (e.g. referrer). */
export function ReferenceInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const value: Reference = isRecord(control.value) ? (control.value as Reference) : {};
  const text = label ?? field.label;
  const targets = field.element.types.flatMap((t) => t.targetProfiles.map((p) => p.split('/').pop() ?? p));
  return (
    <Stack direction="row" spacing={1} role="group" aria-label={text} sx={{ flexWrap: 'wrap' }}>
      <TextBox
        id={status.id}
        label={`${text} reference`}
        placeholder={targets.length > 0 ? `${targets[0] ?? ''}/id` : undefined}
        value={value.reference ?? ''}
        onChange={(e) => control.onChange(withPart(value, 'reference', e.target.value))}
        inputRef={control.ref}
        error={status.invalid}
        helperText={status.message ?? (targets.length > 0 ? `One of: ${targets.join(', ')}` : undefined)}
        size="small"
        slotProps={{ htmlInput: { ...status.dataProps, readOnly } }}
      />
      <TextBox
        label={`${text} name`}
        value={value.display ?? ''}
        onChange={(e) => control.onChange(withPart(value, 'display', e.target.value))}
        size="small"
        slotProps={{ htmlInput: { readOnly } }}
      />
    </Stack>
  );
}

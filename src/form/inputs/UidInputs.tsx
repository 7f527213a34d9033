import { Button, Stack, TextField } from '@mui/material';
import { memo, useCallback } from 'react';
import { useController } from 'react-hook-form';
import { useEditor } from '../context';
import { generateUid } from '../../kernel/uid-syntax';
import { displayStudyUid, normalizeStudyUid } from '../../study/study-uid';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

interface UidFieldProps extends InputProps {
  /** Accessible name of the Generate button. */
  generateLabel: string;
  toStored: (typed: string) => string | undefined;
  toShown: (stored: unknown) => string;
}

const ROW_SX = { alignItems: 'flex-start' } as const;

function UidField({ field, name, label, generateLabel, toStored, toShown }: UidFieldProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useController({ name });
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const { onChange } = control;
  const generate = useCallback(() => onChange(toStored(generateUid())), [onChange, toStored]);
  return (
    <Stack direction="row" spacing={1} sx={ROW_SX}>
      <TextField
        id={status.id}
        label={label ?? field.label}
        required={field.required}
        value={toShown(control.value)}
        onChange={(e) => control.onChange(toStored(e.target.value))}
        onBlur={control.onBlur}
        inputRef={control.ref}
        error={status.invalid}
        helperText={status.message}
        fullWidth
        size="small"
        slotProps={{ htmlInput: { ...status.dataProps, readOnly, spellCheck: false, autoComplete: 'off' } }}
      />
      {!readOnly && <GenerateButton label={generateLabel} onGenerate={generate} />}
    </Stack>
  );
}

/** Memoised, so that typing in the field re-renders the field but not its button. */
const GenerateButton = memo(function GenerateButton({ label, onGenerate }: { label: string; onGenerate: () => void }) {
  return (
    <Button variant="outlined" aria-label={label === 'Generate' ? undefined : label} onClick={onGenerate}>
      Generate
    </Button>
  );
});

/**
 * The Study Instance UID (`identifier:studyUID.value`). The user types or pastes the bare UID or
 * `urn:oid:<uid>`; the stored value is always `urn:oid:<uid>`. The system is fixed and never typed.
 */
export function StudyUidInput(props: InputProps) {
  return <UidField {...props} generateLabel="Generate" toStored={normalizeStudyUid} toShown={displayStudyUid} />;
}

const storeAsTyped = (typed: string): string | undefined => (typed.trim() === '' ? undefined : typed.trim());
const showAsStored = (stored: unknown): string => (typeof stored === 'string' ? stored : '');

/** A Series or SOP Instance UID (datatype `id`): the bare UID, with a Generate button. */
export function DicomUidInput(props: InputProps) {
  const label = props.label ?? props.field.label;
  return <UidField {...props} generateLabel={`Generate ${label}`} toStored={storeAsTyped} toShown={showAsStored} />;
}

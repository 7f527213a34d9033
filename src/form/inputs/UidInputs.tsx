import { Button, Stack, TextField } from '@mui/material';
import { useController } from 'react-hook-form';
import { useEditor } from '../context';
import { displayStudyUid, generateUid, normalizeStudyUid } from '../uid';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

interface UidFieldProps extends InputProps {
  /** Accessible name of the Generate button. */
  generateLabel: string;
  toStored: (typed: string) => string | undefined;
  toShown: (stored: unknown) => string;
}

function UidField({ field, name, label, generateLabel, toStored, toShown }: UidFieldProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useController({ name });
  const status = fieldStatus(name, field.schemaPath, fieldState);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
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
      {!readOnly && (
        <Button
          variant="outlined"
          aria-label={generateLabel === 'Generate' ? undefined : generateLabel}
          onClick={() => control.onChange(toStored(generateUid()))}
        >
          Generate
        </Button>
      )}
    </Stack>
  );
}

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

import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack } from '@mui/material';
import { TextBox } from './TextBox';
import { memo, useCallback, useState } from 'react';
import { useFormField } from './form-field';
import { useEditor, useStoredStudy } from '../context';
import { bareUid } from '../../kernel/uid';
import { generateUid } from '../../kernel/uid-syntax';
import { displayStudyUid, normalizeStudyUid } from '../../study/study-uid';
import { fieldStatus, useShownValue, useTypingPause } from './a11y';
import type { InputProps } from './types';

interface UidFieldProps extends InputProps {
  /** Accessible name of the Generate button. */
  generateLabel: string;
  toStored: (typed: string) => string | undefined;
  toShown: (stored: unknown) => string;
  /** The UID is fixed whatever its value (a stored study's UID): no Generate. */
  fixed: boolean;
}

const ROW_SX = { alignItems: 'flex-start' } as const;

function UidField({ field, name, label, generateLabel, toStored, toShown, fixed }: UidFieldProps) {
  const { readOnly } = useEditor();
  const { storedUids } = useStoredStudy();
  const { field: control, fieldState } = useFormField(name);
  const { shown, typed, left } = useTypingPause(fieldStatus(name, field.schemaPath, fieldState));
  const { onChange } = control;
  const text = label ?? field.label;
  const { value, emptied } = useShownValue(name, control.value);
  const current = toShown(value);
  // A UID the server has is on the images in the PACS: changing it by hand asks first (once per UID).
  const [agreed, setAgreed] = useState<string>();
  const [pending, setPending] = useState<string>();
  const guarded = storedUids.has(current) && agreed !== current;
  const generate = useCallback(() => onChange(toStored(generateUid())), [onChange, toStored]);
  const apply = (next: string): void => {
    const stored = toStored(next);
    emptied(stored === undefined);
    control.onChange(stored);
    typed();
  };
  return (
    <Stack direction="row" spacing={1} sx={ROW_SX}>
      <TextBox
        id={shown.id}
        label={text}
        required={field.required}
        value={current}
        onChange={(e) => (guarded ? setPending(e.target.value) : apply(e.target.value))}
        onBlur={() => {
          left();
          control.onBlur();
        }}
        inputRef={control.ref}
        error={shown.invalid}
        helperText={shown.message}
        fullWidth
        size="small"
        slotProps={{ htmlInput: { ...shown.dataProps, readOnly, spellCheck: false, autoComplete: 'off' } }}
      />
      {!readOnly && !fixed && !storedUids.has(current) && (
        <GenerateButton label={generateLabel} onGenerate={generate} />
      )}
      {pending !== undefined && (
        <ChangeStoredUidDialog
          label={text}
          uid={current}
          onChange={() => {
            setAgreed(current);
            setPending(undefined);
            apply(pending);
          }}
          onKeep={() => setPending(undefined)}
        />
      )}
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

interface ChangeStoredUidDialogProps {
  label: string;
  uid: string;
  onChange: () => void;
  onKeep: () => void;
}

/** Asks before the first hand edit of a UID the server has, naming what it breaks. */
function ChangeStoredUidDialog({ label, uid, onChange, onKeep }: ChangeStoredUidDialogProps) {
  return (
    <Dialog open onClose={onKeep} aria-labelledby="uid-change-title" aria-describedby="uid-change-text">
      <DialogTitle id="uid-change-title">Change the saved {label}?</DialogTitle>
      <DialogContent>
        <DialogContentText id="uid-change-text">
          The images in the PACS carry the old UID, {uid}. After a change this record no longer matches them, and
          viewers and the PACS cannot find the images from it. Change it only to correct a UID that was entered wrongly.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onChange}>Change the UID</Button>
        <Button variant="contained" onClick={onKeep} autoFocus>
          Keep the UID
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The Study Instance UID (`identifier:studyUID.value`). The user types or pastes the bare UID or
 * `urn:oid:<uid>`; the stored value is always `urn:oid:<uid>`. The system is fixed and never typed.
 * A stored study's UID is fixed: no Generate.
 */
export function StudyUidInput(props: InputProps) {
  const { storedStudy } = useStoredStudy();
  return (
    <UidField
      {...props}
      generateLabel="Generate"
      toStored={normalizeStudyUid}
      toShown={displayStudyUid}
      fixed={storedStudy}
    />
  );
}

/** A pasted `urn:oid:` prefix is dropped: series and instance UIDs are stored bare. */
const storeBare = (typed: string): string | undefined => (bareUid(typed) === '' ? undefined : bareUid(typed));
const showAsStored = (stored: unknown): string => (typeof stored === 'string' ? stored : '');

/** A Series or SOP Instance UID (datatype `id`): the bare UID, with a Generate button unless the server has it. */
export function DicomUidInput(props: InputProps) {
  const label = props.label ?? props.field.label;
  return (
    <UidField
      {...props}
      generateLabel={`Generate ${label}`}
      toStored={storeBare}
      toShown={showAsStored}
      fixed={false}
    />
  );
}

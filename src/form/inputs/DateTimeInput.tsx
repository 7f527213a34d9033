import { TextField } from '@mui/material';
import { lazy, Suspense } from 'react';
import { useController } from 'react-hook-form';
import { useEditor } from '../context';
import { parseDateTime } from '../../kernel/datetime';
import { fieldStatus } from './a11y';
import type { PickerParts } from './DateTimePickers';
import type { InputProps } from './types';

// The pickers (MUI X and dayjs) load after the form is shown; until then the field shows its value, disabled.
const DateTimePickers = lazy(() => import('./DateTimePickers'));

/**
 * dateTime (e.g. Started): a precision selector (year / date / date-time), an MUI X picker with
 * seconds, and an explicit UTC offset (default: the browser's). The stored value is an R4 dateTime.
 * A stored value the picker cannot show (e.g. month precision) is kept and shown as text.
 */
export function DateTimeInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useController({ name });
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const parsed = parseDateTime(control.value);
  const parts = parsed?.precision === 'year-month' ? undefined : (parsed as PickerParts | undefined);
  const text = label ?? field.label;

  if (parts === undefined && typeof control.value === 'string') {
    return (
      <TextField
        id={status.id}
        label={text}
        required={field.required}
        value={control.value}
        onChange={(e) => control.onChange(e.target.value === '' ? undefined : e.target.value)}
        inputRef={control.ref}
        error={status.invalid}
        helperText={status.message ?? 'Shown as stored; clear it to use the picker.'}
        size="small"
        slotProps={{ htmlInput: { ...status.dataProps, readOnly } }}
      />
    );
  }

  const loading = (
    <TextField
      label={text}
      required={field.required}
      value={typeof control.value === 'string' ? control.value : ''}
      disabled
      size="small"
      helperText="Loading the date picker…"
    />
  );
  return (
    <Suspense fallback={loading}>
      <DateTimePickers
        label={text}
        required={field.required}
        readOnly={readOnly}
        control={control}
        status={status}
        parts={parts}
      />
    </Suspense>
  );
}

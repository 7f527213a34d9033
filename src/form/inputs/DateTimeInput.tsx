import { Stack, TextField } from '@mui/material';
import { DesktopDatePicker } from '@mui/x-date-pickers/DesktopDatePicker';
import { DesktopDateTimePicker } from '@mui/x-date-pickers/DesktopDateTimePicker';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useState } from 'react';
import { useController } from 'react-hook-form';
import { useEditor } from '../context';
import { browserOffset, formatDateTime, OFFSETS, parseDateTime, type DateTimePrecision } from '../date-time';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

dayjs.extend(customParseFormat);

const LOCAL_FORMAT: Record<DateTimePrecision, string> = {
  year: 'YYYY',
  date: 'YYYY-MM-DD',
  'date-time': 'YYYY-MM-DDTHH:mm:ss',
};

/**
 * dateTime (e.g. Started): a precision selector (year / date / date-time), an MUI X picker with
 * seconds, and an explicit UTC offset (default: the browser's). The stored value is an R4 dateTime.
 * A stored value the picker cannot show (e.g. month precision) is kept and shown as text.
 */
export function DateTimeInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useController({ name });
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const parts = parseDateTime(control.value);
  // Only what the stored value cannot hold yet (precision/offset before a date is picked) is local UI state.
  const [draftPrecision, setDraftPrecision] = useState<DateTimePrecision>('date-time');
  const [draftOffset, setDraftOffset] = useState<string>(() => browserOffset());
  const precision = parts?.precision ?? draftPrecision;
  const offset = parts?.offset ?? draftOffset;
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

  const store = (date: Dayjs | null, nextPrecision = precision, nextOffset = offset): void => {
    if (date === null) return control.onChange(undefined);
    if (!date.isValid()) return; // still being typed: the picker keeps the sections
    const local = date.format(LOCAL_FORMAT[nextPrecision]);
    control.onChange(formatDateTime({ precision: nextPrecision, local, offset: nextOffset }));
  };
  const picked = parts ? dayjs(parts.local.slice(0, 19), LOCAL_FORMAT[parts.precision], true) : null;
  const textField = {
    id: status.id,
    required: field.required,
    error: status.invalid,
    helperText: status.message,
    inputRef: control.ref,
    onBlur: control.onBlur,
    size: 'small' as const,
    slotProps: { htmlInput: status.dataProps },
  };

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
      {precision === 'date-time' ? (
        <DesktopDateTimePicker
          label={text}
          value={picked}
          onChange={(d) => store(d)}
          readOnly={readOnly}
          ampm={false}
          views={['year', 'month', 'day', 'hours', 'minutes', 'seconds']}
          format="YYYY-MM-DD HH:mm:ss"
          slotProps={{ textField }}
        />
      ) : (
        <DesktopDatePicker
          label={text}
          value={picked}
          onChange={(d) => store(d)}
          readOnly={readOnly}
          views={precision === 'year' ? ['year'] : ['year', 'month', 'day']}
          format={precision === 'year' ? 'YYYY' : 'YYYY-MM-DD'}
          slotProps={{ textField }}
        />
      )}
      <TextField
        select
        label={`${text} precision`}
        value={precision}
        disabled={readOnly}
        onChange={(e) => {
          const next = e.target.value as DateTimePrecision;
          setDraftPrecision(next);
          if (picked) store(picked, next);
        }}
        size="small"
        slotProps={{ select: { native: true } }}
      >
        <option value="year">Year</option>
        <option value="date">Date</option>
        <option value="date-time">Date and time</option>
      </TextField>
      {precision === 'date-time' && (
        <TextField
          select
          label={`${text} UTC offset`}
          value={offset}
          disabled={readOnly}
          onChange={(e) => {
            setDraftOffset(e.target.value);
            if (picked) store(picked, precision, e.target.value);
          }}
          size="small"
          slotProps={{ select: { native: true } }}
        >
          {!OFFSETS.includes(offset) && <option value={offset}>{offset}</option>}
          {OFFSETS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </TextField>
      )}
    </Stack>
  );
}

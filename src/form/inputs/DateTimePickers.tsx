/**
 * The MUI X pickers of a dateTime input (with dayjs and their localization provider), loaded lazily by
 * DateTimeInput: they are the heaviest part of the editor (about 50 KB gzipped) and only Started uses them.
 */
import { Stack, TextField } from '@mui/material';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DesktopDatePicker } from '@mui/x-date-pickers/DesktopDatePicker';
import { DesktopDateTimePicker } from '@mui/x-date-pickers/DesktopDateTimePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useState } from 'react';
import type { ControllerRenderProps } from 'react-hook-form';
import { formatDateTime, type DatePrecision, type DateTimeParts } from '../../kernel/datetime';
import type { FieldStatus } from './a11y';

dayjs.extend(customParseFormat);

/** `+02:00` for a UTC offset in minutes (positive east of Greenwich). */
export function offsetFromMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** The browser's current UTC offset. */
export function browserOffset(date: Date = new Date()): string {
  return offsetFromMinutes(-date.getTimezoneOffset());
}

/** Every quarter-hour offset from -12:00 to +14:00, for the offset selector. */
export const OFFSETS: readonly string[] = Array.from({ length: (26 * 60) / 15 + 1 }, (_, i) =>
  offsetFromMinutes(-12 * 60 + i * 15),
);

/** The precisions the pickers offer (a stored year-month is shown as text instead). */
export type PickerPrecision = Exclude<DatePrecision, 'year-month'>;
export type PickerParts = DateTimeParts & { precision: PickerPrecision };

const LOCAL_FORMAT: Record<PickerPrecision, string> = {
  year: 'YYYY',
  date: 'YYYY-MM-DD',
  'date-time': 'YYYY-MM-DDTHH:mm:ss',
};

export interface DateTimePickersProps {
  label: string;
  required: boolean;
  readOnly: boolean;
  control: ControllerRenderProps;
  status: FieldStatus;
  /** The stored value, split; undefined when there is none yet. */
  parts: PickerParts | undefined;
}

/** A precision selector (year / date / date-time), the picker for it, and the UTC offset for date-times. */
export default function DateTimePickers({ label, required, readOnly, control, status, parts }: DateTimePickersProps) {
  // Only what the stored value cannot hold yet (precision/offset before a date is picked) is local UI state.
  const [draftPrecision, setDraftPrecision] = useState<PickerPrecision>('date-time');
  const [draftOffset, setDraftOffset] = useState<string>(() => browserOffset());
  const precision = parts?.precision ?? draftPrecision;
  const offset = parts?.offset ?? draftOffset;

  const store = (date: Dayjs | null, nextPrecision = precision, nextOffset = offset): void => {
    if (date === null) return control.onChange(undefined);
    if (!date.isValid()) return; // still being typed: the picker keeps the sections
    const local = date.format(LOCAL_FORMAT[nextPrecision]);
    control.onChange(formatDateTime({ precision: nextPrecision, local, offset: nextOffset }));
  };
  const picked = parts ? dayjs(parts.local.slice(0, 19), LOCAL_FORMAT[parts.precision], true) : null;
  const textField = {
    id: status.id,
    required,
    error: status.invalid,
    helperText: status.message,
    inputRef: control.ref,
    onBlur: control.onBlur,
    size: 'small' as const,
    slotProps: { htmlInput: status.dataProps },
  };

  return (
    <LocalizationProvider dateAdapter={AdapterDayjs}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
        {precision === 'date-time' ? (
          <DesktopDateTimePicker
            label={label}
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
            label={label}
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
          label={`${label} precision`}
          value={precision}
          disabled={readOnly}
          onChange={(e) => {
            const next = e.target.value as PickerPrecision;
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
            label={`${label} UTC offset`}
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
    </LocalizationProvider>
  );
}

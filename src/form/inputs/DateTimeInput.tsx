import { Box, Button, Stack } from '@mui/material';
import { TextBox } from './TextBox';
import { useState } from 'react';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { browserTimeZone } from '../../kernel/timezone';
import { fieldStatus, useShownValue, useTypingPause } from './a11y';
import { nowDateTime, shownDateTime, storedDateTime, zoneOffsetLabel } from './date-text';
import type { InputProps } from './types';

const ROW_SX = { alignItems: 'flex-start' } as const;
// The zone at the end of the field (a plain span: InputAdornment would add to the editor's first load).
const ZONE_SX = { ml: 1, color: 'text.secondary', whiteSpace: 'nowrap' } as const;

/**
 * dateTime (Started): one text field that takes a whole typed date-time ("2024-05-01 14:30:00", seconds optional) in
 * the browser's time zone (named, with its offset), a date alone, or a FHIR dateTime with its own offset; and a Now
 * button. Text that is no dateTime is kept as typed and flagged by the validator at the field once the user pauses.
 */
export function DateTimeInput({ field, name, label }: InputProps) {
  const { readOnly } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const { shown, typed, left } = useTypingPause(fieldStatus(name, field.schemaPath, fieldState), { holdErrors: true });
  const [zone] = useState(browserTimeZone);
  const text = label ?? field.label;
  const { value: stored, emptied } = useShownValue(name, control.value);
  // The text as typed; replaced when the value changes from elsewhere (Now, an import, a restored draft).
  const [typedText, setTypedText] = useState(() => ({ text: shownDateTime(stored, zone), stored }));
  let value = typedText.text;
  if (typedText.stored !== stored) {
    value = shownDateTime(stored, zone);
    setTypedText({ text: value, stored });
  }
  const change = (next: string): void => {
    const nextStored = storedDateTime(next, zone);
    setTypedText({ text: next, stored: nextStored });
    emptied(nextStored === undefined);
    control.onChange(nextStored);
    typed();
  };
  const zoneText = `${zone} (${zoneOffsetLabel(stored, zone)})`;
  return (
    <Stack direction="row" spacing={1} sx={ROW_SX}>
      <TextBox
        id={shown.id}
        label={text}
        required={field.required}
        value={value}
        placeholder="YYYY-MM-DD hh:mm:ss"
        onChange={(e) => change(e.target.value)}
        onBlur={() => {
          left();
          control.onBlur();
        }}
        inputRef={control.ref}
        error={shown.invalid}
        helperText={shown.message ?? `A date and time (2024-05-01 14:30:00) or a date alone, in ${zoneText}`}
        fullWidth
        size="small"
        slotProps={{
          htmlInput: { ...shown.dataProps, readOnly, spellCheck: false, autoComplete: 'off' },
          input: {
            endAdornment: (
              <Box component="span" sx={ZONE_SX}>
                {zoneText}
              </Box>
            ),
          },
        }}
      />
      {!readOnly && (
        <Button
          variant="outlined"
          aria-label={`${text}: now`}
          onClick={() => change(shownDateTime(nowDateTime(zone), zone))}
        >
          Now
        </Button>
      )}
    </Stack>
  );
}

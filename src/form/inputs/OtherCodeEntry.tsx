import { Button, Stack } from '@mui/material';
import { TextBox } from './TextBox';
import type { Coding } from 'fhir/r4';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';

interface OtherCodeEntryProps {
  /** Label of what is being added, e.g. "Modality". */
  label: string;
  defaultSystem: string;
  onAdd: (coding: Coding) => void;
}

interface OtherCode {
  system: string;
  code: string;
  display: string;
}

/**
 * Entry of a code outside the value set (extensible bindings allow it): a system + code pair, held
 * in a small form of its own until it is added, behind an "Other code" toggle.
 */
export function OtherCodeEntry({ label, defaultSystem, onAdd }: OtherCodeEntryProps) {
  const [open, setOpen] = useState(false);
  const { register, getValues, reset, control } = useForm<OtherCode>({
    defaultValues: { system: defaultSystem, code: '', display: '' },
  });
  const code = useWatch({ control, name: 'code' });
  if (!open) {
    return (
      <Button size="small" variant="text" onClick={() => setOpen(true)} aria-label={`Other ${label} code`}>
        Other code…
      </Button>
    );
  }
  const add = (): void => {
    const v = getValues();
    const coding: Coding = { system: v.system.trim(), code: v.code.trim() };
    if (v.display.trim() !== '') coding.display = v.display.trim();
    onAdd(coding);
    reset();
    setOpen(false);
  };
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
      <TextBox size="small" label={`${label} code system`} {...register('system')} />
      <TextBox size="small" label={`${label} code`} {...register('code')} />
      <TextBox size="small" label={`${label} code meaning`} {...register('display')} />
      <Button variant="text" onClick={add} disabled={code.trim() === ''}>
        Add code
      </Button>
      <Button variant="text" onClick={() => setOpen(false)}>
        Cancel
      </Button>
    </Stack>
  );
}

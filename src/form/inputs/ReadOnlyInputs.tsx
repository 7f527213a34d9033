import { Button, Stack } from '@mui/material';
import { TextBox } from './TextBox';
import { useEffect, useState } from 'react';
import { isRecord } from '../../kernel/json';
import { useController, useWatch } from 'react-hook-form';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { patientMrn, personNameText } from '../../kernel/patient';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';

/** Subject: always the launch patient, shown (name and MRN), never typed. */
export function PatientReferenceInput({ field, name, label }: InputProps) {
  const { patient } = useEditor();
  const { fieldState } = useController({ name });
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const mrn = patientMrn(patient);
  const shown = [personNameText(patient) ?? `Patient/${patient.id ?? ''}`, mrn ? `MRN ${mrn}` : undefined]
    .filter((p) => p !== undefined)
    .join(' · ');
  return (
    <TextBox
      id={status.id}
      label={label ?? field.label}
      value={shown}
      error={status.invalid}
      helperText={status.message}
      size="small"
      fullWidth
      slotProps={{ htmlInput: { ...status.dataProps, readOnly: true } }}
    />
  );
}

function countOf(series: unknown, what: 'series' | 'instances'): number | undefined {
  if (!Array.isArray(series) || series.length === 0) return undefined;
  if (what === 'series') return series.length;
  let total = 0;
  for (const s of series as { instance?: unknown; numberOfInstances?: unknown }[]) {
    if (Array.isArray(s.instance) && s.instance.length > 0) total += s.instance.length;
    else if (typeof s.numberOfInstances === 'number') total += s.numberOfInstances;
    else return undefined;
  }
  return total;
}

/** numberOfSeries / numberOfInstances: computed from the series, shown read-only. */
export function ComputedCountInput({ field, name, label }: InputProps) {
  const { fieldState } = useController({ name });
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const what = field.name === 'numberOfSeries' ? 'series' : 'instances';
  // compute: re-render only when the count changes, not on every edit inside a series.
  const computed = useWatch({ name: 'series', compute: (series: unknown) => countOf(series, what) });
  const stored: unknown = useWatch({ name });
  const value = computed ?? (typeof stored === 'number' ? stored : undefined);
  return (
    <TextBox
      id={status.id}
      label={label ?? field.label}
      value={value === undefined ? '' : String(value)}
      error={status.invalid}
      helperText={status.message ?? 'Computed from the series'}
      size="small"
      slotProps={{ htmlInput: { ...status.dataProps, readOnly: true } }}
    />
  );
}

/** Elements the editor has no input for: shown as JSON, kept unchanged in the saved resource. */
export function UnsupportedInput({ field, name, label }: InputProps) {
  const value = useWatch({ name });
  return (
    <TextBox
      label={label ?? field.label}
      value={value === undefined ? '' : JSON.stringify(value)}
      helperText="Not editable here; kept as it is."
      size="small"
      fullWidth
      slotProps={{ htmlInput: { readOnly: true, 'data-schema-path': field.schemaPath, 'data-path': name } }}
    />
  );
}

/**
 * Encounter: the launch's encounter (a new study gets it), shown with its class and period, never typed; it can be
 * removed.
 */
export function EncounterReferenceInput({ field, name, label }: InputProps) {
  const { readOnly, describeEncounter } = useEditor();
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const reference =
    isRecord(control.value) && typeof control.value.reference === 'string' ? control.value.reference : '';
  const [described, setDescribed] = useState<{ reference: string; text: string } | undefined>();
  useEffect(() => {
    if (!reference || !describeEncounter) return;
    let live = true;
    describeEncounter(reference).then(
      (text) => live && setDescribed({ reference, text }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [reference, describeEncounter]);
  // No encounter (or removed: null, since react-hook-form reads undefined as 'back to the default').
  if (!reference && (control.value === undefined || control.value === null)) return null;
  const text = described?.reference === reference ? described.text : reference;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextBox
        id={status.id}
        label={label ?? field.label}
        value={text || 'A reference without a resource'}
        error={status.invalid}
        helperText={status.message}
        size="small"
        fullWidth
        slotProps={{ htmlInput: { ...status.dataProps, readOnly: true } }}
      />
      {!readOnly && (
        <Button variant="outlined" onClick={() => control.onChange(null)} aria-label="Remove the encounter">
          Remove
        </Button>
      )}
    </Stack>
  );
}

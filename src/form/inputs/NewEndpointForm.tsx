import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { TextBox } from './TextBox';
import type { Endpoint } from 'fhir/r4';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useEditor } from '../context';
import { CONNECTION_TYPE_VS } from '../../kernel/canonicals';
import { buildEndpoint, newEndpointReference, STUDY_PAYLOAD } from '../../study/endpoint';
import { conceptToCoding } from './coding';
import { endpointAddressProblem } from '../../validation/api';

interface NewEndpointValues {
  name: string;
  address: string;
  connectionType: string;
}

type Field = keyof NewEndpointValues;

/** The new-endpoint field an `Endpoint.*` issue expression belongs to. */
function fieldOf(expression: string | undefined): Field | undefined {
  const match = /^Endpoint\.(name|address|connectionType)\b/.exec(expression ?? '');
  return match ? (match[1] as Field) : undefined;
}

interface NewEndpointFormProps {
  onCreate: (reference: string, endpoint: Endpoint) => void;
  onCancel: () => void;
}

/**
 * Inline creation of an Imaging Study Endpoint: name, address (a URL), connection type from the
 * profile's value set; payload type (Study) and status (active) are fixed. Checked with validateEndpoint.
 */
export function NewEndpointForm({ onCreate, onCancel }: NewEndpointFormProps) {
  const { valueSet, validateEndpoint } = useEditor();
  const concepts = valueSet(CONNECTION_TYPE_VS)?.concepts ?? [];
  const defaultType = concepts.find((c) => c.code === 'dicom-wado-rs') ?? concepts[0];
  const { register, getValues, setError, clearErrors, formState } = useForm<NewEndpointValues>({
    defaultValues: { name: '', address: '', connectionType: defaultType?.code ?? '' },
  });
  const [problem, setProblem] = useState<string | undefined>();
  const { errors } = formState;

  const create = (): void => {
    clearErrors();
    setProblem(undefined);
    const v = getValues();
    const concept = concepts.find((c) => c.code === v.connectionType);
    const endpoint = buildEndpoint({
      name: v.name,
      address: v.address,
      ...(concept ? { connectionType: conceptToCoding(concept) } : {}),
    });
    const issues = (validateEndpoint(endpoint).issue ?? []).filter(
      (i) => i.severity === 'error' || i.severity === 'fatal',
    );
    let blocked = issues.length > 0;
    const addressProblem = endpointAddressProblem(endpoint.address ?? '');
    if (addressProblem !== undefined) {
      setError('address', { type: 'error', message: addressProblem });
      blocked = true;
    }
    const general: string[] = [];
    for (const issue of issues) {
      const message = issue.details?.text ?? issue.diagnostics ?? issue.code;
      const field = fieldOf(issue.expression?.[0]);
      // The address's own message names what to type; the generic URL rule would only repeat it less clearly.
      if (field === 'address' && addressProblem !== undefined) continue;
      if (field) setError(field, { type: 'error', message });
      else general.push(message);
    }
    if (general.length > 0) setProblem(general.join('; '));
    if (!blocked) onCreate(newEndpointReference(), endpoint);
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 1 }} role="group" aria-label="New endpoint">
      <Typography variant="subtitle2" component="p" gutterBottom>
        New endpoint
      </Typography>
      <Stack spacing={1.5}>
        <TextBox
          size="small"
          label="Endpoint name"
          {...register('name')}
          error={errors.name !== undefined}
          helperText={errors.name?.message}
        />
        <TextBox
          size="small"
          label="Endpoint address"
          required
          placeholder="https://pacs.example.org/dicom-web"
          {...register('address')}
          error={errors.address !== undefined}
          helperText={errors.address?.message}
        />
        <TextBox
          select
          size="small"
          label="Connection type"
          required
          {...register('connectionType')}
          error={errors.connectionType !== undefined}
          helperText={errors.connectionType?.message}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          {concepts.map((c) => (
            <option key={c.code} value={c.code}>
              {c.display ?? c.code}
            </option>
          ))}
        </TextBox>
        <Box>
          <Typography variant="body2">
            Payload type: {STUDY_PAYLOAD.display} (DCM {STUDY_PAYLOAD.code}) · Status: active
          </Typography>
        </Box>
        {problem && <Alert severity="error">{problem}</Alert>}
        <Stack direction="row" spacing={1}>
          <Button variant="contained" onClick={create}>
            Add endpoint
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </Stack>
      </Stack>
    </Paper>
  );
}

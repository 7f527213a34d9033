import { Autocomplete, Box, Button, Typography } from '@mui/material';
import { TextBox } from './TextBox';
import type { Reference } from 'fhir/r4';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useFormField } from './form-field';
import { useEditor } from '../context';
import { endpointOption, optionLabel, optionToReference, type EndpointOption } from '../../study/endpoint';
import { fieldStatus } from './a11y';
import type { InputProps } from './types';
import { whenIdle } from '../lazy-module';

/** The inline form for a new Endpoint: loaded when "New endpoint" is pressed. */
const loadNewEndpointForm = () => import('./NewEndpointForm');
const NewEndpointForm = lazy(() => loadNewEndpointForm().then((m) => ({ default: m.NewEndpointForm })));

/** The reason shown under a disabled "New endpoint" button (one Endpoint field per study). */
const NO_NEW_ENDPOINT_ID = 'new-endpoint-restriction';

function referencesOf(value: unknown): Reference[] {
  return Array.isArray(value) ? value.filter((r): r is Reference => typeof r === 'object' && r !== null) : [];
}

/**
 * Fetches the server's endpoints matching the typed text; stale answers are ignored. `seen` keeps every
 * endpoint found so far, so chosen endpoints keep their names while the user searches for others.
 */
function useEndpointSearch(
  text: string,
  enabled: boolean,
): { options: EndpointOption[]; loading: boolean; seen: ReadonlyMap<string, EndpointOption> } {
  const { searchEndpoints } = useEditor();
  const [result, setResult] = useState<{ text: string; options: EndpointOption[] } | undefined>();
  const [seen, setSeen] = useState<ReadonlyMap<string, EndpointOption>>(() => new Map());
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const done = (options: EndpointOption[]): void => {
      if (!current) return;
      setResult({ text, options });
      if (options.length > 0) setSeen((prev) => new Map([...prev, ...options.map((o) => [o.reference, o] as const)]));
    };
    searchEndpoints(text)
      .then((found) => done(found.filter((e) => e.id).map((e) => endpointOption(`Endpoint/${e.id ?? ''}`, e))))
      .catch(() => done([]));
    return () => {
      current = false;
    };
  }, [text, enabled, searchEndpoints]);
  return { options: result?.options ?? [], loading: enabled && result?.text !== text, seen };
}

/**
 * Endpoint (1..*): picks server Endpoints (name, address, connection type shown) or creates a new
 * one inline, referenced by a temporary `urn:uuid:` until the app's transaction creates it.
 */
export function EndpointInput({ field, name, label }: InputProps) {
  // Fetched once the page is idle, so that pressing "New endpoint" shows the form at once.
  useEffect(() => whenIdle(() => loadNewEndpointForm().catch(() => undefined)), []);
  const { readOnly, cannotCreateEndpoint, newEndpoints, addNewEndpoint, addOns } = useEditor();
  const { EndpointChecks } = addOns;
  const { field: control, fieldState } = useFormField(name);
  const status = fieldStatus(name, field.schemaPath, fieldState);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const references = referencesOf(control.value);
  // A stored study's references usually carry no display: look the endpoints up so the chips show names.
  const unnamed = references.some((r) => !r.display && !newEndpoints.has(r.reference ?? ''));
  const { options, loading, seen } = useEndpointSearch(text, open || unnamed);
  const selected: EndpointOption[] = references.map((r) => {
    const ref = r.reference ?? '';
    const created = newEndpoints.get(ref);
    if (created) return endpointOption(ref, created);
    return seen.get(ref) ?? (r.display ? { reference: ref, name: r.display } : { reference: ref });
  });
  const text_ = label ?? field.label;
  return (
    <Box>
      <Autocomplete
        multiple
        id={status.id}
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        options={options}
        loading={loading}
        value={selected}
        readOnly={readOnly}
        filterOptions={(o) => o}
        // The typed text is controlled: MUI would otherwise clear it whenever the chosen values are rebuilt,
        // e.g. when search results arrive while the user is still typing.
        inputValue={text}
        onInputChange={(_e, v, reason) => (reason === 'input' || reason === 'clear') && setText(v)}
        isOptionEqualToValue={(a, b) => a.reference === b.reference}
        getOptionLabel={optionLabel}
        renderOption={(props, option) => {
          const { key, ...rest } = props;
          return (
            // The listbox lays an option out as a flex row: one block inside keeps name and address on two lines.
            <Box component="li" key={key} {...rest}>
              <Box>
                <Box component="strong" sx={{ display: 'block' }}>
                  {option.name ?? option.reference}
                </Box>
                <Box component="small" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
                  {option.address} {option.connectionType ? `· ${option.connectionType}` : ''}
                </Box>
              </Box>
            </Box>
          );
        }}
        onChange={(_e, value) => {
          setText('');
          // Keep the stored reference (and its display) for endpoints that are already chosen.
          control.onChange(
            value.map((o) => references.find((r) => r.reference === o.reference) ?? optionToReference(o)),
          );
        }}
        onBlur={control.onBlur}
        renderInput={(params) => (
          <TextBox
            {...params}
            label={text_}
            required={field.required}
            error={status.invalid}
            helperText={status.message}
            inputRef={control.ref}
            size="small"
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...status.dataProps } }}
          />
        )}
      />
      {EndpointChecks && <EndpointChecks references={references} />}
      {!readOnly && !creating && (
        <Button
          sx={{ mt: 1 }}
          variant="outlined"
          onClick={() => setCreating(true)}
          disabled={cannotCreateEndpoint !== undefined}
          aria-describedby={cannotCreateEndpoint !== undefined ? NO_NEW_ENDPOINT_ID : undefined}
        >
          New endpoint
        </Button>
      )}
      {!readOnly && cannotCreateEndpoint !== undefined && (
        <Typography id={NO_NEW_ENDPOINT_ID} variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {cannotCreateEndpoint}
        </Typography>
      )}
      {creating && (
        <Suspense fallback={<Typography role="status">Loading the new endpoint form…</Typography>}>
          <NewEndpointForm
            onCancel={() => setCreating(false)}
            onCreate={(reference, endpoint) => {
              addNewEndpoint(reference, endpoint);
              control.onChange([...references, optionToReference(endpointOption(reference, endpoint))]);
              setCreating(false);
            }}
          />
        </Suspense>
      )}
    </Box>
  );
}

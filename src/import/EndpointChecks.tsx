/**
 * A "Check" button next to each dicom-wado-rs or ihe-iid Endpoint of the study (picked or new).
 * The checking code (dicomweb-client) is loaded on the first click. A failed check is a warning:
 * the PACS may only be reachable from the reading room.
 */
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import type { Reference } from 'fhir/r4';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import type { CheckResult } from './dicom/check';
import { displayStudyUid } from '../study/study-uid';
import { useKnownEndpoints, type KnownEndpoint } from './endpoints';

const CHECKABLE = ['dicom-wado-rs', 'ihe-iid'];

interface CheckRowProps {
  name: string;
  address: string;
  /** Runs the check; without it (the endpoint still being looked up) the button is disabled and has no name of its own. */
  onCheck?: () => void;
  running?: boolean;
}

/** One endpoint's row: its Check button, its name and its address. */
function CheckRow({ name, address, onCheck, running = false }: CheckRowProps) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Button
        size="small"
        variant="outlined"
        onClick={onCheck}
        disabled={onCheck === undefined || running}
        aria-label={onCheck === undefined ? undefined : `Check ${name}`}
      >
        Check
      </Button>
      <Typography variant="body2">
        {name} <small>({address})</small>
      </Typography>
    </Stack>
  );
}

function EndpointCheck({ endpoint, studyUid }: { endpoint: KnownEndpoint; studyUid: string | undefined }) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<CheckResult | undefined>();
  const check = async (): Promise<void> => {
    setRunning(true);
    setResult(undefined);
    try {
      const { checkEndpoint } = await import('./dicom/check');
      setResult(await checkEndpoint(endpoint.connectionType, endpoint.address, studyUid));
    } catch (error) {
      setResult({ status: 'failed', message: `The check could not run: ${String(error)}` });
    } finally {
      setRunning(false);
    }
  };
  return (
    <Box>
      <CheckRow name={endpoint.name} address={endpoint.address} onCheck={() => void check()} running={running} />
      {(running || result) && (
        <Box role="status" aria-label={`Check of ${endpoint.name}`}>
          {running && <Typography variant="body2">Checking {endpoint.address}…</Typography>}
          {result && (
            <Alert severity={result.status === 'ok' ? 'success' : 'warning'} sx={{ mt: 0.5 }}>
              {result.status === 'failed' ? `Check failed: ${result.message}` : result.message}
              {result.status !== 'ok' && ' This is only a warning: the study can still be saved with this endpoint.'}
            </Alert>
          )}
        </Box>
      )}
    </Box>
  );
}

/**
 * Check buttons for the study's checkable Endpoints. The server's Endpoints are fetched when the editor shows, so that
 * a picked endpoint's Check comes with its chip: fetched at the first pick, it came one request later and moved all
 * below it (Save too) under a user's pointer. A reference the list lacks (an Endpoint made on the server since) is
 * fetched once more.
 */
export function EndpointChecks({ references }: { references: readonly Reference[] }) {
  const uid = useWatch({ name: 'identifier.0.value' }) as unknown;
  const studyUid = displayStudyUid(uid) || undefined;
  const [refresh, setRefresh] = useState('');
  const known = useKnownEndpoints(refresh);
  const missing = known
    ? references
        .map((r) => r.reference ?? '')
        .filter((ref) => ref !== '' && !ref.startsWith('urn:uuid:') && !known.some((k) => k.reference === ref))
        .join(' ')
    : '';
  // Set while rendering (React's pattern for state that follows props): one search per new set of unknown references.
  if (missing !== '' && missing !== refresh) setRefresh(missing);
  // Until the server's Endpoints are there, each referenced endpoint's row already holds its place, its Check button
  // disabled, so that nothing below (More details, Save) moves when they arrive. An IMR endpoint is always checkable:
  // its connection type is dicom-wado-rs or ihe-iid.
  const rows =
    known === undefined
      ? references.flatMap(({ reference, display }) =>
          reference ? [<CheckRow key={reference} name={display ?? reference} address="loading…" />] : [],
        )
      : references
          .map((r) => known.find((k) => k.reference === r.reference))
          .filter((e): e is KnownEndpoint => e !== undefined && CHECKABLE.includes(e.connectionType))
          .map((e) => <EndpointCheck key={e.reference} endpoint={e} studyUid={studyUid} />);
  if (rows.length === 0) return null;
  return (
    <Stack
      spacing={1}
      sx={{ mt: 1 }}
      aria-label="Endpoint checks"
      role="group"
      aria-busy={known === undefined || undefined}
    >
      {rows}
    </Stack>
  );
}

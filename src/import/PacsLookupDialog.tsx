/**
 * Look the study up in the PACS: pick a dicom-wado-rs Endpoint, search QIDO-RS by MRN, accession
 * number or study date range, list the matches, and fetch the chosen study for the review step.
 */
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { Reference } from 'fhir/r4';
import { useState, type FormEvent } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { dicomDate } from './dicom/datetime';
import { DISPLAY_DATE_FORMAT, isDisplayDate } from '../kernel/date-display';
import { fetchStudy, MATCH_LIMIT, searchStudies, type StudyMatch } from './dicom/lookup';
import type { DicomStudy } from './dicom/types';
import { useEditor } from '../form/context';
import { isRecord } from '../kernel/json';
import { patientMrn } from '../kernel/patient';
import { ACCESSION_INDEX, type StudyFormValues } from '../study/values';
import { useKnownEndpoints, type KnownEndpoint } from './endpoints';

interface PacsLookupDialogProps {
  onCancel: () => void;
  /** The fetched study, the Endpoint it came from (as a study reference) and a description of the source. */
  onPick: (study: DicomStudy, endpoint: Reference, source: string) => void;
}

type Search =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'found'; matches: StudyMatch[]; more: boolean }
  | { state: 'fetching'; uid: string; matches: StudyMatch[] }
  | { state: 'failed'; message: string; matches?: StudyMatch[] };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function referencedFirst(endpoints: readonly KnownEndpoint[], chosen: readonly Reference[]): KnownEndpoint[] {
  const refs = new Set(chosen.map((r) => r.reference));
  const dicomWeb = endpoints.filter((e) => e.connectionType === 'dicom-wado-rs');
  return [...dicomWeb.filter((e) => refs.has(e.reference)), ...dicomWeb.filter((e) => !refs.has(e.reference))];
}

interface DateErrors {
  from?: string;
  to?: string;
}

/** What is wrong with the typed date range (empty ends are open). */
export function checkDates(from: string, to: string): DateErrors {
  const wrong = (text: string) =>
    text !== '' && !isDisplayDate(text) ? `Type a date as ${DISPLAY_DATE_FORMAT}, e.g. 2026-12-05.` : undefined;
  const errors: DateErrors = {};
  const fromError = wrong(from);
  const toError =
    wrong(to) ?? (from !== '' && to !== '' && !fromError && to < from ? 'This is before the start date.' : undefined);
  if (fromError) errors.from = fromError;
  if (toError) errors.to = toError;
  return errors;
}

export function PacsLookupDialog({ onCancel, onPick }: PacsLookupDialogProps) {
  const { patient } = useEditor();
  const chosen = useWatch({ name: 'endpoint' }) as Reference[] | undefined;
  const all = useKnownEndpoints();
  const endpoints = all ? referencedFirst(all, chosen ?? []) : undefined;
  const [endpointRef, setEndpointRef] = useState<string | undefined>();
  const endpoint = endpoints?.find((e) => e.reference === endpointRef) ?? endpoints?.[0];
  const [patientId, setPatientId] = useState(() => patientMrn(patient) ?? '');
  // The study's accession number (the linked order's, once an order is picked) is what the PACS files it under.
  const { getValues } = useFormContext<StudyFormValues>();
  const [accession, setAccession] = useState(() => {
    const entry: unknown = (getValues('identifier') as unknown[] | undefined)?.[ACCESSION_INDEX];
    return isRecord(entry) && typeof entry.value === 'string' ? entry.value.trim() : '';
  });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [dateErrors, setDateErrors] = useState<DateErrors>({});
  const [search, setSearch] = useState<Search>({ state: 'idle' });

  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!endpoint) return;
    const errors = checkDates(from.trim(), to.trim());
    setDateErrors(errors);
    const invalid = errors.from ? 'pacs-date-from' : errors.to ? 'pacs-date-to' : undefined;
    if (invalid) {
      document.getElementById(invalid)?.focus();
      return;
    }
    setSearch({ state: 'searching' });
    try {
      const { matches, more } = await searchStudies(endpoint.address, {
        patientId,
        accession,
        from: from.trim(),
        to: to.trim(),
      });
      setSearch({ state: 'found', matches, more });
    } catch (error) {
      setSearch({ state: 'failed', message: message(error) });
    }
  };

  const pick = async (match: StudyMatch, matches: StudyMatch[]): Promise<void> => {
    if (!endpoint) return;
    setSearch({ state: 'fetching', uid: match.studyUid, matches });
    try {
      const study = await fetchStudy(endpoint.address, match.studyUid);
      onPick(study, { reference: endpoint.reference, display: endpoint.name }, `the PACS "${endpoint.name}"`);
    } catch (error) {
      setSearch({ state: 'failed', message: message(error), matches });
    }
  };

  const matches = 'matches' in search ? search.matches : undefined;
  return (
    <Dialog open onClose={onCancel} aria-labelledby="pacs-lookup-title" fullWidth maxWidth="lg">
      <DialogTitle id="pacs-lookup-title">Look up the study in the PACS</DialogTitle>
      <DialogContent>
        {endpoints === undefined && <Typography role="status">Loading the endpoints…</Typography>}
        {endpoints?.length === 0 && (
          <Alert severity="warning">No DICOMweb (dicom-wado-rs) endpoint is known. Add one to the study first.</Alert>
        )}
        {endpoint && (
          <Stack component="form" aria-label="Study search" onSubmit={(e) => void run(e)} spacing={2} sx={{ mt: 1 }}>
            <TextField
              select
              size="small"
              label="PACS endpoint"
              value={endpoint.reference}
              onChange={(e) => setEndpointRef(e.target.value)}
              helperText={endpoint.address}
              slotProps={{ select: { native: true } }}
            >
              {endpoints?.map((e) => (
                <option key={e.reference} value={e.reference}>
                  {e.name}
                </option>
              ))}
            </TextField>
            <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
              <TextField
                size="small"
                label="Patient ID (MRN)"
                value={patientId}
                onChange={(e) => setPatientId(e.target.value)}
              />
              <TextField
                size="small"
                label="Accession number"
                value={accession}
                onChange={(e) => setAccession(e.target.value)}
              />
              {/* Typed, not the browser's date input: that shows the locale's order (mm/dd/yyyy), the app YYYY-MM-DD. */}
              <TextField
                size="small"
                id="pacs-date-from"
                label="Study date from"
                placeholder={DISPLAY_DATE_FORMAT}
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                error={!!dateErrors.from}
                helperText={dateErrors.from ?? DISPLAY_DATE_FORMAT}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
              />
              <TextField
                size="small"
                id="pacs-date-to"
                label="Study date to"
                placeholder={DISPLAY_DATE_FORMAT}
                value={to}
                onChange={(e) => setTo(e.target.value)}
                error={!!dateErrors.to}
                helperText={dateErrors.to ?? DISPLAY_DATE_FORMAT}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
              />
              <Button type="submit" variant="contained" disabled={search.state === 'searching'}>
                Search
              </Button>
            </Stack>
          </Stack>
        )}
        {search.state === 'searching' && (
          <Stack direction="row" spacing={1} role="status" sx={{ mt: 2, alignItems: 'center' }}>
            <CircularProgress size={20} aria-hidden />
            <Typography>Searching the PACS…</Typography>
          </Stack>
        )}
        {search.state === 'failed' && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {search.message}
          </Alert>
        )}
        {search.state === 'found' && search.matches.length === 0 && (
          <Alert severity="info" role="status" sx={{ mt: 2 }}>
            No study in this PACS matches.
          </Alert>
        )}
        {search.state === 'found' && search.more && (
          <Alert severity="info" role="status" sx={{ mt: 2 }}>
            More than {MATCH_LIMIT} studies match; only {MATCH_LIMIT} are listed. Narrow the search with an accession
            number or a shorter date range.
          </Alert>
        )}
        {matches && matches.length > 0 && (
          <MatchTable
            matches={matches}
            fetching={search.state === 'fetching' ? search.uid : undefined}
            onPick={(m) => void pick(m, matches)}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
      </DialogActions>
    </Dialog>
  );
}

interface MatchTableProps {
  matches: readonly StudyMatch[];
  fetching: string | undefined;
  onPick: (match: StudyMatch) => void;
}

function MatchTable({ matches, fetching, onPick }: MatchTableProps) {
  return (
    <Table size="small" aria-label="Studies found" sx={{ mt: 2 }}>
      <TableHead>
        <TableRow>
          {['Date', 'Description', 'Modalities', 'Series', 'Instances', 'Accession', 'Choose'].map((h) => (
            <TableCell key={h} component="th" scope="col">
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {matches.map((m) => {
          const date = dicomDate(m.date) ?? '';
          return (
            <TableRow key={m.studyUid}>
              <TableCell>{date}</TableCell>
              <TableCell>{m.description ?? ''}</TableCell>
              <TableCell>{m.modalities.join(', ')}</TableCell>
              <TableCell>{m.seriesCount ?? ''}</TableCell>
              <TableCell>{m.instanceCount ?? ''}</TableCell>
              <TableCell>{m.accession ?? ''}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  variant="outlined"
                  disabled={fetching !== undefined}
                  aria-label={`Use the study of ${date || 'unknown date'}${m.description ? `, ${m.description}` : ''}${m.accession ? `, accession ${m.accession}` : ''}`}
                  onClick={() => onPick(m)}
                >
                  {fetching === m.studyUid ? 'Fetching…' : 'Use this study'}
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * The study list's table, in a chunk of its own: the editor route does not need it, and the list page fetches it
 * while the study search is under way (see App.tsx).
 */
import {
  Alert,
  Box,
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ImagingStudy } from 'fhir/r4';
import { useState } from 'react';
import { routeHref } from './router';
import { TextBox } from '../form/inputs/TextBox';
import { displayDateTime } from '../kernel/date-display';
import { plural } from '../kernel/text';
import { ACCESSION_ENTRY, accessionOf as accessionIdentifier } from '../profile/identifiers';
import { studyUidOf } from '../study/study-uid';

function accessionOf(study: ImagingStudy): string {
  return accessionIdentifier(study.identifier)?.value ?? '';
}

/** The orders the study is for: their display, else their reference. */
function ordersOf(study: ImagingStudy): string {
  return (study.basedOn ?? [])
    .filter((r) => r.reference?.startsWith('ServiceRequest/'))
    .map((r) => r.display ?? r.reference ?? '')
    .join(', ');
}

/** Whether a study matches the list's search text: accession number, order, description, modality or UID. */
function matches(study: ImagingStudy, text: string): boolean {
  const query = text.trim().toLowerCase();
  if (query === '') return true;
  return [accessionOf(study), ordersOf(study), study.description ?? '', modalities(study), studyUidOf(study) ?? '']
    .join('\n')
    .toLowerCase()
    .includes(query);
}

/** The series and instance counts: the study's own, else counted from its series. */
function contents(study: ImagingStudy): string {
  const series = study.numberOfSeries ?? study.series?.length ?? 0;
  const instances =
    study.numberOfInstances ??
    (study.series ?? []).reduce((n, s) => n + (s.numberOfInstances ?? s.instance?.length ?? 0), 0);
  return `${plural(series, 'series', 'series')}, ${plural(instances, 'instance')}`;
}

/** When the study started, as a number to sort by (the instant; a date or year counts from its start, UTC). */
function startedAt(study: ImagingStudy): number | undefined {
  const time = study.started === undefined ? NaN : Date.parse(study.started);
  return Number.isNaN(time) ? undefined : time;
}

/** R4's status code in words: `entered-in-error` → "Entered in error". */
function statusText(status: string): string {
  const words = status.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Order = 'asc' | 'desc';

/** Sorted by start, newest first for `desc`; studies without a (readable) start come last either way. */
function byStarted(studies: readonly ImagingStudy[], order: Order): ImagingStudy[] {
  const keyed = studies.map((study) => ({ study, at: startedAt(study) }));
  keyed.sort((a, b) => {
    if (a.at === undefined || b.at === undefined) return a.at === undefined ? (b.at === undefined ? 0 : 1) : -1;
    return order === 'asc' ? a.at - b.at : b.at - a.at;
  });
  return keyed.map((k) => k.study);
}

function modalities(study: ImagingStudy): string {
  return (study.modality ?? [])
    .map((m) => m.code ?? m.display ?? '')
    .filter(Boolean)
    .join(', ');
}

/** The studies found, each with the link that opens it, and a search over them. */
export function StudyTable({ studies }: { studies: ImagingStudy[] }) {
  const [search, setSearch] = useState('');
  const [order, setOrder] = useState<Order>('desc');
  if (studies.length === 0) {
    return <Alert severity="info">This patient has no imaging studies on the server yet.</Alert>;
  }
  const shown = byStarted(
    studies.filter((s) => matches(s, search)),
    order,
  );
  return (
    <TableContainer>
      {/* Room above for the field's raised label, which the container's overflow would otherwise clip. */}
      <Box sx={{ mb: 2, pt: 1, maxWidth: 420 }}>
        <TextBox
          id="study-search"
          label="Search studies"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          helperText="Accession number, order, description, modality or Study Instance UID"
          size="small"
          fullWidth
          slotProps={{ htmlInput: { type: 'search' } }}
        />
      </Box>
      {shown.length === 0 ? (
        <Alert severity="info" role="status">
          No study matches “{search.trim()}”.
        </Alert>
      ) : (
        <Typography role="status" variant="body2" sx={{ mb: 1 }}>
          {search.trim() === ''
            ? plural(studies.length, 'study', 'studies')
            : `${shown.length} of ${plural(studies.length, 'study', 'studies')} ${shown.length === 1 ? 'matches' : 'match'} “${search.trim()}”`}
        </Typography>
      )}
      <Table size="small" aria-labelledby="studies-heading">
        <TableHead>
          <TableRow>
            <TableCell scope="col" sortDirection={order}>
              {/* A plain Button, not TableSortLabel: the list page is the first load and already has Button. */}
              <Button
                size="small"
                onClick={() => setOrder((o) => (o === 'asc' ? 'desc' : 'asc'))}
                sx={{ p: 0, minWidth: 0, font: 'inherit', textTransform: 'none', color: 'inherit' }}
              >
                Started
                <Box component="span" aria-hidden sx={{ ml: 0.5 }}>
                  {order === 'desc' ? '↓' : '↑'}
                </Box>
              </Button>
            </TableCell>
            <TableCell scope="col">Modalities</TableCell>
            <TableCell scope="col">Description</TableCell>
            <TableCell scope="col">{ACCESSION_ENTRY.label}</TableCell>
            <TableCell scope="col">Order</TableCell>
            <TableCell scope="col">Status</TableCell>
            <TableCell scope="col">Series and instances</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((study) => (
            <TableRow key={study.id} hover>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {study.started ? displayDateTime(study.started) : '—'}
              </TableCell>
              <TableCell>{modalities(study) || '—'}</TableCell>
              <TableCell>
                <Link href={routeHref({ page: 'study', id: study.id ?? '' })}>
                  {study.description || 'Untitled study'}
                </Link>
              </TableCell>
              <TableCell>{accessionOf(study) || '—'}</TableCell>
              <TableCell>{ordersOf(study) || '—'}</TableCell>
              <TableCell>{statusText(study.status)}</TableCell>
              <TableCell>{contents(study)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

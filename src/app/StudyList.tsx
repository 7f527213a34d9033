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
import { useState, type ChangeEvent, type ReactNode } from 'react';
import { routeHref } from './router';
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

function modalities(study: ImagingStudy): string {
  return (study.modality ?? [])
    .map((m) => m.code ?? m.display ?? '')
    .filter(Boolean)
    .join(', ');
}

interface StudyListProps {
  /** Why a new study cannot be created with the granted scopes; undefined when it can. */
  cannotCreate?: string;
  /** The list itself, or what stands in its place (progress, an error, why it cannot be shown). */
  children: ReactNode;
}

/** The patient's imaging studies section: the way to start a new study, then the list (`children`). */
export function StudyList({ cannotCreate, children }: StudyListProps) {
  return (
    <Box component="section" aria-labelledby="studies-heading">
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 2 }}>
        <Typography variant="h5" component="h2" id="studies-heading">
          Imaging studies
        </Typography>
        {cannotCreate ? (
          <Button variant="contained" disabled aria-describedby="new-study-reason">
            New study
          </Button>
        ) : (
          <Button variant="contained" href={routeHref({ page: 'new' })}>
            New study
          </Button>
        )}
      </Box>
      {cannotCreate && (
        <Alert severity="info" id="new-study-reason" sx={{ mb: 2 }}>
          {cannotCreate}
        </Alert>
      )}
      {children}
    </Box>
  );
}

/** The studies found, each with the link that opens it, and a search over them. */
export function StudyTable({ studies }: { studies: ImagingStudy[] }) {
  const [search, setSearch] = useState('');
  if (studies.length === 0) {
    return <Alert severity="info">This patient has no imaging studies on the server yet.</Alert>;
  }
  const shown = studies.filter((s) => matches(s, search));
  return (
    <TableContainer>
      {/* A plain labelled input: the list page does not load MUI's TextField for one search box. */}
      <Box sx={{ mb: 2, display: 'flex', flexDirection: 'column', gap: 0.5, maxWidth: 420 }}>
        <Typography component="label" htmlFor="study-search" variant="body2">
          Search studies
        </Typography>
        <Box
          component="input"
          id="study-search"
          type="search"
          value={search}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)}
          aria-describedby="study-search-hint"
          sx={{ font: 'inherit', p: 1, border: 1, borderColor: 'grey.500', borderRadius: 1 }}
        />
        <Typography id="study-search-hint" variant="caption" color="text.secondary">
          Accession number, order, description, modality or Study Instance UID
        </Typography>
      </Box>
      {shown.length === 0 && (
        <Alert severity="info" role="status">
          No study matches “{search.trim()}”.
        </Alert>
      )}
      <Table size="small" aria-labelledby="studies-heading">
        <TableHead>
          <TableRow>
            <TableCell scope="col">Started</TableCell>
            <TableCell scope="col">Modalities</TableCell>
            <TableCell scope="col">Description</TableCell>
            <TableCell scope="col">{ACCESSION_ENTRY.label}</TableCell>
            <TableCell scope="col">Order</TableCell>
            <TableCell scope="col">Study Instance UID</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((study) => (
            <TableRow key={study.id} hover>
              <TableCell>{study.started ?? '—'}</TableCell>
              <TableCell>{modalities(study) || '—'}</TableCell>
              <TableCell>
                <Link href={routeHref({ page: 'study', id: study.id ?? '' })}>
                  {study.description || 'Untitled study'}
                </Link>
              </TableCell>
              <TableCell>{accessionOf(study) || '—'}</TableCell>
              <TableCell>{ordersOf(study) || '—'}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{studyUidOf(study) ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

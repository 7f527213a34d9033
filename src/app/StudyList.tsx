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
import type { ReactNode } from 'react';
import { routeHref } from './router';
import { studyUidOf } from '../study/study-uid';

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

/** The studies found, each with the link that opens it. */
export function StudyTable({ studies }: { studies: ImagingStudy[] }) {
  if (studies.length === 0) {
    return <Alert severity="info">This patient has no imaging studies on the server yet.</Alert>;
  }
  return (
    <TableContainer>
      <Table size="small" aria-labelledby="studies-heading">
        <TableHead>
          <TableRow>
            <TableCell scope="col">Started</TableCell>
            <TableCell scope="col">Modalities</TableCell>
            <TableCell scope="col">Description</TableCell>
            <TableCell scope="col">Study Instance UID</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {studies.map((study) => (
            <TableRow key={study.id} hover>
              <TableCell>{study.started ?? '—'}</TableCell>
              <TableCell>{modalities(study) || '—'}</TableCell>
              <TableCell>
                <Link href={routeHref({ page: 'study', id: study.id ?? '' })}>
                  {study.description || 'Untitled study'}
                </Link>
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{studyUidOf(study) ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

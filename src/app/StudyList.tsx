import { Alert, Box, Button, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { routeHref } from './router';

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

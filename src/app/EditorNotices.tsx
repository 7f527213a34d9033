import { Alert, AlertTitle, Box, Button, Link } from '@mui/material';
import type { ImagingStudy } from 'fhir/r4';
import { routeHref } from './router';

/** A message above the editor about the last save or the page's state. */
export interface Notice {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

export function NoticeAlert({ notice }: { notice: Notice }) {
  const urgent = notice.severity === 'error' || notice.severity === 'warning';
  return (
    <Alert severity={notice.severity} role={urgent ? 'alert' : 'status'} sx={{ mb: 2 }}>
      {notice.text}
    </Alert>
  );
}

/** Points to the study that already has the UID of the new one, instead of saving a second one. */
export function ExistingStudyAlert({ study }: { study: ImagingStudy }) {
  const what = [study.description, study.started?.slice(0, 10)].filter(Boolean).join(', ');
  return (
    <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
      A study with this Study Instance UID already exists on the server{what ? ` (${what})` : ''}. Open it to change it,
      or generate a new UID for a different study.{' '}
      {study.id && <Link href={routeHref({ page: 'study', id: study.id })}>Open the existing study</Link>}
    </Alert>
  );
}

/** Other studies carry the accession number the form shows: named, each with a link to open it. */
export function AccessionDuplicateAlert({ value, studies }: { value: string; studies: ImagingStudy[] }) {
  return (
    <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
      {studies.length === 1 ? 'Another study has' : `${studies.length} other studies have`} the accession number {value}
      : check that this number is the right one for this study.
      <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
        {studies.map((study, index) => {
          const what = [study.started?.slice(0, 10), study.description].filter(Boolean).join(', ') || 'no date';
          return (
            <li key={study.id ?? index}>
              {study.id ? (
                <Link href={routeHref({ page: 'study', id: study.id })}>Open the study ({what})</Link>
              ) : (
                `A study (${what})`
              )}
            </li>
          );
        })}
      </Box>
    </Alert>
  );
}

/** The server no longer accepts this launch's tokens: offers a relaunch, the draft stays in the tab. */
export function SessionEndedAlert({ onRelaunch }: { onRelaunch: () => void }) {
  return (
    <Alert
      severity="error"
      role="alert"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" onClick={onRelaunch}>
          Relaunch
        </Button>
      }
    >
      <AlertTitle>Your session has ended</AlertTitle>
      The FHIR server no longer accepts this launch, so the study could not be saved. Your changes are kept as a draft
      in this browser tab: relaunch the app, open the study again and restore them.
    </Alert>
  );
}

import { Alert, Typography } from '@mui/material';
import type { Patient } from 'fhir/r4';
import type { FhirSession } from '../fhir/session';

interface EditorPageProps {
  session: FhirSession;
  patient: Patient;
  /** Undefined for a new study. */
  studyId?: string;
}

/** The study editor page. */
export default function EditorPage({ studyId }: EditorPageProps) {
  return (
    <>
      <Typography variant="h5" component="h2" gutterBottom>
        {studyId ? 'Edit imaging study' : 'New imaging study'}
      </Typography>
      <Alert severity="info">The study editor is not available yet.</Alert>
    </>
  );
}

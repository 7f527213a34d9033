import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Box, CircularProgress, Link, Typography } from '@mui/material';
import type { ImagingStudy, OperationOutcome, Patient } from 'fhir/r4';
import { loadImrRegistry } from '../profile';
import { imrValidator } from '../validation';
import { StudyEditor, type InlineEndpoint } from '../form';
import type { FhirSession } from '../fhir/session';
import { issue, outcomeMessages, outcomeOf, toOperationOutcome } from '../fhir/outcome';
import { saveRestriction } from './access';
import { saveStudy } from '../fhir/save';
import { replaceRoute, routeHref } from './router';

interface EditorPageProps {
  session: FhirSession;
  patient: Patient;
  /** Undefined for a new study. */
  studyId?: string;
}

type Loaded =
  { status: 'loading' } | { status: 'failed'; messages: string[] } | { status: 'ready'; study?: ImagingStudy };

const STUDY_UID_FIELD = 'ImagingStudy.identifier[0].value';

/** The study editor page: loads the study (or starts a new one) and saves it through the save layer. */
export default function EditorPage({ session, patient, studyId }: EditorPageProps) {
  const registry = useMemo(() => loadImrRegistry(), []);
  const validator = useMemo(() => imrValidator(), []);
  const [loaded, setLoaded] = useState<Loaded>(studyId ? { status: 'loading' } : { status: 'ready' });
  const [notice, setNotice] = useState<{ text: string; existingId?: string } | undefined>();

  const loadedId = loaded.status === 'ready' ? loaded.study?.id : undefined;
  useEffect(() => {
    if (!studyId || studyId === loadedId) return;
    let live = true;
    session.readStudy(studyId).then(
      (study) => live && setLoaded({ status: 'ready', study }),
      async (err: unknown) =>
        live && setLoaded({ status: 'failed', messages: outcomeMessages(await toOperationOutcome(err)) }),
    );
    return () => {
      live = false;
    };
    // loadedId is left out on purpose: a study this page has just saved needs no second read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, studyId]);

  const original = loaded.status === 'ready' ? loaded.study : undefined;
  const cannotSave = saveRestriction(session.context.grantedScopes, !original);

  const onSave = useCallback(
    async (study: ImagingStudy, newEndpoints: InlineEndpoint[]): Promise<OperationOutcome | undefined> => {
      setNotice(undefined);
      const result = await saveStudy(session, { original, study, newEndpoints });
      switch (result.kind) {
        case 'saved':
          setNotice({ text: 'The imaging study was saved.' });
          setLoaded({ status: 'ready', study: result.study });
          // The address now names the saved study, so a reload opens it for editing.
          if (!original && result.study.id) replaceRoute({ page: 'study', id: result.study.id });
          return undefined;
        case 'duplicate':
          setNotice({
            text: 'A study with this Study Instance UID already exists on the server.',
            existingId: result.existing.id,
          });
          return outcomeOf(
            issue('error', 'duplicate', 'A study with this Study Instance UID already exists.', STUDY_UID_FIELD),
          );
        case 'conflict':
          return outcomeOf(
            issue(
              'error',
              'conflict',
              'Someone else changed this study on the server since you opened it. Reopen it to see their changes; your edits are still here.',
            ),
          );
        case 'failed':
          return result.outcome;
      }
    },
    [session, original],
  );

  if (loaded.status === 'loading') {
    return (
      <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <CircularProgress size={24} aria-hidden />
        <Typography>Loading the imaging study…</Typography>
      </Box>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <Alert severity="error" role="alert">
        The imaging study could not be opened. {loaded.messages.join(' ')}
      </Alert>
    );
  }
  return (
    <>
      <Typography variant="h5" component="h2" gutterBottom>
        {original ? 'Edit imaging study' : 'New imaging study'}
      </Typography>
      {cannotSave && (
        <Alert severity="info" role="status" sx={{ mb: 2 }}>
          This study is read-only. {cannotSave}
        </Alert>
      )}
      {notice && (
        <Alert severity={notice.existingId ? 'warning' : 'success'} role="status" sx={{ mb: 2 }}>
          {notice.text}{' '}
          {notice.existingId && (
            <Link href={routeHref({ page: 'study', id: notice.existingId })}>Open the existing study</Link>
          )}
        </Alert>
      )}
      <StudyEditor
        key={original ? `${original.id}/${original.meta?.versionId ?? ''}` : 'new'}
        registry={registry}
        validator={validator}
        initial={original}
        patient={patient}
        searchEndpoints={session.searchEndpoints}
        onSave={onSave}
        readOnly={cannotSave !== undefined}
      />
    </>
  );
}

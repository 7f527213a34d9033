import { useEffect, useState, type ComponentProps } from 'react';
import { Alert, AppBar, Box, Button, CircularProgress, Container, Link, Toolbar, Typography } from '@mui/material';
import type { ImagingStudy, Patient } from 'fhir/r4';
import { connect, describeLaunchError, signOut, type FhirSession, type LaunchProblem } from '../fhir/session';
import { outcomeMessages, toOperationOutcome } from '../fhir/outcome';
import { READ_PATIENT, restriction, saveRestriction, SEARCH_STUDIES } from './access';
import { dropAllDrafts } from './drafts';
import { PatientBanner } from './PatientBanner';
import { ProblemPage } from './ProblemPage';
import { SignedOutPage } from './SignedOutPage';
import { StudyList } from './StudyList';
import { replaceRoute, routeHref, useRoute } from './router';
import { preloadEditor, useEditorModule, type EditorModule } from './editor-module';

type LoadState =
  | { status: 'loading' }
  | { status: 'problem'; problem: LaunchProblem }
  | { status: 'signed-out' }
  | { status: 'ready'; session: FhirSession; patient: Patient };

function Loading({ label }: { label: string }) {
  return (
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 6, justifyContent: 'center' }}>
      <CircularProgress size={24} aria-hidden />
      <Typography>{label}</Typography>
    </Box>
  );
}

function StudiesPage({ session }: { session: FhirSession }) {
  const [studies, setStudies] = useState<ImagingStudy[] | undefined>();
  const [error, setError] = useState<string[] | undefined>();
  const cannotList = restriction(session.context.grantedScopes, [SEARCH_STUDIES]);
  useEffect(() => {
    if (cannotList) return;
    let live = true;
    session.searchStudies().then(
      (found) => live && setStudies(found),
      async (err: unknown) => live && setError(outcomeMessages(await toOperationOutcome(err))),
    );
    return () => {
      live = false;
    };
  }, [session, cannotList]);
  if (cannotList) {
    return (
      <Alert severity="info" role="status">
        The imaging studies cannot be shown. {cannotList}
      </Alert>
    );
  }
  if (error) {
    return (
      <Alert severity="error" role="alert">
        The imaging studies could not be loaded. {error.join(' ')}
      </Alert>
    );
  }
  if (!studies) return <Loading label="Loading imaging studies…" />;
  return <StudyList studies={studies} cannotCreate={saveRestriction(session.context.grantedScopes, true)} />;
}

/** The editor page, once its chunk (loading since the app started) is there. */
function Editor(props: ComponentProps<EditorModule['default']>) {
  const editor = useEditorModule();
  if (editor.status === 'failed') {
    return (
      <Alert severity="error" role="alert">
        The editor could not be loaded. Check the network connection and reload the page.
      </Alert>
    );
  }
  if (editor.status === 'loading') return <Loading label="Opening the editor…" />;
  const EditorPage = editor.module.default;
  return <EditorPage {...props} />;
}

/** The app after launch: banner, study list and editor. */
export function App() {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const route = useRoute();

  useEffect(() => {
    // The editor is likely to be opened: fetch it while the launch completes (a failure shows when it is opened).
    preloadEditor().catch(() => undefined);
    connect()
      .then(async (session) => {
        const cannotRead = restriction(session.context.grantedScopes, [READ_PATIENT]);
        if (cannotRead) {
          setState({
            status: 'problem',
            problem: { title: 'Access was not granted', message: cannotRead, relaunch: true },
          });
          return;
        }
        setState({ status: 'ready', session, patient: await session.readPatient() });
      })
      .catch((err: unknown) => setState({ status: 'problem', problem: describeLaunchError(err) }));
  }, []);

  const onSignOut = async (): Promise<void> => {
    await signOut();
    dropAllDrafts();
    replaceRoute({ page: 'studies' });
    setState({ status: 'signed-out' });
  };

  if (state.status === 'problem') return <ProblemPage problem={state.problem} />;
  if (state.status === 'signed-out') return <SignedOutPage />;

  return (
    <>
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="h1">
            <Link href={routeHref({ page: 'studies' })} color="inherit" underline="none">
              IMR Study Author
            </Link>
          </Typography>
          {state.status === 'ready' && (
            <Button color="inherit" sx={{ ml: 'auto' }} onClick={() => void onSignOut()}>
              Sign out
            </Button>
          )}
        </Toolbar>
      </AppBar>
      {state.status === 'loading' ? (
        <Loading label="Connecting to the FHIR server…" />
      ) : (
        <>
          {state.session.context.needPatientBanner && <PatientBanner patient={state.patient} />}
          <Container component="main" maxWidth="lg" sx={{ py: 3 }}>
            {route.page === 'studies' ? (
              <StudiesPage session={state.session} />
            ) : (
              <Editor
                session={state.session}
                patient={state.patient}
                studyId={route.page === 'study' ? route.id : undefined}
              />
            )}
          </Container>
        </>
      )}
    </>
  );
}

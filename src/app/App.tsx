import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, AppBar, Box, CircularProgress, Container, Link, Toolbar, Typography } from '@mui/material';
import type { ImagingStudy, Patient } from 'fhir/r4';
import { connect, describeLaunchError, type FhirSession, type LaunchProblem } from '../fhir/session';
import { outcomeMessages, toOperationOutcome } from '../fhir/outcome';
import { isAllowed } from '../fhir/scopes';
import { PatientBanner } from './PatientBanner';
import { ProblemPage } from './ProblemPage';
import { StudyList } from './StudyList';
import { routeHref, useRoute } from './router';

// The editor carries the form, the validator and the date pickers: load it only when it is opened.
const EditorPage = lazy(() => import('./EditorPage'));

type LoadState =
  | { status: 'loading' }
  | { status: 'problem'; problem: LaunchProblem }
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
  useEffect(() => {
    let live = true;
    session.searchStudies().then(
      (found) => live && setStudies(found),
      async (err: unknown) => live && setError(outcomeMessages(await toOperationOutcome(err))),
    );
    return () => {
      live = false;
    };
  }, [session]);
  if (error) {
    return (
      <Alert severity="error" role="alert">
        The imaging studies could not be loaded. {error.join(' ')}
      </Alert>
    );
  }
  if (!studies) return <Loading label="Loading imaging studies…" />;
  return (
    <StudyList studies={studies} canCreate={isAllowed(session.context.grantedScopes, 'ImagingStudy', 'c')} />
  );
}

/** The app after launch: banner, study list and editor. */
export function App() {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const route = useRoute();

  useEffect(() => {
    connect()
      .then(async (session) => setState({ status: 'ready', session, patient: await session.readPatient() }))
      .catch((err: unknown) => setState({ status: 'problem', problem: describeLaunchError(err) }));
  }, []);

  if (state.status === 'problem') return <ProblemPage problem={state.problem} />;

  return (
    <>
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="h1">
            <Link href={routeHref({ page: 'studies' })} color="inherit" underline="none">
              IMR Study Author
            </Link>
          </Typography>
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
              <Suspense fallback={<Loading label="Opening the editor…" />}>
                <EditorPage
                  session={state.session}
                  patient={state.patient}
                  studyId={route.page === 'study' ? route.id : undefined}
                />
              </Suspense>
            )}
          </Container>
        </>
      )}
    </>
  );
}

import { useEffect, useState, type ComponentProps } from 'react';
import { Alert, AppBar, Box, Button, CircularProgress, Container, Link, Toolbar, Typography } from '@mui/material';
import { signOut, type FhirSession } from '../fhir/session';
import { saveRestriction } from './access';
import { dropAllDrafts } from './drafts';
import { PatientBanner } from './PatientBanner';
import { ProblemPage } from './ProblemPage';
import { SignedOutPage } from './SignedOutPage';
import { StudyList } from './StudyList';
import { parseRoute, replaceRoute, routeHref, useRoute } from './router';
import { useEditorModule, type EditorModule } from './editor-module';
import { start, type Started, type StudySearch } from './start';

/** The list's table: its own chunk (the editor route does not need it), fetched while the study search runs. */
const loadStudyTable = () => import('./StudyTable');
type StudyTableModule = Awaited<ReturnType<typeof loadStudyTable>>;

type LoadState = { status: 'loading' } | Started | { status: 'signed-out' };

function Loading({ label }: { label: string }) {
  return (
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 6, justifyContent: 'center' }}>
      <CircularProgress size={24} aria-hidden />
      <Typography>{label}</Typography>
    </Box>
  );
}

/**
 * The study list. "New study" is there from the start; the list fills in its own region when the search answers (the
 * first time, the search started with the launch).
 */
function StudiesPage({ session, studies }: { session: FhirSession; studies: () => Promise<StudySearch> }) {
  const [search, setSearch] = useState<StudySearch | undefined>();
  const [table, setTable] = useState<StudyTableModule | 'failed' | undefined>();
  useEffect(() => {
    let live = true;
    void loadStudyTable().then(
      (module) => live && setTable(module),
      () => live && setTable('failed'),
    );
    void studies().then((found) => live && setSearch(found));
    return () => {
      live = false;
    };
  }, [studies]);
  let content;
  if (table === 'failed') {
    content = (
      <Alert severity="error" role="alert">
        The study list could not be loaded. Check the network connection and reload the page.
      </Alert>
    );
  } else if (!search || (search.status === 'found' && !table)) content = <Loading label="Loading imaging studies…" />;
  else if (search.status === 'not-allowed') {
    content = (
      <Alert severity="info" role="status">
        The imaging studies cannot be shown. {search.reason}
      </Alert>
    );
  } else if (search.status === 'failed') {
    content = (
      <Alert severity="error" role="alert">
        The imaging studies could not be loaded. {search.messages.join(' ')}
      </Alert>
    );
  } else if (table) content = <table.StudyTable studies={search.studies} />;
  return <StudyList cannotCreate={saveRestriction(session.context.grantedScopes, true)}>{content}</StudyList>;
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
    let live = true;
    // main.tsx started the launch before this first render; this waits for it.
    void start().then((started) => {
      if (!live) return;
      // A launch for an order or a study starts there, unless the address already names a page.
      if (started.status === 'ready' && started.launch.route && parseRoute(window.location.hash).page === 'studies') {
        replaceRoute(started.launch.route);
      }
      setState(started);
    });
    return () => {
      live = false;
    };
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
            {route.page === 'studies' && state.launch.problem && (
              <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
                {state.launch.problem}
              </Alert>
            )}
            {route.page === 'studies' ? (
              <StudiesPage session={state.session} studies={state.studies} />
            ) : (
              <Editor
                session={state.session}
                patient={state.patient}
                studyId={route.page === 'study' ? route.id : undefined}
                {...(route.page === 'new' && route.order ? { orderId: route.order } : {})}
                {...(state.accessionSystem === undefined ? {} : { accessionSystem: state.accessionSystem })}
              />
            )}
          </Container>
        </>
      )}
    </>
  );
}

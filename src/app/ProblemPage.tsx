import { Alert, AlertTitle, Box, Container, Typography } from '@mui/material';
import type { LaunchProblem } from '../fhir/session';

/** A full-page explanation of why the app cannot go on, never a blank page. */
export function ProblemPage({ problem }: { problem: LaunchProblem }) {
  return (
    <Container maxWidth="sm" component="main" sx={{ mt: 8 }}>
      <Typography variant="h4" component="h1" gutterBottom>
        IMR Study Author
      </Typography>
      <Alert severity="error" role="alert">
        <AlertTitle>{problem.title}</AlertTitle>
        {problem.message}
      </Alert>
      {problem.relaunch && (
        <Box sx={{ mt: 2 }}>
          <Typography>To continue, close this tab and open the app again from the patient&apos;s chart.</Typography>
        </Box>
      )}
    </Container>
  );
}

import { Alert, AlertTitle, Container, Typography } from '@mui/material';

/** Shown after "Sign out": the tab holds nothing of the session any more. */
export function SignedOutPage() {
  return (
    <Container maxWidth="sm" component="main" sx={{ mt: 8 }}>
      <Typography variant="h4" component="h1" gutterBottom>
        IMR Study Author
      </Typography>
      <Alert severity="info" role="status">
        <AlertTitle>You have signed out</AlertTitle>
        The access to the patient record and any unsaved drafts were removed from this tab. To continue, open the app
        again from the patient&apos;s chart in your EHR.
      </Alert>
    </Container>
  );
}

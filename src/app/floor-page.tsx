/** The stack floor's screen (see ./floor-entry.ts): MUI with the app's theme, as the app renders its own. */
import { createRoot } from 'react-dom/client';
import { AppBar, Container, CssBaseline, TextField, ThemeProvider, Toolbar, Typography } from '@mui/material';
import { theme } from './theme';

/** Replaces the page's content with the app bar, `name` and one empty text field. */
export function renderFloor(container: HTMLElement, name: string): void {
  createRoot(container).render(
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="h1">
            IMR Study Author
          </Typography>
        </Toolbar>
      </AppBar>
      <Container component="main" maxWidth="lg" sx={{ py: 3 }}>
        <Typography data-testid="patient-name">{name}</Typography>
        <TextField id="floor-uid" label="Study Instance UID" size="small" fullWidth />
      </Container>
    </ThemeProvider>,
  );
}

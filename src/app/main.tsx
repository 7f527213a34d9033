import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { theme } from './theme';
import { App } from './App';
import { preloadEditor } from './editor-module';
import { start } from './start';

// The launch's requests (code exchange, then Patient and studies) and the editor's chunk start now, so that they are
// under way while React renders, instead of after its first render.
void start();
preloadEditor().catch(() => undefined); // A failure shows when the editor is opened.

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <App />
    </ThemeProvider>
  </StrictMode>,
);

import { createTheme } from '@mui/material/styles';

export const theme = createTheme({
  palette: { primary: { main: '#0b5394' }, error: { main: '#b00020' } },
  typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
});

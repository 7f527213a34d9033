import { createTheme } from '@mui/material/styles';

// MUI detects browser autofill with two keyframes animations. Each input would inject them itself, as a <style>
// element of its own: with hundreds of inputs (a large study's series) every mounted or unmounted input restyles the
// whole page. The keyframes are injected once here instead, and the inputs keep the animations that use them.
const AUTO_FILL = 'mui-auto-fill';
const AUTO_FILL_CANCEL = 'mui-auto-fill-cancel';

export const theme = createTheme({
  palette: { primary: { main: '#0b5394' }, error: { main: '#b00020' } },
  typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        [`@keyframes ${AUTO_FILL}`]: { from: { animationName: AUTO_FILL } },
        [`@keyframes ${AUTO_FILL_CANCEL}`]: { from: { animationName: AUTO_FILL_CANCEL } },
      },
    },
    MuiInputBase: {
      defaultProps: { disableInjectingGlobalStyles: true },
      styleOverrides: {
        input: {
          animationName: AUTO_FILL_CANCEL,
          animationDuration: '10ms',
          '&:-webkit-autofill': { animationDuration: '5000s', animationName: AUTO_FILL },
        },
      },
    },
  },
});

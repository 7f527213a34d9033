import { createTheme, type Theme } from '@mui/material/styles';

// MUI detects browser autofill with two keyframes animations. Each input would inject them itself, as a <style>
// element of its own: with hundreds of inputs (a large study's series) every mounted or unmounted input restyles the
// whole page. The keyframes are injected once here instead, and the inputs keep the animations that use them.
const AUTO_FILL = 'mui-auto-fill';
const AUTO_FILL_CANCEL = 'mui-auto-fill-cancel';

// An input label's colour follows its field's state (focused, error). MUI fades it for 200 ms; as every keystroke can
// flip a field between valid and invalid, that animation kept the page producing frames while the user typed, so the
// next keystroke's feedback waited for the next display frame instead of being painted at once. The colour now
// changes at once; the label still moves (transform) with its transition when the field is focused or filled.
const LABEL_TRANSITION = ['transform', 'max-width'];

// The colours of the form's text fields, which a static style sheet draws (src/form/inputs/text-box.css).
const fieldColours = ({ palette }: Theme) => ({
  '--imr-field-primary': palette.primary.main,
  '--imr-field-error': palette.error.main,
  '--imr-field-text-primary': palette.text.primary,
  '--imr-field-text-secondary': palette.text.secondary,
  '--imr-field-text-disabled': palette.text.disabled,
  '--imr-field-disabled': palette.action.disabled,
  '--imr-field-outline': 'rgba(0, 0, 0, 0.23)', // MUI's outlined input border in the light palette
  '--imr-field-background': palette.background.paper,
});

export const theme = createTheme({
  // Warning darker than MUI's default (#ed6c02, 3.1:1 on white), so warning-coloured text and chips reach 4.5:1.
  palette: { primary: { main: '#0b5394' }, error: { main: '#b00020' }, warning: { main: '#b45309' } },
  typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
  components: {
    MuiCssBaseline: {
      styleOverrides: (theme: Theme) => ({
        ':root': fieldColours(theme),
        [`@keyframes ${AUTO_FILL}`]: { from: { animationName: AUTO_FILL } },
        [`@keyframes ${AUTO_FILL_CANCEL}`]: { from: { animationName: AUTO_FILL_CANCEL } },
      }),
    },
    MuiInputLabel: {
      styleOverrides: {
        root: ({ theme, ownerState }) =>
          ownerState.disableAnimation
            ? {}
            : {
                transition: theme.transitions.create(LABEL_TRANSITION, {
                  duration: theme.transitions.duration.shorter,
                  easing: theme.transitions.easing.easeOut,
                }),
              },
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

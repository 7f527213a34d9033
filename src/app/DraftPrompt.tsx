import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { displayInstant } from '../kernel/date-display';

interface DraftPromptProps {
  /** When the draft was written (ISO 8601). */
  savedAt: string;
  /** Whether the study has a newer version on the server than the one the draft was made from. */
  serverChanged: boolean;
  isNew: boolean;
  onRestore: () => void;
  onDiscard: () => void;
}

/** Offers to restore unsaved changes kept in this tab (after a reload, a relaunch or an ended session). */
export function DraftPrompt({ savedAt, serverChanged, isNew, onRestore, onDiscard }: DraftPromptProps) {
  return (
    <Alert
      severity="info"
      role="region"
      aria-labelledby="draft-prompt-title"
      sx={{ mb: 2 }}
      action={
        <Stack direction="row" spacing={1}>
          <Button variant="contained" size="small" onClick={onRestore}>
            Restore my changes
          </Button>
          <Button size="small" onClick={onDiscard}>
            Discard them
          </Button>
        </Stack>
      }
    >
      <AlertTitle id="draft-prompt-title">Unsaved changes found</AlertTitle>
      This browser tab kept changes to {isNew ? 'a new study' : 'this study'} that were not saved, last written at{' '}
      <time dateTime={savedAt}>{displayInstant(savedAt)}</time>.
      {serverChanged &&
        ' The study has been changed on the server since then: when you save, you will see both sets of changes.'}
    </Alert>
  );
}

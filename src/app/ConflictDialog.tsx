import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Box,
  Typography,
} from '@mui/material';
import type { StudyChange, StudyDiff } from '../study/diff';
import { changeText } from './change-text';

interface ConflictDialogProps {
  diff: StudyDiff;
  /** While the overwrite is being saved. */
  busy: boolean;
  onReload: () => void;
  onOverwrite: () => void;
  onClose: () => void;
}

function Changes({
  id,
  title,
  changes,
  conflicts,
}: {
  id: string;
  title: string;
  changes: StudyChange[];
  conflicts: Set<string>;
}) {
  return (
    <>
      <Typography id={id} component="h3" variant="subtitle1" sx={{ mt: 2, fontWeight: 'bold' }}>
        {title}
      </Typography>
      {changes.length === 0 ? (
        <Typography>No changes.</Typography>
      ) : (
        <Box component="ul" aria-labelledby={id} sx={{ listStyle: 'none', m: 0, p: 0, py: 1 }}>
          {changes.map((change) => (
            <Box component="li" key={change.path} sx={{ py: 0.5 }}>
              <Typography>{changeText(change)}</Typography>
              {conflicts.has(change.path) && (
                <Typography variant="body2" color="text.secondary">
                  Changed on both sides
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      )}
    </>
  );
}

/**
 * The edit conflict after a 412: what changed on the server and what the user changed since the study was opened,
 * and the two ways on. Closing it keeps the form as it is; nothing the user typed is dropped.
 */
export function ConflictDialog({ diff, busy, onReload, onOverwrite, onClose }: ConflictDialogProps) {
  const conflicts = new Set(diff.conflicts);
  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="conflict-title" aria-describedby="conflict-text">
      <DialogTitle id="conflict-title">Someone else changed this study</DialogTitle>
      <DialogContent>
        <DialogContentText id="conflict-text">
          The study was changed on the server after you opened it, so your changes have not been saved yet. They are
          still here. Reload to get the server&apos;s version with your changes applied again, then check and save it;
          or overwrite, which replaces the server&apos;s changes with your version.
        </DialogContentText>
        <Changes id="conflict-theirs" title="Changed on the server" changes={diff.theirs} conflicts={conflicts} />
        <Changes id="conflict-mine" title="Your changes" changes={diff.mine} conflicts={conflicts} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Keep editing
        </Button>
        <Button color="warning" onClick={onOverwrite} disabled={busy}>
          Overwrite with my version
        </Button>
        <Button variant="contained" onClick={onReload} disabled={busy} autoFocus>
          Reload, keeping my changes
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Reading progress (with Cancel), the skipped-files list, and the "nothing to import" dialog. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import type { SkippedFile } from './dicom/types';
import { plural } from '../kernel/text';

/**
 * The bar steps to each new count instead of gliding there: MUI's 0.4 s glide keeps the compositor drawing frames for
 * the whole read (updates come every 0.1 s), CPU the browser needs for handing over the files (measured on 2 cores).
 */
const NO_GLIDE = { '& .MuiLinearProgress-bar': { transition: 'none' } } as const;

export function ReadProgress({ done, total, onCancel }: { done: number; total: number; onCancel: () => void }) {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <Dialog open aria-labelledby="dicom-read-title" fullWidth maxWidth="sm">
      <DialogTitle id="dicom-read-title">Reading DICOM headers</DialogTitle>
      <DialogContent>
        <LinearProgress
          variant={total === 0 ? 'indeterminate' : 'determinate'}
          value={percent}
          aria-label="Files read"
          aria-valuetext={`${done} of ${total} files`}
          sx={NO_GLIDE}
        />
        <Typography role="status" sx={{ mt: 1 }}>
          {total === 0 ? 'Looking for files…' : `${done} of ${total} files read`}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel import</Button>
      </DialogActions>
    </Dialog>
  );
}

/** The files that were not used, each with the reason, for the user to see. */
export function SkippedList({ skipped }: { skipped: readonly SkippedFile[] }) {
  if (skipped.length === 0) return null;
  return (
    <section aria-labelledby="dicom-skipped-heading">
      <Typography id="dicom-skipped-heading" variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        {plural(skipped.length, 'file')} skipped
      </Typography>
      <List dense aria-label="Skipped files" sx={{ maxHeight: 200, overflow: 'auto' }}>
        {skipped.map((s) => (
          <ListItem key={s.file} disableGutters>
            <ListItemText primary={s.file} secondary={s.reason} />
          </ListItem>
        ))}
      </List>
    </section>
  );
}

export function NothingToImport({ skipped, onClose }: { skipped: readonly SkippedFile[]; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} aria-labelledby="dicom-empty-title" fullWidth maxWidth="sm">
      <DialogTitle id="dicom-empty-title">No DICOM study found</DialogTitle>
      <DialogContent>
        <Typography>None of the files is a DICOM image or document of a study. The form was not changed.</Typography>
        <SkippedList skipped={skipped} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The editor's entry to the DICOM import: a drop zone, file and folder pickers and the PACS lookup.
 * Everything else (worker, dcmjs, dicomweb-client, dialogs) is loaded on first use.
 */
import { Alert, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { lazy, Suspense, useRef, useState, type DragEvent } from 'react';
import type { DroppedItems } from './entries';
import { IMPORT_START_MARK, type ImportJob, type ImportOutcome, type ImportRequest } from './job';

const ImportFlow = lazy(() => import('./ImportFlow'));

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/** While the import's code arrives (on first use). */
function ImportLoading() {
  return (
    <Stack role="status" direction="row" spacing={1} sx={{ alignItems: 'center', mt: 1 }}>
      <CircularProgress size={16} aria-hidden />
      <Typography variant="body2">Loading the DICOM import…</Typography>
    </Stack>
  );
}

/** The drop zone and import buttons shown above the study fields. */
export function ImportBar() {
  const [job, setJob] = useState<ImportJob | undefined>();
  const [over, setOver] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | undefined>();
  const nextId = useRef(0);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const start = (next: ImportRequest): void => {
    performance.mark(IMPORT_START_MARK);
    setOutcome(undefined);
    setJob({ ...next, id: ++nextId.current });
  };
  const startFiles = (items: DroppedItems): void => {
    if (items.entries.length > 0 || items.files.length > 0) start({ kind: 'files', items });
  };
  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setOver(false);
    // Entries can only be taken while the event is being dispatched.
    const entries = Array.from(event.dataTransfer.items)
      .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
      .filter((e): e is FileSystemEntry => e !== null);
    startFiles({ entries, files: Array.from(event.dataTransfer.files) });
  };
  const onPicked = (input: HTMLInputElement | null): void => {
    startFiles({ entries: [], files: Array.from(input?.files ?? []) });
    // Picking the same files again must fire `change` again.
    if (input) input.value = '';
  };

  return (
    <Paper
      component="section"
      aria-labelledby="dicom-import-heading"
      variant="outlined"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="dicom-drop-zone"
      sx={{ p: 2, borderStyle: 'dashed', borderWidth: 2, bgcolor: over ? 'action.hover' : undefined }}
    >
      <Typography id="dicom-import-heading" component="h2" variant="subtitle1">
        Fill from DICOM
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Drop DICOM files or a folder here (a disc&apos;s DICOMDIR is not needed), choose them, or look the study up in
        the PACS. Only the headers are read, in this browser; images are never uploaded.
      </Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        <Button variant="outlined" onClick={() => filesInput.current?.click()}>
          Choose DICOM files
        </Button>
        <Button variant="outlined" onClick={() => folderInput.current?.click()}>
          Choose a DICOM folder
        </Button>
        <Button variant="outlined" onClick={() => start({ kind: 'pacs' })}>
          Look up in PACS
        </Button>
      </Stack>
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        aria-label="DICOM files"
        onChange={(e) => onPicked(e.currentTarget)}
      />
      <input
        ref={(el) => {
          folderInput.current = el;
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        hidden
        aria-label="DICOM folder"
        onChange={(e) => onPicked(e.currentTarget)}
      />
      {outcome && (
        <Alert severity={outcome.severity} role="status" sx={{ mt: 1 }} onClose={() => setOutcome(undefined)}>
          {outcome.text}
        </Alert>
      )}
      {job && (
        <Suspense fallback={<ImportLoading />}>
          <ImportFlow
            key={job.id}
            job={job}
            onClose={(result) => {
              setJob(undefined);
              setOutcome(result);
            }}
          />
        </Suspense>
      )}
    </Paper>
  );
}

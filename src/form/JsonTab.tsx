/** The read-only "FHIR JSON" view: exactly the resource that Save would send, with copy and download. */
import { Box, Button, Stack } from '@mui/material';
import type { ImagingStudy } from 'fhir/r4';
import { useState } from 'react';

export function JsonTab({ resource }: { resource: ImagingStudy }) {
  const json = JSON.stringify(resource, null, 2);
  const [copied, setCopied] = useState(false);
  const download = (): void => {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/fhir+json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `ImagingStudy${resource.id ? `-${resource.id}` : ''}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
        <Button
          variant="outlined"
          onClick={() => {
            void navigator.clipboard?.writeText(json).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy JSON'}
        </Button>
        <Button variant="outlined" onClick={download}>
          Download JSON
        </Button>
      </Stack>
      <Box
        component="pre"
        aria-label="ImagingStudy JSON"
        tabIndex={0}
        sx={{
          p: 2,
          bgcolor: 'grey.100',
          overflow: 'auto',
          maxHeight: '70vh',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {json}
      </Box>
    </Box>
  );
}

/** A drop holding several studies: the user picks the one this ImagingStudy is about. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { dicomDate } from './dicom/datetime';
import { instanceCount } from './dicom/group';
import type { DicomStudy } from './dicom/types';
import { plural } from '../kernel/text';

/** One line about a study: date, description, modalities, counts, accession. */
export function studySummary(study: DicomStudy): string {
  const a = study.attributes;
  const modalities = [...new Set(study.series.map((s) => s.attributes.modality).filter((m) => m !== undefined))];
  const n = instanceCount(study);
  return [
    dicomDate(a.date) ?? 'no date',
    a.description ?? 'no description',
    modalities.join(', ') || 'no modality',
    `${study.series.length} series, ${plural(n, 'instance')}`,
    a.accession ? `accession ${a.accession}` : undefined,
  ]
    .filter((p) => p !== undefined)
    .join(' · ');
}

interface StudyChooserProps {
  studies: readonly DicomStudy[];
  onChoose: (study: DicomStudy) => void;
  onCancel: () => void;
}

export function StudyChooser({ studies, onChoose, onCancel }: StudyChooserProps) {
  const [chosen, setChosen] = useState<string | undefined>();
  const study = studies.find((s) => s.attributes.studyUid === chosen);
  return (
    <Dialog open onClose={onCancel} aria-labelledby="dicom-choose-title" fullWidth maxWidth="md">
      <DialogTitle id="dicom-choose-title">The files hold {studies.length} studies: which one?</DialogTitle>
      <DialogContent>
        <Typography id="dicom-choose-help" sx={{ mb: 1 }}>
          An ImagingStudy describes one study. Pick the study to fill the form from.
        </Typography>
        <RadioGroup
          aria-labelledby="dicom-choose-title"
          aria-describedby="dicom-choose-help"
          value={chosen ?? ''}
          onChange={(e) => setChosen(e.target.value)}
        >
          {studies.map((s) => (
            <FormControlLabel
              key={s.attributes.studyUid}
              value={s.attributes.studyUid}
              control={<Radio />}
              label={studySummary(s)}
            />
          ))}
        </RadioGroup>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="contained" disabled={!study} onClick={() => study && onChoose(study)}>
          Use this study
        </Button>
      </DialogActions>
    </Dialog>
  );
}

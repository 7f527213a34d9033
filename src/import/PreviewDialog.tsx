/**
 * The review before an import is applied: what changes against the current form (values someone
 * already entered are flagged), the time zone when the files give none, the wrong-patient guard,
 * and the skipped files. Nothing changes until Apply.
 */
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  TextField,
  Typography,
} from '@mui/material';
import type { Reference } from 'fhir/r4';
import { useMemo, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { startedValue } from './dicom/datetime';
import { browserTimeZone, offsetInZone, timeZoneChoices } from '../kernel/timezone';
import { CID29_URL, mapStudy } from './dicom/mapping';
import { mismatchNote, patientMismatches } from './dicom/patient';
import type { DicomStudy, SkippedFile } from './dicom/types';
import { useEditor } from '../form/context';
import type { StudyFormValues } from '../study/values';
import { applyImport, type ImportChoice } from './apply';
import { diffImport } from './diff';
import { DiffTable } from './DiffTable';
import { optionText, useOrderChoices } from './OrderPicker';
import { applyOrder, isPickable, linkedOrders, orderAccession, orderReference } from '../study/order';
import { PatientGuard } from './PatientGuard';
import { SkippedList } from './ReadProgress';

interface PreviewDialogProps {
  study: DicomStudy;
  skipped: readonly SkippedFile[];
  /** Where the study came from, in words. */
  source: string;
  endpoint?: Reference | undefined;
  onCancel: () => void;
  onApply: (next: StudyFormValues) => void;
}

export function PreviewDialog({ study, skipped, source, endpoint, onCancel, onApply }: PreviewDialogProps) {
  const { patient, valueSet, accessionSystem } = useEditor();
  const { getValues } = useFormContext<StudyFormValues>();
  const cid29 = useMemo(
    () => new Map((valueSet(CID29_URL)?.concepts ?? []).map((c) => [c.code, c.display ?? c.code])),
    [valueSet],
  );
  const mapped = useMemo(() => mapStudy(study, cid29), [study, cid29]);
  const mismatches = useMemo(() => patientMismatches(mapped.patient, patient), [mapped, patient]);
  const [zone, setZone] = useState(browserTimeZone);
  const [confirmed, setConfirmed] = useState(false);
  const zoneNeeded = mapped.started !== undefined && mapped.started.local.includes('T') && !mapped.started.offset;

  const choice: ImportChoice = { mapped };
  if (mapped.started) choice.started = startedValue(mapped.started, zone);
  if (endpoint) choice.endpoint = endpoint;
  if (accessionSystem !== undefined) choice.accessionSystem = accessionSystem;
  const note = useMemo(() => (mismatches.length > 0 ? mismatchNote(mismatches) : undefined), [mismatches]);
  if (note !== undefined) choice.note = note;
  const current = getValues();
  // The order the DICOM's accession number names, if the patient has one that is not linked yet: offered, on.
  const choices = useOrderChoices();
  const order = useMemo(() => {
    const value = mapped.accession?.value;
    const linked = linkedOrders(current);
    return choices?.find(
      (c) =>
        value &&
        orderAccession(c.order)?.value === value &&
        isPickable(c.order) &&
        !linked.includes(orderReference(c.order)),
    );
    // The current values matter only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [choices, mapped]);
  const [linkOrder, setLinkOrder] = useState(true);
  const imported = applyImport(current, choice);
  const next = order && linkOrder ? applyOrder(imported, order.order) : imported;
  const rows = diffImport(current, next);
  const blocked = mismatches.length > 0 && !confirmed;

  return (
    <Dialog open onClose={onCancel} aria-labelledby="dicom-preview-title" fullWidth maxWidth="lg">
      <DialogTitle id="dicom-preview-title">Review the import from DICOM</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>
          From {source}. Nothing in the form changes until you apply.
          {rows.some((r) => r.replaces) && ' Fields marked "replaces" already have a value that the import overwrites.'}
        </Typography>
        {mismatches.length > 0 && (
          <PatientGuard mismatches={mismatches} confirmed={confirmed} onConfirm={setConfirmed} />
        )}
        {zoneNeeded && mapped.started && (
          <TextField
            select
            size="small"
            label="Time zone of the study"
            value={zone}
            onChange={(e) => setZone(e.target.value)}
            helperText={`The files give no time-zone offset. At ${mapped.started.local.replace('T', ' ')} this zone was UTC${offsetInZone(mapped.started.local, zone)}.`}
            slotProps={{ select: { native: true } }}
            sx={{ mb: 2, minWidth: 320 }}
          >
            {timeZoneChoices().map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </TextField>
        )}
        {order && (
          <FormControlLabel
            sx={{ mb: 1 }}
            control={<Checkbox checked={linkOrder} onChange={(e) => setLinkOrder(e.target.checked)} />}
            label={`Link the order with this accession number: ${optionText(order)}`}
          />
        )}
        <DiffTable rows={rows} source="From DICOM" />
        {rows.length === 0 && <Typography sx={{ mt: 1 }}>The form already holds these values.</Typography>}
        {mapped.otherModalities.length > 0 && (
          <Alert severity="info" sx={{ mt: 2 }}>
            Series modalities not added to the study&apos;s modalities (they are not acquisition modalities, DICOM CID
            29): {mapped.otherModalities.join(', ')}. Their series are imported.
          </Alert>
        )}
        <SkippedList skipped={skipped} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="contained" disabled={blocked} onClick={() => onApply(next)}>
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}

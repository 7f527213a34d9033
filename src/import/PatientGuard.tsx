/**
 * The wrong-patient guard: the DICOM patient differs from the launch patient. Both sides are named;
 * applying needs an explicit confirmation, which is recorded in the study as a note.
 */
import {
  Alert,
  AlertTitle,
  Checkbox,
  FormControlLabel,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import type { PatientMismatch } from './dicom/patient';

interface PatientGuardProps {
  mismatches: readonly PatientMismatch[];
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}

export function PatientGuard({ mismatches, confirmed, onConfirm }: PatientGuardProps) {
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      <AlertTitle>These images may belong to another patient</AlertTitle>
      The patient in the DICOM files does not match the patient this app was opened for.
      <Table size="small" aria-label="Patient mismatch" sx={{ my: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              Compared
            </TableCell>
            <TableCell component="th" scope="col">
              In the DICOM files
            </TableCell>
            <TableCell component="th" scope="col">
              Patient of this launch
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {mismatches.map((m) => (
            <TableRow key={m.field}>
              <TableCell component="th" scope="row">
                {m.label}
              </TableCell>
              <TableCell>{m.dicom}</TableCell>
              <TableCell>{m.launch}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <FormControlLabel
        control={<Checkbox checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />}
        label="I have checked: these images are of the patient of this launch. Import anyway and record the mismatch in the study."
      />
    </Alert>
  );
}

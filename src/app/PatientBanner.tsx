import { Box, Paper, Typography } from '@mui/material';
import type { Patient } from 'fhir/r4';
import { patientMrn, patientName, patientSex } from '../kernel/patient';

/** Who this is about: name, MRN, birth date and sex, as text. */
export function PatientBanner({ patient }: { patient: Patient }) {
  const facts: [string, string | undefined][] = [
    ['MRN', patientMrn(patient)],
    ['Born', patient.birthDate],
    ['Sex', patientSex(patient)],
  ];
  return (
    <Paper component="section" aria-label="Patient" square elevation={0} sx={{ px: 3, py: 1.5, bgcolor: '#e8f0f8' }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 3 }}>
        <Typography variant="h6" component="p" data-testid="patient-name">
          {patientName(patient)}
        </Typography>
        {facts.map(([label, value]) =>
          value ? (
            <Typography key={label} component="p">
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {label}:
              </Box>{' '}
              {value}
            </Typography>
          ) : null,
        )}
      </Box>
    </Paper>
  );
}

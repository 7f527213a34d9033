import type { Patient } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { formatPersonName, mismatchNote, nameMatches, normalizeName, patientMismatches } from './patient';

const ada: Patient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'urn:other', value: 'X-9' },
    { type: { coding: [{ code: 'MR' }] }, system: 'urn:mrn', value: 'MRN-100001' },
  ],
  name: [{ use: 'official', family: 'Lovelace', given: ['Ada', 'Augusta'] }],
  birthDate: '1815-12-10',
};

describe('wrong-patient check', () => {
  it('accepts a header of the launch patient, whatever the spelling and case', () => {
    expect(patientMismatches({ id: 'mrn-100001', name: 'LOVELACE^ADA^A.', birthDate: '18151210' }, ada)).toEqual([]);
  });

  it('names both sides of each difference', () => {
    expect(patientMismatches({ id: 'MRN-999', name: 'Turing^Alan', birthDate: '19120623' }, ada)).toEqual([
      { field: 'id', label: 'Patient ID / MRN', dicom: 'MRN-999', launch: 'MRN-100001' },
      { field: 'name', label: 'Name', dicom: 'Alan Turing', launch: 'Ada Augusta Lovelace' },
      { field: 'birthDate', label: 'Birth date', dicom: '1912-06-23', launch: '1815-12-10' },
    ]);
  });

  it('does not compare what one side lacks', () => {
    expect(patientMismatches({}, ada)).toEqual([]);
    expect(patientMismatches({ id: 'ANON' }, { resourceType: 'Patient' })).toEqual([]);
  });

  it('matches names without diacritics and without component separators', () => {
    expect(normalizeName('Röntgen-Smith, W.')).toBe('rontgen smith w');
    expect(nameMatches('Rontgen^Wilhelm', [{ family: 'Röntgen', given: ['Wilhelm'] }])).toBe(true);
    expect(nameMatches('Ada Lovelace', [{ family: 'Lovelace', given: ['Ada'] }])).toBe(true);
    expect(nameMatches('Lovelace^Grace', [{ family: 'Lovelace', given: ['Ada'] }])).toBe(false);
  });

  it('formats a PN as a person writes it and states the mismatch in the note', () => {
    expect(formatPersonName('Roentgen^Wilhelm^Conrad^Dr^')).toBe('Dr Wilhelm Conrad Roentgen');
    const note = mismatchNote(
      [{ field: 'id', label: 'Patient ID / MRN', dicom: 'MRN-999', launch: 'MRN-100001' }],
      new Date('2024-03-14T10:00:00Z'),
    );
    expect(note).toContain('2024-03-14T10:00:00.000Z');
    expect(note).toContain('Patient ID / MRN: DICOM "MRN-999", launch patient "MRN-100001"');
  });
});

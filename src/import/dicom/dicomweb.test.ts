import { describe, expect, it } from 'vitest';
import { dicomWebBase, statusError } from './dicomweb';
import { queryParams } from './lookup';

describe('DICOMweb errors in plain words', () => {
  it('names 401, 403, server errors and non-DICOMweb answers', () => {
    expect(statusError(401, 'http://pacs/dicom-web/studies')).toMatchObject({
      problem: 'unauthorized',
      message: expect.stringContaining('asks for a login (HTTP 401)'),
    });
    expect(statusError(403, 'http://pacs/x')).toMatchObject({ problem: 'forbidden' });
    expect(statusError(503, 'http://pacs/x')).toMatchObject({ problem: 'server', status: 503 });
    expect(statusError(404, 'http://pacs/x')).toMatchObject({
      problem: 'not-dicomweb',
      message: expect.stringContaining('does not look like a DICOMweb'),
    });
  });

  it('accepts only http(s) bases and drops the trailing slash', () => {
    expect(dicomWebBase(' http://127.0.0.1:8042/dicom-web/ ')).toBe('http://127.0.0.1:8042/dicom-web');
    expect(() => dicomWebBase('dicom://pacs:104')).toThrow(/not an http\(s\) address/);
  });
});

describe('lookup query', () => {
  it('builds QIDO-RS parameters from MRN, accession and an open or closed date range', () => {
    expect(queryParams({ patientId: ' MRN-1 ', from: '2024-03-01', to: '2024-03-31' })).toMatchObject({
      PatientID: 'MRN-1',
      StudyDate: '20240301-20240331',
    });
    expect(queryParams({ accession: 'A1', from: '2024-03-01' })).toMatchObject({
      AccessionNumber: 'A1',
      StudyDate: '20240301-',
    });
    expect(() => queryParams({ patientId: ' ' })).toThrow(/patient ID, an accession number or a date range/);
  });
});

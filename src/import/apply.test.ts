import type { ImagingStudy } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { mapStudy, type MappedStudy } from './dicom/mapping';
import type { DicomStudy } from './dicom/types';
import { toFormValues } from '../study/values';
import { applyImport } from './apply';
import { diffImport } from './diff';

const dicom: DicomStudy = {
  attributes: {
    studyUid: '2.25.7',
    date: '20240314',
    time: '0926',
    timezoneOffset: '+0100',
    description: 'CT chest',
    accession: 'ACC-7',
    referringPhysician: 'Curie^Marie',
    procedureCodes: [],
    patient: {},
  },
  series: [
    {
      attributes: { uid: '2.25.71', modality: 'CT', number: 1 },
      instances: [{ uid: '2.25.711', sopClassUid: '1.2.840.10008.5.1.4.1.1.2', number: 1 }],
    },
  ],
};
const mapped: MappedStudy = mapStudy(dicom, new Map([['CT', 'Computed Tomography']]));

const existing: ImagingStudy = {
  resourceType: 'ImagingStudy',
  id: 'study-1',
  status: 'available',
  subject: { reference: 'Patient/p' },
  identifier: [
    { system: 'urn:other', value: 'RIS-1' },
    { system: 'urn:dicom:uid', value: 'urn:oid:2.25.1' },
    { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] }, value: 'OLD-ACC' },
  ],
  description: 'Typed by hand',
  endpoint: [{ reference: 'Endpoint/a', display: 'A' }],
  note: [{ text: 'Earlier note' }],
  extension: [{ url: 'urn:x', valueString: 'kept' }],
};

describe('applyImport', () => {
  it('replaces the imported fields, keeps the rest, and updates the accession identifier in place', () => {
    const next = applyImport(
      toFormValues(existing),
      {
        mapped,
        started: '2024-03-14T09:26:00+01:00',
        endpoint: { reference: 'Endpoint/b', display: 'B' },
        note: 'Mismatch confirmed',
      },
      new Date('2024-03-15T08:00:00Z'),
    );
    // In the form's values the Study Instance UID and the accession number have fixed places (src/study/values.ts).
    expect(next.identifier).toEqual([
      { system: 'urn:dicom:uid', value: 'urn:oid:2.25.7' },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] }, value: 'ACC-7' },
      { system: 'urn:other', value: 'RIS-1' },
    ]);
    expect(next).toMatchObject({
      id: 'study-1',
      started: '2024-03-14T09:26:00+01:00',
      description: 'CT chest',
      referrer: { display: 'Marie Curie' },
      numberOfSeries: 1,
      numberOfInstances: 1,
      extension: [{ url: 'urn:x', valueString: 'kept' }],
      endpoint: [
        { reference: 'Endpoint/a', display: 'A' },
        { reference: 'Endpoint/b', display: 'B' },
      ],
      note: [{ text: 'Earlier note' }, { time: '2024-03-15T08:00:00.000Z', text: 'Mismatch confirmed' }],
    });
    expect((next.series as unknown[]).length).toBe(1);
  });

  it('does not add an endpoint twice and leaves fields the DICOM lacks alone', () => {
    const bare = { ...mapped, description: undefined, modality: [] } as unknown as MappedStudy;
    const next = applyImport(toFormValues(existing), { mapped: bare, endpoint: { reference: 'Endpoint/a' } });
    expect(next.description).toBe('Typed by hand');
    expect(next.endpoint).toEqual([{ reference: 'Endpoint/a', display: 'A' }]);
  });
});

describe('diffImport', () => {
  it('lists only changed fields and flags those that overwrite a value already there', () => {
    const current = toFormValues(existing);
    const rows = diffImport(current, applyImport(current, { mapped, started: '2024-03-14T09:26:00+01:00' }));
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField['Study Instance UID']).toEqual({
      field: 'Study Instance UID',
      before: '2.25.1',
      after: '2.25.7',
      replaces: true,
    });
    expect(byField['Description']).toMatchObject({ before: 'Typed by hand', after: 'CT chest', replaces: true });
    expect(byField['Started']).toMatchObject({ before: '', replaces: false });
    expect(byField['Series']?.after).toBe('1 series: 1 CT (1 instance)');
    expect(byField['Endpoint']).toBeUndefined();
    expect(byField['Note']).toBeUndefined();
  });
});

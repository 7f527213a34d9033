import { describe, expect, it } from 'vitest';
import { groupStudies } from './group';
import { mapStudy } from './mapping';
import type { InstanceHeader, StudyAttributes } from './types';

const CID29 = new Map([
  ['CT', 'Computed Tomography'],
  ['PT', 'Positron emission tomography'],
  ['MR', 'Magnetic Resonance'],
]);

const study: StudyAttributes = {
  studyUid: '2.25.1',
  date: '20240314',
  time: '092653',
  timezoneOffset: '+0100',
  description: 'PET-CT',
  accession: 'ACC-1',
  referringPhysician: 'Curie^Marie^^Dr',
  procedureCodes: [
    { value: '44136-0', scheme: 'LN', meaning: 'PET-CT Whole body' },
    { value: 'RPID1', scheme: 'LOCAL', meaning: 'House code' },
  ],
  patient: { id: 'MRN-1' },
};

function header(series: string, modality: string, instance: string, number: number, extra = {}): InstanceHeader {
  return {
    study,
    series: { uid: series, modality, number: Number(series.slice(-1)), ...extra },
    instance: { uid: instance, sopClassUid: '1.2.840.10008.5.1.4.1.1.2', number },
  };
}

describe('groupStudies + mapStudy', () => {
  const headers = [
    header('2.25.12', 'PT', '2.25.121', 1),
    header('2.25.11', 'CT', '2.25.112', 2, { bodyPart: 'CHEST', laterality: 'L' }),
    header('2.25.11', 'CT', '2.25.111', 1, { bodyPart: 'CHEST', laterality: 'L' }),
    header('2.25.13', 'SR', '2.25.131', 1),
    header('2.25.11', 'CT', '2.25.111', 1),
  ].map((h, i) => ({ path: `f${i}.dcm`, header: h }));

  it('groups by study and series, sorted by number, and reports second copies', () => {
    const { studies, duplicates } = groupStudies(headers);
    expect(studies).toHaveLength(1);
    expect(studies[0]?.series.map((s) => s.attributes.uid)).toEqual(['2.25.11', '2.25.12', '2.25.13']);
    expect(studies[0]?.series[0]?.instances.map((i) => i.uid)).toEqual(['2.25.111', '2.25.112']);
    expect(duplicates).toEqual([{ file: 'f4.dcm', reason: 'a second copy of f2.dcm' }]);
  });

  it('maps every field of the table', () => {
    const [first] = groupStudies(headers).studies;
    const mapped = mapStudy(first as NonNullable<typeof first>, CID29);
    const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
    expect(mapped).toMatchObject({
      studyUid: '2.25.1',
      started: { local: '2024-03-14T09:26:53', offset: '+01:00' },
      modality: [
        { system: DCM, code: 'CT', display: 'Computed Tomography' },
        { system: DCM, code: 'PT', display: 'Positron emission tomography' },
      ],
      otherModalities: ['SR'],
      description: 'PET-CT',
      procedureCode: [
        {
          coding: [{ system: 'http://loinc.org', code: '44136-0', display: 'PET-CT Whole body' }],
          text: 'PET-CT Whole body',
        },
        { coding: [{ code: 'RPID1', display: 'House code' }], text: 'House code (LOCAL RPID1)' },
      ],
      referrer: { display: 'Dr Marie Curie' },
      accession: {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] },
        value: 'ACC-1',
      },
      numberOfSeries: 3,
      numberOfInstances: 4,
    });
    expect(mapped.series[0]).toEqual({
      uid: '2.25.11',
      number: 1,
      modality: { system: DCM, code: 'CT', display: 'Computed Tomography' },
      numberOfInstances: 2,
      bodySite: { system: 'http://snomed.info/sct', code: '816094009', display: 'Chest' },
      laterality: { system: 'http://snomed.info/sct', code: '7771000', display: 'Left' },
      instance: [
        {
          uid: '2.25.111',
          sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
          number: 1,
        },
        {
          uid: '2.25.112',
          sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' },
          number: 2,
        },
      ],
    });
    // SR keeps its own modality on the series, it is only left out of the study's list.
    expect(mapped.series[2]?.modality).toEqual({ system: DCM, code: 'SR' });
  });

  it('separates studies of a mixed drop', () => {
    const other = { ...headers[0], path: 'x.dcm' } as (typeof headers)[0];
    other.header = {
      ...other.header,
      study: { ...study, studyUid: '2.25.2' },
      instance: { uid: '2.25.9', sopClassUid: '1.2' },
    };
    expect(groupStudies([...headers, other]).studies.map((s) => s.attributes.studyUid)).toEqual(['2.25.1', '2.25.2']);
  });
});

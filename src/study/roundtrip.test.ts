import type { Endpoint, ImagingStudy, Patient } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { IMR_IMAGINGSTUDY_URL } from '../kernel/canonicals';
import { loadCorpus } from '../validation/corpus/load';
import { studyToSave } from './document';
import { ACCESSION_INDEX, incrementalBuilder, toFormValues, toResource, type StudyFormValues } from './values';

const ACSN = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] };
const CT = { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' };
const SOP = { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' };

/** The launch patient of a study: the one its subject names (a relative reference), else another. */
function patientOf(study: ImagingStudy): Patient {
  const id = /^Patient\/([^/]+)$/.exec(study.subject?.reference ?? '')?.[1] ?? 'launch-patient';
  return { resourceType: 'Patient', id, name: [{ family: 'Launch', given: ['Patient'] }] };
}

/** Opens `stored` in the form, lets `edit` change the values, and returns the JSON text the save sends. */
function save(stored: ImagingStudy, edit: (values: StudyFormValues) => void = () => undefined): ImagingStudy {
  // The form edits its own deep copy (react-hook-form copies its default values), never the values handed to it.
  const values = structuredClone(toFormValues(stored));
  edit(values);
  const options = { patient: patientOf(stored), profileUrl: IMR_IMAGINGSTUDY_URL, opened: stored };
  return studyToSave(stored, toResource(values, options));
}

/** The stored study as a save must give it back: the same, with `meta.profile` naming IMR. */
function expectedBack(stored: ImagingStudy): string {
  const profiles = stored.meta?.profile ?? [];
  if (profiles.some((p) => typeof p === 'string' && p.split('|')[0] === IMR_IMAGINGSTUDY_URL)) {
    return JSON.stringify(stored);
  }
  const companion = (stored.meta as { _profile?: unknown[] } | undefined)?._profile;
  const meta = {
    ...stored.meta,
    profile: [...profiles, IMR_IMAGINGSTUDY_URL],
    ...(companion && profiles.length > 0 ? { _profile: [...companion, null] } : {}),
  };
  return JSON.stringify({ ...stored, meta });
}

/** A stored study with a contained Endpoint whose first MIME type is absent, saying why in `_payloadMimeType`. */
function withAbsentMimeType(): ImagingStudy {
  const endpoint = {
    resourceType: 'Endpoint',
    id: 'wado',
    status: 'active',
    connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' },
    payloadType: [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113014' }] }],
    payloadMimeType: [null, 'application/dicom'],
    _payloadMimeType: [
      { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] },
      null,
    ],
    address: 'https://pacs.example.org/wado-rs',
  } as unknown as Endpoint;
  return {
    resourceType: 'ImagingStudy',
    id: 's1',
    meta: { versionId: '2', lastUpdated: '2024-03-05T10:00:00Z' },
    contained: [endpoint],
    identifier: [
      { type: ACSN, system: 'urn:x:acc', value: 'A-1' },
      { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3.4' },
      { system: 'urn:x:other', value: 'o-1' },
    ],
    status: 'available',
    modality: [CT],
    subject: { reference: 'Patient/p1', display: 'TURING^ALAN' },
    started: '2024-03-05T09:15:00+01:00',
    endpoint: [{ reference: '#wado' }],
    numberOfSeries: 3,
    numberOfInstances: 40,
    series: [
      { uid: '1.2.3.4.1', modality: CT, numberOfInstances: 30, instance: [{ uid: '1.2.3.4.1.1', sopClass: SOP }] },
      { uid: '1.2.3.4.2', modality: CT, numberOfInstances: 10 },
    ],
  };
}

describe('a stored study saved unchanged comes back the same (meta.profile added)', () => {
  it('keeps null placeholders aligned with their _x companions in content the form does not show', () => {
    const stored = withAbsentMimeType();
    const saved = save(stored);
    expect(JSON.stringify(saved)).toBe(expectedBack(stored));
    expect(JSON.stringify(saved.contained?.[0])).toContain(
      '"payloadMimeType":[null,"application/dicom"],"_payloadMimeType":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]},null]',
    );
  });

  it('adds a null to a _profile companion when it adds the IMR profile', () => {
    const stored: ImagingStudy = {
      ...withAbsentMimeType(),
      meta: { profile: ['http://example.org/p'], _profile: [{ id: 'p' }] } as ImagingStudy['meta'],
    };
    expect(save(stored).meta).toEqual({
      profile: ['http://example.org/p', IMR_IMAGINGSTUDY_URL],
      _profile: [{ id: 'p' }, null],
    });
  });

  const studies = loadCorpus().filter(
    (c) => c.kind === 'valid' && (c.json as { resourceType?: string }).resourceType === 'ImagingStudy',
  );
  it.each(studies.map((c) => [c.file, c.json as ImagingStudy] as const))('%s', (_file, json) => {
    const stored = { ...json, id: 'stored' };
    expect(JSON.stringify(save(stored))).toBe(expectedBack(stored));
  });
});

describe('an edited study keeps what the edit did not touch', () => {
  it('keeps the stored identifier order when the accession number changes', () => {
    const saved = save(withAbsentMimeType(), (values) => {
      const identifier = values.identifier as Record<string, unknown>[];
      identifier[ACCESSION_INDEX] = { ...identifier[ACCESSION_INDEX], value: 'A-2' };
    });
    expect(saved.identifier).toEqual([
      { type: ACSN, system: 'urn:x:acc', value: 'A-2' },
      { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3.4' },
      { system: 'urn:x:other', value: 'o-1' },
    ]);
  });

  it('puts a new accession number after the Study Instance UID, before other identifiers', () => {
    const stored = withAbsentMimeType();
    stored.identifier = stored.identifier?.slice(1);
    const saved = save(stored, (values) => {
      const identifier = values.identifier as Record<string, unknown>[];
      identifier[ACCESSION_INDEX] = { type: ACSN, system: 'urn:x:acc', value: 'A-9' };
    });
    expect(saved.identifier?.map((i) => i.value)).toEqual(['urn:oid:1.2.3.4', 'A-9', 'o-1']);
  });

  it('keeps partial counts while the lists are unchanged, and derives them once the user changes a list', () => {
    const described = save(withAbsentMimeType(), (values) => (values.description = 'CT chest'));
    expect([described.numberOfSeries, described.numberOfInstances]).toEqual([3, 40]);
    expect(described.series?.map((s) => s.numberOfInstances)).toEqual([30, 10]);

    const added = save(withAbsentMimeType(), (values) => {
      const series = values.series as { instance: unknown[] }[];
      series[0]?.instance.push({ uid: '1.2.3.4.1.2', sopClass: SOP });
    });
    expect([added.numberOfSeries, added.numberOfInstances]).toEqual([2, 12]);
    expect(added.series?.map((s) => s.numberOfInstances)).toEqual([2, 10]);
  });

  it('keeps the stored subject (its display) for the launch patient', () => {
    expect(save(withAbsentMimeType(), (values) => (values.description = 'x')).subject).toEqual({
      reference: 'Patient/p1',
      display: 'TURING^ALAN',
    });
  });
});

describe('rows the user added', () => {
  const options = { patient: patientOf(withAbsentMimeType()), profileUrl: IMR_IMAGINGSTUDY_URL };

  it('keeps an empty instance row and an empty series row in the built study, counted', () => {
    const values = toFormValues(withAbsentMimeType());
    const series = values.series as Record<string, unknown>[];
    (series[0]?.instance as unknown[]).push({}, { uid: '', sopClass: undefined });
    series.push({ instance: [] });
    const built = toResource(values, { ...options, opened: withAbsentMimeType() });
    expect(JSON.stringify(built.series?.[0]?.instance)).toBe(
      '[{"uid":"1.2.3.4.1.1","sopClass":{"system":"urn:ietf:rfc:3986","code":"urn:oid:1.2.840.10008.5.1.4.1.1.2"}},{},{}]',
    );
    expect(built.series?.[2]).toEqual({});
    expect(built.series?.[0]?.numberOfInstances).toBe(3);
    expect(built.numberOfSeries).toBe(3);
    expect(incrementalBuilder({ ...options, opened: withAbsentMimeType() })(values)).toEqual(built);
  });
});

import type { ImagingStudy, ImagingStudySeries, ImagingStudySeriesInstance } from 'fhir/r4';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const UID_ROOT = '1.2.826.0.1.3680043.8.498.77';
const CT_IMAGE_STORAGE = { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' };

/**
 * A valid IMR ImagingStudy with `seriesCount` series of `instancesPerSeries` instances each.
 * Deterministic: the same sizes always give the same JSON, so runs compare like with like.
 */
export function generateStudy(seriesCount: number, instancesPerSeries: number): ImagingStudy {
  const series: ImagingStudySeries[] = [];
  for (let s = 1; s <= seriesCount; s++) {
    const instance: ImagingStudySeriesInstance[] = [];
    for (let i = 1; i <= instancesPerSeries; i++) {
      instance.push({ uid: `${UID_ROOT}.${s}.${i}`, sopClass: { ...CT_IMAGE_STORAGE }, number: i });
    }
    series.push({
      uid: `${UID_ROOT}.${s}`,
      number: s,
      modality: { system: DCM, code: 'CT', display: 'Computed Tomography' },
      description: `Series ${s}`,
      numberOfInstances: instancesPerSeries,
      instance,
    });
  }
  return {
    resourceType: 'ImagingStudy',
    id: `bench-${seriesCount}x${instancesPerSeries}`,
    identifier: [
      { system: 'urn:dicom:uid', value: `urn:oid:${UID_ROOT}` },
      { system: 'http://hospital.example.org/accession', value: 'ACC-BENCH-1' },
    ],
    status: 'available',
    modality: [{ system: DCM, code: 'CT', display: 'Computed Tomography' }],
    subject: { reference: 'Patient/bench-patient' },
    started: '2024-03-05T09:15:00+01:00',
    endpoint: [{ reference: 'Endpoint/bench-wado' }],
    numberOfSeries: seriesCount,
    numberOfInstances: seriesCount * instancesPerSeries,
    description: 'Benchmark study',
    series,
  };
}

/**
 * Returns a copy of `study` with one instance UID replaced, sharing every untouched object, the way
 * the form produces a new value on each edit.
 */
export function withInstanceUid(
  study: ImagingStudy,
  seriesIndex: number,
  instanceIndex: number,
  uid: string,
): ImagingStudy {
  const series = [...(study.series ?? [])];
  const target = series[seriesIndex];
  if (!target?.instance?.[instanceIndex]) throw new Error(`No instance ${seriesIndex}/${instanceIndex} in the study`);
  const instance = [...target.instance];
  instance[instanceIndex] = { ...(instance[instanceIndex] as ImagingStudySeriesInstance), uid };
  series[seriesIndex] = { ...target, instance };
  return { ...study, series };
}

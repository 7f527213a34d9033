/** Seeds the benchmark's studies through the sandbox's FHIR API, with an access token from a launched app. */
import type { Bundle, ImagingStudy } from 'fhir/r4';
import { generateStudy } from '../../../src/testing/large-study';

export interface SeededStudy {
  id: string;
  series: number;
  instances: number;
}

/** The sizes the browser benchmark opens: a small study, the keystroke study and the large-study load. */
export const BENCH_SIZES = [
  { series: 1, instances: 1 },
  { series: 10, instances: 200 },
  { series: 50, instances: 1000 },
] as const;

function studyFor(patientId: string, endpointId: string, series: number, instances: number): ImagingStudy {
  const study = generateStudy(series, instances);
  const [studyUid, ...others] = study.identifier ?? [];
  return {
    ...study,
    // Each size its own Study Instance UID, as on a real server.
    identifier: [{ ...studyUid, value: `${studyUid?.value ?? ''}.0.${series}.${instances}` }, ...others],
    id: `bench-${series}x${instances}`,
    meta: { profile: ['https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy'] },
    subject: { reference: `Patient/${patientId}` },
    endpoint: [{ reference: `Endpoint/${endpointId}` }],
    description: `Bench ${series}x${instances}`,
  };
}

/** One transaction with a PUT per study (fixed ids, so the pages can be addressed directly). */
export async function seedStudies(
  fhirBase: string,
  token: string,
  patientId: string,
  endpointId: string,
): Promise<SeededStudy[]> {
  const studies = BENCH_SIZES.map((s) => studyFor(patientId, endpointId, s.series, s.instances));
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: studies.map((resource) => ({
      resource,
      request: { method: 'PUT', url: `ImagingStudy/${resource.id ?? ''}` },
    })),
  };
  const response = await fetch(fhirBase, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/fhir+json',
      accept: 'application/fhir+json',
    },
    body: JSON.stringify(bundle),
  });
  if (!response.ok)
    throw new Error(`Seeding the bench studies failed with ${response.status}: ${await response.text()}`);
  return BENCH_SIZES.map((s) => ({ id: `bench-${s.series}x${s.instances}`, ...s }));
}

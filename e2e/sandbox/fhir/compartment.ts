import type { Reference, Resource } from '@medplum/fhirtypes';

/** Looks a reference up (`Type/id`, an absolute URL or a Bundle-local `urn:uuid:`). */
export type ResolveReference = (reference: string) => Promise<Resource | undefined>;

// The elements through which the sandbox's resource types point at their patient. Provenance.target
// usually names the resource the provenance is about (an ImagingStudy), so one hop is followed.
// Practitioner and Endpoint have none of these: they are in no Patient compartment, so only user/ and
// system/ scopes reach them.
const PATIENT_LINKS = ['subject', 'patient', 'target'] as const;

// Search parameters that restrict a search to one patient's compartment. Types not listed are
// filtered after the search instead.
const COMPARTMENT_SEARCH_PARAM: Record<string, (patientId: string) => [string, string]> = {
  Patient: (id) => ['_id', id],
  ImagingStudy: (id) => ['patient', `Patient/${id}`],
  Encounter: (id) => ['patient', `Patient/${id}`],
  ServiceRequest: (id) => ['patient', `Patient/${id}`],
  DiagnosticReport: (id) => ['patient', `Patient/${id}`],
  Observation: (id) => ['patient', `Patient/${id}`],
};

/** The search parameter and value that restrict `resourceType` to a patient's compartment, if there is one. */
export function compartmentSearchParam(resourceType: string, patientId: string): [string, string] | undefined {
  return COMPARTMENT_SEARCH_PARAM[resourceType]?.(patientId);
}

function referencesOf(resource: Resource): string[] {
  const record = resource as unknown as Record<string, unknown>;
  return PATIENT_LINKS.flatMap((key) => {
    const value = record[key];
    const list: unknown[] = Array.isArray(value) ? value : [value];
    return list.flatMap((item) => {
      const reference = (item as Reference | undefined)?.reference;
      return typeof reference === 'string' ? [reference] : [];
    });
  });
}

/** The patient id a reference points at, for `Patient/<id>` and absolute `.../Patient/<id>` forms. */
export function patientIdOf(reference: string): string | undefined {
  return /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(reference)?.[1];
}

/**
 * Whether a resource belongs to a patient's compartment: the Patient itself, or a resource whose
 * subject/patient/target is that patient, directly or through one resource that is.
 */
export async function inPatientCompartment(
  resource: Resource,
  patientId: string,
  resolve: ResolveReference,
  hops = 1,
): Promise<boolean> {
  if (resource.resourceType === 'Patient') return resource.id === patientId;
  for (const reference of referencesOf(resource)) {
    const linkedPatient = patientIdOf(reference);
    if (linkedPatient !== undefined) {
      if (linkedPatient === patientId) return true;
      continue;
    }
    if (hops > 0) {
      const linked = await resolve(reference);
      if (linked && (await inPatientCompartment(linked, patientId, resolve, hops - 1))) return true;
    }
  }
  return false;
}

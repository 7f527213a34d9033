import { isOk } from '@medplum/core';
import type { Bundle, Encounter, Patient } from '@medplum/fhirtypes';
import { SYSTEM_ACCESS } from './access.ts';
import type { FhirEngine } from './engine.ts';

/** What the EHR page and the patient picker show about a patient. */
export interface PatientSummary {
  id: string;
  name: string;
  birthDate?: string;
  gender?: string;
  mrn?: string;
}

function summarize(patient: Patient): PatientSummary {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  const display = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  const mrn = patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))?.value;
  return {
    id: patient.id ?? '',
    name: display || 'Unnamed patient',
    birthDate: patient.birthDate,
    gender: patient.gender,
    mrn,
  };
}

/** The EHR's view of its own FHIR data: the patient list and each patient's current encounter. */
export class PatientDirectory {
  constructor(private readonly engine: FhirEngine) {}

  /** All patients, in the order they were seeded or created. */
  async list(): Promise<PatientSummary[]> {
    const bundle = await this.search<Patient>('Patient?_count=1000');
    return (bundle.entry ?? []).flatMap((e) => (e.resource ? [summarize(e.resource)] : []));
  }

  async find(id: string): Promise<PatientSummary | undefined> {
    const [outcome, patient] = await this.engine.execute(
      { method: 'GET', url: `Patient/${encodeURIComponent(id)}` },
      SYSTEM_ACCESS,
    );
    return isOk(outcome) && patient?.resourceType === 'Patient' ? summarize(patient) : undefined;
  }

  /** The id of the patient's in-progress Encounter, if there is one. */
  async encounterFor(patientId: string): Promise<string | undefined> {
    const bundle = await this.search<Encounter>(
      `Encounter?patient=${encodeURIComponent(`Patient/${patientId}`)}&status=in-progress`,
    );
    return bundle.entry?.[0]?.resource?.id;
  }

  private async search<T extends Patient | Encounter>(url: string): Promise<Bundle<T>> {
    const [outcome, bundle] = await this.engine.execute({ method: 'GET', url }, SYSTEM_ACCESS);
    if (!isOk(outcome) || bundle?.resourceType !== 'Bundle') throw new Error(`Search ${url} failed`);
    return bundle as Bundle<T>;
  }
}

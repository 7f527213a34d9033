import { isOk } from '@medplum/core';
import type { Bundle, Encounter, ImagingStudy, Patient, Resource, ServiceRequest } from '@medplum/fhirtypes';
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

/** What the EHR page shows about a resource the app can be launched for (an order or a study). */
export interface ContextSummary {
  /** `ServiceRequest/<id>` or `ImagingStudy/<id>`. */
  reference: string;
  patientId: string;
  /** E.g. "order ACC2403150001 (CT chest with IV contrast, active)". */
  label: string;
}

const ACSN = (r: ServiceRequest | ImagingStudy) =>
  r.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'ACSN'))?.value;

function patientOf(resource: ServiceRequest | ImagingStudy): string {
  return /^Patient\/(.+)$/.exec(resource.subject?.reference ?? '')?.[1] ?? '';
}

function orderLabel(order: ServiceRequest): string {
  const what = order.code?.text ?? order.code?.coding?.[0]?.display ?? 'imaging';
  return `order ${ACSN(order) ?? order.id ?? ''} (${what}, ${order.status})`;
}

function studyLabel(study: ImagingStudy): string {
  return `study ${study.description ?? ACSN(study) ?? study.id ?? ''}`;
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

  /** Every order and study the app can be launched for, orders first, in the order they were stored. */
  async launchContexts(): Promise<ContextSummary[]> {
    const orders = await this.search<ServiceRequest>('ServiceRequest?_count=1000');
    const studies = await this.search<ImagingStudy>('ImagingStudy?_count=1000');
    return [
      ...(orders.entry ?? []).flatMap((e) =>
        e.resource
          ? [
              {
                reference: `ServiceRequest/${e.resource.id}`,
                patientId: patientOf(e.resource),
                label: orderLabel(e.resource),
              },
            ]
          : [],
      ),
      ...(studies.entry ?? []).flatMap((e) =>
        e.resource
          ? [
              {
                reference: `ImagingStudy/${e.resource.id}`,
                patientId: patientOf(e.resource),
                label: studyLabel(e.resource),
              },
            ]
          : [],
      ),
    ];
  }

  /** The order or study behind a reference, with its patient; undefined when it does not exist. */
  async findContext(type: 'ServiceRequest' | 'ImagingStudy', id: string): Promise<ContextSummary | undefined> {
    const [outcome, resource] = await this.engine.execute(
      { method: 'GET', url: `${type}/${encodeURIComponent(id)}` },
      SYSTEM_ACCESS,
    );
    if (!isOk(outcome) || resource?.resourceType !== type) return undefined;
    const found = resource as ServiceRequest | ImagingStudy;
    return {
      reference: `${type}/${found.id ?? id}`,
      patientId: patientOf(found),
      label: found.resourceType === 'ServiceRequest' ? orderLabel(found) : studyLabel(found),
    };
  }

  private async search<T extends Resource>(url: string): Promise<Bundle<T>> {
    const [outcome, bundle] = await this.engine.execute({ method: 'GET', url }, SYSTEM_ACCESS);
    if (!isOk(outcome) || bundle?.resourceType !== 'Bundle') throw new Error(`Search ${url} failed`);
    return bundle as Bundle<T>;
  }
}

/**
 * A radiology order (ServiceRequest) and the study performed for it: what picking an order fills in, how a study
 * names its orders (`basedOn`), and how an order is listed. Plain TypeScript over the form values.
 */
import type { CodeableConcept, Identifier, Reference, ServiceRequest } from 'fhir/r4';
import { isRecord } from '../kernel/json';
import { accessionOf } from '../profile/identifiers';
import { ACCESSION_INDEX, type StudyFormValues } from './values';

/** The RadLex Playbook, to which R4 binds ImagingStudy.procedureCode (extensible). */
export const RADLEX_SYSTEMS = ['http://www.radlex.org', 'http://radlex.org'];

/** Orders in these states are listed but cannot be picked. */
const UNPICKABLE = new Set(['revoked', 'entered-in-error']);

export const orderReference = (order: ServiceRequest): string => `ServiceRequest/${order.id ?? ''}`;

/** The order's accession number identifier (typed ACSN), if it has one. */
export function orderAccession(order: ServiceRequest): Identifier | undefined {
  return accessionOf(order.identifier);
}

/** The order's procedure in words: its text, else the display of its first coding, else its code. */
export function procedureText(concept: CodeableConcept | undefined): string {
  return concept?.text ?? concept?.coding?.map((c) => c.display ?? c.code).find(Boolean) ?? '';
}

/** The order's code as ImagingStudy.procedureCode: codings and text as they are, a RadLex Playbook coding first. */
export function procedureFrom(code: CodeableConcept): CodeableConcept {
  const codings = code.coding ?? [];
  const radlex = codings.filter((c) => RADLEX_SYSTEMS.includes(c.system ?? ''));
  const others = codings.filter((c) => !radlex.includes(c));
  const out: CodeableConcept = structuredClone({ ...code });
  if (codings.length > 0) out.coding = structuredClone([...radlex, ...others]);
  return out;
}

/** The concepts without repeats (same text and codings), in their order. */
function distinct(concepts: CodeableConcept[]): CodeableConcept[] {
  const seen = new Set<string>();
  return concepts.filter((c) => {
    const key = JSON.stringify([c.text ?? '', (c.coding ?? []).map((x) => [x.system, x.code, x.display])]);
    return !seen.has(key) && seen.add(key);
  });
}

/**
 * What the orders offer the study's coded fields: their procedures as procedureCode (a RadLex Playbook coding first)
 * and their reasons, each without repeats, in the orders' order. Orders that cannot be picked offer nothing.
 */
export function orderConcepts(orders: readonly ServiceRequest[]): {
  procedureCode: CodeableConcept[];
  reasonCode: CodeableConcept[];
} {
  const pickable = orders.filter(isPickable);
  return {
    procedureCode: distinct(pickable.flatMap((o) => (o.code ? [procedureFrom(o.code)] : []))),
    reasonCode: distinct(pickable.flatMap((o) => structuredClone(o.reasonCode ?? []))),
  };
}

/** Whether an order may be picked for a study (revoked and entered-in-error orders are shown, not picked). */
export function isPickable(order: ServiceRequest): boolean {
  return !UNPICKABLE.has(order.status);
}

/** The `basedOn` references of the values that name orders (ServiceRequests). */
export function linkedOrders(values: StudyFormValues): string[] {
  const basedOn = Array.isArray(values.basedOn) ? (values.basedOn as unknown[]) : [];
  return basedOn
    .map((r) => (isRecord(r) && typeof r.reference === 'string' ? r.reference : ''))
    .filter((r) => r.startsWith('ServiceRequest/'));
}

/** A short display for a reference to the order: "<accession> <procedure>". */
export function orderDisplay(order: ServiceRequest): string {
  return [orderAccession(order)?.value, procedureText(order.code)].filter(Boolean).join(' ');
}

function isPerson(reference: Reference | undefined): reference is Reference {
  return /^(Practitioner|PractitionerRole)\//.test(reference?.reference ?? '');
}

/**
 * The values with the order picked: linked in `basedOn` (beside any other references there), and the accession
 * number, the procedure, the referrer and the reason taken from it where the order has them. The caller shows the
 * difference before applying it.
 */
export function applyOrder(current: StudyFormValues, order: ServiceRequest): StudyFormValues {
  const next = structuredClone(current);
  const reference = orderReference(order);
  const basedOn = Array.isArray(next.basedOn) ? [...(next.basedOn as Reference[])] : [];
  if (!basedOn.some((r) => r.reference === reference)) {
    const display = orderDisplay(order);
    basedOn.push(display ? { reference, display } : { reference });
  }
  next.basedOn = basedOn;
  const accession = orderAccession(order);
  if (accession?.value) {
    const identifier = Array.isArray(next.identifier) ? [...(next.identifier as unknown[])] : [];
    const { type, system, value } = accession;
    identifier[ACCESSION_INDEX] = {
      ...(isRecord(identifier[ACCESSION_INDEX]) ? identifier[ACCESSION_INDEX] : {}),
      type,
      system,
      value,
    };
    next.identifier = identifier;
  }
  if (order.code) next.procedureCode = [procedureFrom(order.code)];
  if (isPerson(order.requester)) next.referrer = structuredClone(order.requester);
  if (order.reasonCode?.length) next.reasonCode = structuredClone(order.reasonCode);
  if (order.reasonReference?.length) next.reasonReference = structuredClone(order.reasonReference);
  return next;
}

/** The values without the link to one order; everything it filled in stays, as do other `basedOn` references. */
export function unlinkOrder(current: StudyFormValues, reference: string): StudyFormValues {
  const next = structuredClone(current);
  const basedOn = Array.isArray(next.basedOn) ? (next.basedOn as Reference[]) : [];
  next.basedOn = basedOn.filter((r) => r.reference !== reference);
  return next;
}

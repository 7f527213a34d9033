/** The launch patient's orders for the order picker, with their requesters' names where the grant allows it. */
import type { ServiceRequest } from 'fhir/r4';
import type { FhirSession } from '../fhir/session';
import type { OrderChoice, OrderSource } from '../import';
import { personNameText } from '../kernel/patient';
import { canReadPractitioners, orderRestriction } from './access';

function practitionerId(order: ServiceRequest): string | undefined {
  return /^Practitioner\/([^/]+)$/.exec(order.requester?.reference ?? '')?.[1];
}

async function loadOrders(session: FhirSession): Promise<OrderChoice[]> {
  const orders = await session.searchOrders();
  const names = new Map<string, string>();
  const ids = [...new Set(orders.map(practitionerId).filter((id): id is string => id !== undefined))];
  if (ids.length > 0 && canReadPractitioners(session.context.grantedScopes)) {
    // A failed look-up leaves the names the orders carry: the list itself is what matters.
    const found = await session.readPractitioners(ids).catch(() => []);
    for (const p of found) {
      const name = personNameText(p);
      if (p.id && name) names.set(p.id, name);
    }
  }
  return orders.map((order) => {
    const id = practitionerId(order);
    const requester = (id && names.get(id)) || order.requester?.display;
    return requester ? { order, requester } : { order };
  });
}

/**
 * The order source of a session: its orders, or the named reason they cannot be listed; `preselect` is the id of the
 * order a launch was for.
 */
export function orderSource(session: FhirSession, preselect?: string): OrderSource {
  const unavailable = orderRestriction(session.context.grantedScopes);
  // One search per editor, however many parts (the picker, the DICOM import's review) ask.
  let loading: Promise<OrderChoice[]> | undefined;
  return {
    load: () =>
      (loading ??= loadOrders(session).catch((error: unknown) => {
        loading = undefined; // a failed search is tried again next time
        throw error;
      })),
    ...(unavailable === undefined ? {} : { unavailable }),
    ...(preselect === undefined ? {} : { preselect: `ServiceRequest/${preselect}` }),
  };
}

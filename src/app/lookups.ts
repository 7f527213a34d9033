/** What the editor's coded pickers look up on the server: the launch patient's orders and its Practitioners. */
import type { FhirSession } from '../fhir/session';
import type { EditorLookups } from '../form';
import type { OrderSource } from '../import';
import { orderConcepts } from '../study/order';
import { practitionerRestriction } from './access';

/**
 * The look-ups of a session: the orders' procedures and reasons from the order source (one search shared with the
 * order picker), and the Practitioner search, or the named reason it is not allowed.
 */
export function editorLookups(session: FhirSession, orders: OrderSource): EditorLookups {
  const cannotSearch = practitionerRestriction(session.context.grantedScopes);
  return {
    ...(orders.unavailable === undefined
      ? { orderConcepts: async () => orderConcepts((await orders.load()).map((choice) => choice.order)) }
      : {}),
    ...(cannotSearch === undefined
      ? { searchPractitioners: (text: string) => session.searchPractitioners(text) }
      : { practitionersUnavailable: cannotSearch }),
  };
}

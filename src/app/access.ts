/**
 * What the launch allows the user to do, from the scopes the authorization server granted (the token response's
 * `scope`, not the scopes the app asked for), and the reason to show when something is not allowed.
 */
import { isAllowed } from '../fhir/scopes';
import {
  CREATE_ENDPOINT,
  CREATE_PROVENANCE,
  CREATE_STUDY,
  forbiddenMessage,
  READ_PRACTITIONERS,
  SEARCH_ORDERS,
  UPDATE_STUDY,
  type NeededPermission,
} from '../fhir/permissions';

/** The permissions of `needed` that the granted scopes do not include. */
export function missingPermissions(
  granted: readonly string[],
  needed: readonly NeededPermission[],
): NeededPermission[] {
  return needed.filter((p) => !isAllowed(granted, p.resourceType, p.interaction));
}

/** Why the granted scopes do not allow `needed`, naming the missing scopes; undefined when they do. */
export function restriction(granted: readonly string[], needed: readonly NeededPermission[]): string | undefined {
  const missing = missingPermissions(granted, needed);
  return missing.length > 0 ? forbiddenMessage(missing, granted) : undefined;
}

/**
 * Why a study cannot be saved (created when `isNew`, else updated) with these scopes; undefined when it can.
 * Every save also records a Provenance, so that permission is needed too.
 */
export function saveRestriction(granted: readonly string[], isNew: boolean): string | undefined {
  return restriction(granted, [isNew ? CREATE_STUDY : UPDATE_STUDY, CREATE_PROVENANCE]);
}

/** Why new Endpoints cannot be created with these scopes (the editor then offers only existing ones). */
export function endpointRestriction(granted: readonly string[]): string | undefined {
  return restriction(granted, [CREATE_ENDPOINT]);
}

/** Why the patient's orders cannot be listed with these scopes (the order picker then says so and stays off). */
export function orderRestriction(granted: readonly string[]): string | undefined {
  return restriction(granted, [SEARCH_ORDERS]);
}

/** Why Practitioners cannot be searched with these scopes (the referrer picker then says so and stays off). */
export function practitionerRestriction(granted: readonly string[]): string | undefined {
  return restriction(granted, [READ_PRACTITIONERS]);
}

/** Whether requesters can be looked up by name (else the order's own requester display is shown). */
export function canReadPractitioners(granted: readonly string[]): boolean {
  return practitionerRestriction(granted) === undefined;
}

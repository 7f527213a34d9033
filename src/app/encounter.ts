/** The words the Encounter field shows for the launch's encounter: its class and period, or why they are not shown. */
import type { Encounter } from 'fhir/r4';
import { toOperationOutcome } from '../fhir/outcome';
import { READ_ENCOUNTER } from '../fhir/permissions';
import type { FhirSession } from '../fhir/session';
import { outcomeMessages } from '../kernel/outcome';
import { restriction } from './access';

function describe(encounter: Encounter): string {
  const kind = encounter.class?.display ?? encounter.class?.code;
  const { start, end } = encounter.period ?? {};
  const when = start ? `${start.slice(0, 10)}${end ? ` to ${end.slice(0, 10)}` : ' (ongoing)'}` : undefined;
  return [kind, when].filter(Boolean).join(' · ');
}

/** Describes `Encounter/<id>` references with the session; never rejects. */
export function encounterDescriber(session: FhirSession): (reference: string) => Promise<string> {
  const missing = restriction(session.context.grantedScopes, [READ_ENCOUNTER]);
  return async (reference) => {
    const id = /^Encounter\/([^/]+)$/.exec(reference)?.[1];
    if (!id) return reference;
    if (missing) return `${reference} (details not shown: ${missing})`;
    try {
      return `${reference} · ${describe(await session.readEncounter(id)) || 'no class or period recorded'}`;
    } catch (err) {
      return `${reference} (details could not be loaded: ${outcomeMessages(await toOperationOutcome(err)).join(' ')})`;
    }
  };
}

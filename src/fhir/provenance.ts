/** The Provenance recorded with every save: who created or changed the study metadata, and when. */
import type { Provenance, Reference } from 'fhir/r4';

export const DATA_OPERATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation';
const PARTICIPANT_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

const ACTIVITY_DISPLAY = { CREATE: 'create', UPDATE: 'revise' } as const;

export interface ProvenanceInput {
  /** The study first (this places the Provenance in the study's patient compartment), then any new Endpoints. */
  targets: Reference[];
  activity: keyof typeof ACTIVITY_DISPLAY;
  /** The launch user, e.g. `Practitioner/123` or its absolute URL. */
  fhirUser?: string;
  /** The FHIR base, to shorten an absolute `fhirUser` on the same server to a relative reference. */
  iss: string;
  recorded: Date;
}

function userReference(fhirUser: string | undefined, iss: string): Reference {
  if (!fhirUser) return { display: 'Unknown user (the launch did not identify the user)' };
  const base = `${iss.replace(/\/+$/, '')}/`;
  return { reference: fhirUser.startsWith(base) ? fhirUser.slice(base.length) : fhirUser };
}

/** A Provenance for one save: activity CREATE or UPDATE, the launch user as author, `recorded` now. */
export function buildProvenance(input: ProvenanceInput): Provenance {
  return {
    resourceType: 'Provenance',
    target: input.targets,
    recorded: input.recorded.toISOString(),
    activity: {
      coding: [{ system: DATA_OPERATION_SYSTEM, code: input.activity, display: ACTIVITY_DISPLAY[input.activity] }],
    },
    agent: [
      {
        type: { coding: [{ system: PARTICIPANT_TYPE_SYSTEM, code: 'author', display: 'Author' }] },
        who: userReference(input.fhirUser, input.iss),
      },
    ],
  };
}

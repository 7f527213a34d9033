/** A save as one transaction: new Endpoints, the study (conditional create or If-Match update) and its Provenance. */
import type { Endpoint, FhirResource, ImagingStudy, Provenance } from 'fhir/r4';
import { buildProvenance } from './provenance';
import { fhirRequest, findStudyByUid, isResourceOf, readResource, WRITE_HEADERS } from './requests';
import { withRetry } from './retry';
import { existingStudyResult, saveFailure } from './save-outcomes';
import type { SavePlan, SaveResult } from './save-types';
import type { FhirSession } from './session';
import { entryResults, entryRoles, transactionBundle, type EntryResult } from './transaction';

type Answer = { found: ImagingStudy } | { response: unknown };

async function resourceOf<T extends FhirResource>(
  session: FhirSession,
  result: EntryResult | undefined,
  type: T['resourceType'],
  timeoutMs: number,
): Promise<T | undefined> {
  if (isResourceOf<T>(result?.resource, type)) return result.resource;
  // Servers that ignore `Prefer: return=representation` answer with locations only.
  return result?.location ? readResource<T>(session, result.location, type, timeoutMs) : undefined;
}

/** The Provenance of a transaction: it targets the study and new Endpoints by their entries' fullUrls. */
function provenanceFor(session: FhirSession, plan: SavePlan): Provenance {
  const study = plan.mode === 'create' ? plan.studyFullUrl : `ImagingStudy/${plan.id ?? ''}`;
  return buildProvenance({
    targets: [{ reference: study }, ...plan.endpoints.map((e) => ({ reference: e.fullUrl }))],
    activity: plan.mode === 'create' ? 'CREATE' : 'UPDATE',
    fhirUser: session.context.fhirUser,
    iss: session.context.iss,
    recorded: plan.recorded,
  });
}

/** Saves with one transaction Bundle, retrying transient failures. */
export async function saveInTransaction(session: FhirSession, plan: SavePlan): Promise<SaveResult> {
  const roles = entryRoles(plan);
  const bundle = transactionBundle(plan, provenanceFor(session, plan), `urn:uuid:${crypto.randomUUID()}`);
  const base = session.context.iss.replace(/\/+$/, '');
  let answer: Answer;
  try {
    answer = await withRetry<Answer>(async (attempt) => {
      if (attempt > 1 && plan.mode === 'create' && plan.uid) {
        // The last attempt may have been saved although its answer was lost: look before sending it again.
        const found = await findStudyByUid(session, plan.uid, plan.timeoutMs);
        if (found) return { found };
      }
      const request = { url: base, method: 'POST', body: JSON.stringify(bundle), headers: WRITE_HEADERS };
      return { response: await fhirRequest<unknown>(session, request, plan.timeoutMs) };
    }, plan.retry);
  } catch (err) {
    return saveFailure(session, plan, err, roles);
  }
  if ('found' in answer) return existingStudyResult(plan, answer.found);

  try {
    const results = entryResults(answer.response, roles.length);
    const studyResult = results[plan.endpoints.length];
    const study = await resourceOf<ImagingStudy>(session, studyResult, 'ImagingStudy', plan.timeoutMs);
    if (!study) throw new Error('The FHIR server did not say where it saved the study.');
    // A conditional create that matched answers 200, not 201: the study already existed.
    if (plan.mode === 'create' && studyResult?.status === 200) return existingStudyResult(plan, study);
    const endpoints: Endpoint[] = [];
    for (const result of results.slice(0, plan.endpoints.length)) {
      const endpoint = await resourceOf<Endpoint>(session, result, 'Endpoint', plan.timeoutMs);
      if (endpoint) endpoints.push(endpoint);
    }
    const provenance = results.at(-1)?.resource;
    return {
      kind: 'saved',
      study,
      endpoints,
      ...(isResourceOf<Provenance>(provenance, 'Provenance') ? { provenance } : {}),
    };
  } catch (err) {
    return saveFailure(session, plan, err, roles);
  }
}

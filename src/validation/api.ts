/**
 * The validators, without a FHIRPath engine of their own: ./index.ts plugs fhirpath.js in at once (Node, tests), the
 * app imports this module and calls `loadFhirpath()` once the editor is shown, so fhirpath.js is not part of the
 * editor's first load. Until it has loaded, FHIRPath invariants are not evaluated (treated as holding); the checks
 * a form edit usually breaks (cardinality, types, formats, bindings, DICOM rules) do not depend on it.
 */
import type { OperationOutcome } from 'fhir/r4';
import { IMAGING_STUDY_ENDPOINT_URL, loadImrRegistry } from '../profile';
import { setFhirpathEngine } from './fhirpath-engine';
import { setNarrativeCheck } from './narrative-engine';
import { createValidator, type Validator } from './validator';

export { createValidator, type ValidateOptions, type Validator, type ValidatorOptions } from './validator';

let imr: Validator | undefined;
let endpoint: Validator | undefined;

/** The IMR ImagingStudy validator over the built-in registry (built once, then cached). */
export function imrValidator(): Validator {
  imr ??= createValidator(loadImrRegistry());
  return imr;
}

/**
 * Validates an Endpoint against the Imaging Study Endpoint profile (expressions start with
 * `Endpoint.`), e.g. for an endpoint created inline in the form.
 */
export function validateEndpoint(resource: unknown): OperationOutcome {
  endpoint ??= createValidator(loadImrRegistry(), IMAGING_STUDY_ENDPOINT_URL);
  return endpoint.validate(resource);
}

/**
 * What is wrong with a new Endpoint's address as the user types it, beyond the profile's URL rule: a DICOMweb address
 * is a web address, so it must start with https:// (http:// is accepted for a PACS on the same machine or network).
 */
export function endpointAddressProblem(address: string): string | undefined {
  if (address === '' || (URL.canParse(address) && /^https?:\/\//i.test(address))) return undefined;
  return 'Address must start with https:// (e.g. https://pacs.hospital.example/dicom-web)';
}

/** Whether an outcome has no error or fatal issue (warnings do not make a resource invalid). */
export function isValid(outcome: OperationOutcome): boolean {
  return !(outcome.issue ?? []).some((i) => i.severity === 'error' || i.severity === 'fatal');
}

let loading: Promise<void> | undefined;

/**
 * Loads fhirpath.js and its R4 model, and the narrative checker (saxes), in the background and plugs
 * them in; later calls return the same promise.
 */
export function loadFhirpath(): Promise<void> {
  loading ??= Promise.all([
    import('./fhirpath-r4').then(({ fhirpathR4 }) => setFhirpathEngine(fhirpathR4)),
    import('./narrative').then(({ checkNarrative }) => setNarrativeCheck(checkNarrative)),
  ]).then(() => undefined);
  return loading;
}

/**
 * The IMR validator: checks an ImagingStudy (or an Endpoint) against the IHE IMR 1.1.0 profiles
 * and returns a FHIR OperationOutcome. No React; it reads only the profile layer's element model.
 *
 * What is checked: cardinality (slices included: identifier:studyUID by its system pattern),
 * datatypes and R4 primitive formats, unknown properties, nulls, empty strings/objects/lists, JSON
 * value types, fixed and pattern values, required and extensible bindings, reference targets and
 * contained references, the FHIRPath invariants of the snapshot (fhirpath.js, compiled once; ele-1
 * natively; in the browser fhirpath.js loads after the editor, see ./api.ts), a contained Endpoint
 * against the Imaging Study Endpoint profile where `ImagingStudy.endpoint` refers to it and against
 * base R4 Endpoint otherwise (e.g. only a series endpoint), and the DICOM rules
 * (UID syntax, `urn:oid:` on the study UID only, unique series/SOP instance UIDs, counts).
 *
 * Issue format:
 * - `severity` follows the specification's wording: `fatal` (not a JSON object), `error` for a broken
 *   SHALL (invalid), `warning` for a broken SHOULD (valid, but check it: whitespace-only or
 *   control-character text, extensible binding misses, series/instance counts that disagree,
 *   unresolvable reference forms), `information` for a best-practice guideline (dom-6, only with
 *   the `bestPractice` option). Only `error` and `fatal` make a resource invalid (`isValid`);
 * - `code`: `required` (missing element or slice, too few entries), `structure` (wrong JSON shape
 *   or type, null, empty list, unknown field, too many entries, wrong reference target), `value`
 *   (bad primitive format, fixed/pattern mismatch, DICOM UID syntax), `code-invalid` (binding),
 *   `invariant` (FHIRPath invariant or ele-1, which also covers empty objects; `diagnostics` holds
 *   the key and expression), `duplicate` (repeated UID), `business-rule` (counts), `invalid`
 *   (not a resource, wrong resourceType, Reference.type contradicting the reference);
 * - `details.text`: a message for the radiographer naming the field by its form label;
 * - `expression`: one FHIRPath that indexes every array item, even `[0]`, and uses a choice's
 *   concrete name (`valueString`). A missing element is reported at its own path under its parent
 *   (`ImagingStudy.started`), a missing slice or too many entries at the property
 *   (`ImagingStudy.identifier`), a bad entry at the entry (`ImagingStudy.modality[1]`), a binding
 *   miss at the Coding/CodeableConcept (`ImagingStudy.modality[0]`), a wrong reference at the
 *   Reference, an invariant at the element that defines it (`ImagingStudy` for dom-*), and
 *   anything in a primitive's `_name` data under the primitive's path (`ImagingStudy.status.extension[0]`).
 *
 * Not reported: bindings to value sets that could not be expanded offline (see
 * `ProfileRegistry.notExpandable`), the best-practice dom-6 unless asked for, and the contents of
 * contained resources other than Endpoint (no definition for them here; ./resources.ts, for the CLI,
 * adds base R4 Bundle, ImagingStudy, Provenance and ServiceRequest).
 */
import { setFhirpathEngine } from './fhirpath-engine';
import { fhirpathR4 } from './fhirpath-r4';
import { checkNarrative } from './narrative';
import { setNarrativeCheck } from './narrative-engine';

setFhirpathEngine(fhirpathR4);
setNarrativeCheck(checkNarrative);

export {
  createValidator,
  imrValidator,
  isValid,
  loadFhirpath,
  validateEndpoint,
  type ValidateOptions,
  type Validator,
  type ValidatorOptions,
} from './api';

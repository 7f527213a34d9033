import type { Verdict } from './verdicts';

/**
 * Where @medplum/core's verdict on a corpus case differs from ours, and why ours follows the
 * specification. Checked by ../medplum-differential.test.ts (no more, no fewer) and shown in
 * ./VERDICTS.md.
 */
export const WHY = {
  requiredBinding: 'Medplum skips required bindings',
  slices: 'Medplum does not check children inside slices',
  referenceTarget: 'Medplum treats wrong reference targets as warnings',
  containedReference: 'Medplum ignores #contained references when checking targets',
  containedProfile:
    'Medplum validates contained resources against the base type, not the Imaging Study Endpoint profile',
  dicom: 'DICOM UID rules are ours only',
  emptyValues: 'Medplum drops "", {} and [] before validating them',
  dom3: 'Medplum skips dom-3 (it needs descendants())',
  typeConstraints: 'Medplum evaluates only constraints listed on the element, not those of its datatype (ref-1, per-1)',
  resourceId: 'Medplum reads Resource.id as System.String, so the id format is not checked',
  timeZone: 'Medplum’s dateTime pattern lets a time go without a time zone',
  lexicalNumbers:
    'Medplum gets what JSON.parse makes of the text (1.0 and 2E0 become 1 and 2), so R4’s integer grammar (no decimal point, no exponent) cannot be applied',
  narrative:
    'Medplum does not check the narrative XHTML: namespace, well-formedness, entities, txt-1 elements and attributes, txt-2',
  stringShoulds:
    'Medplum reports R4’s string SHOULDs (non-whitespace content, no control characters) as errors; R4 words them SHOULD, so they are warnings and the resource is valid',
  primitiveShapes:
    'Medplum does not check that a repeating primitive’s value and _ arrays line up, nor reject an _ sibling of a complex element',
  bundleEntries:
    'Medplum validates Bundle entries against their base types only and does not resolve references by fullUrl: no IMR for the study entry, no Imaging Study Endpoint for the Endpoint its endpoint names',
} as const;

/** Every known disagreement: file -> what each side says -> why. */
export const DISAGREEMENTS: { file: string; ours: Verdict; medplum: Verdict; why: string }[] = [
  { file: 'invalid/dom3-contained-not-referenced.json', ours: 'invalid', medplum: 'valid', why: WHY.dom3 },
  { file: 'invalid/empty-array-note.json', ours: 'invalid', medplum: 'valid', why: WHY.emptyValues },
  { file: 'invalid/empty-object-referrer.json', ours: 'invalid', medplum: 'valid', why: WHY.emptyValues },
  { file: 'invalid/empty-string-description.json', ours: 'invalid', medplum: 'valid', why: WHY.emptyValues },
  { file: 'invalid/empty-string-studyuid.json', ours: 'invalid', medplum: 'valid', why: WHY.emptyValues },
  {
    file: 'invalid/endpoint-connection-type-fhir-rest.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.containedProfile,
  },
  {
    file: 'invalid/endpoint-connection-type-wrong-system.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.containedProfile,
  },
  { file: 'invalid/endpoint-payload-type-twice.json', ours: 'invalid', medplum: 'valid', why: WHY.containedProfile },
  { file: 'invalid/endpoint-status-invalid.json', ours: 'invalid', medplum: 'valid', why: WHY.requiredBinding },
  { file: 'invalid/endpoint-targets-patient.json', ours: 'invalid', medplum: 'valid', why: WHY.referenceTarget },
  { file: 'invalid/id-too-long.json', ours: 'invalid', medplum: 'valid', why: WHY.resourceId },
  { file: 'invalid/id-with-underscore.json', ours: 'invalid', medplum: 'valid', why: WHY.resourceId },
  { file: 'invalid/identifier-use-invalid.json', ours: 'invalid', medplum: 'valid', why: WHY.requiredBinding },
  { file: 'invalid/instance-uid-duplicate-across-series.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/instance-uid-duplicate-in-series.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/instance-uid-empty-component.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/instance-uid-leading-zero.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/interpreter-patient.json', ours: 'invalid', medplum: 'valid', why: WHY.referenceTarget },
  { file: 'invalid/narrative-status-invalid.json', ours: 'invalid', medplum: 'valid', why: WHY.requiredBinding },
  { file: 'invalid/per1-period-end-before-start.json', ours: 'invalid', medplum: 'valid', why: WHY.typeConstraints },
  { file: 'invalid/ref1-unresolved-contained.json', ours: 'invalid', medplum: 'valid', why: WHY.typeConstraints },
  { file: 'invalid/referrer-organization.json', ours: 'invalid', medplum: 'valid', why: WHY.referenceTarget },
  { file: 'invalid/series-endpoint-patient.json', ours: 'invalid', medplum: 'valid', why: WHY.referenceTarget },
  { file: 'invalid/series-uid-duplicate.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/series-uid-leading-zero.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/series-uid-letters.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/started-no-timezone.json', ours: 'invalid', medplum: 'valid', why: WHY.timeZone },
  { file: 'invalid/status-not-in-valueset.json', ours: 'invalid', medplum: 'valid', why: WHY.requiredBinding },
  { file: 'invalid/studyuid-65-chars.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/studyuid-empty-component.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/studyuid-leading-zero.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/studyuid-letters.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/studyuid-trailing-dot.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/studyuid-value-missing.json', ours: 'invalid', medplum: 'valid', why: WHY.slices },
  { file: 'invalid/studyuid-without-urn-oid.json', ours: 'invalid', medplum: 'valid', why: WHY.dicom },
  { file: 'invalid/subject-contained-device.json', ours: 'invalid', medplum: 'valid', why: WHY.containedReference },
  { file: 'invalid/subject-group.json', ours: 'invalid', medplum: 'valid', why: WHY.referenceTarget },
  { file: 'warning/description-control-character.json', ours: 'valid', medplum: 'invalid', why: WHY.stringShoulds },
  { file: 'warning/description-whitespace-only.json', ours: 'valid', medplum: 'invalid', why: WHY.stringShoulds },
  { file: 'invalid/bundle-endpoint-entry-profile.json', ours: 'invalid', medplum: 'valid', why: WHY.bundleEntries },
  {
    file: 'invalid/bundle-study-entry-started-missing.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.bundleEntries,
  },
  { file: 'invalid/bundle-subject-resolves-to-group.json', ours: 'invalid', medplum: 'valid', why: WHY.bundleEntries },
  {
    file: 'invalid/endpoint-base-status-not-in-valueset.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.requiredBinding,
  },
  { file: 'invalid/endpoint-profile-fhir-rest.json', ours: 'invalid', medplum: 'valid', why: WHY.requiredBinding },
  {
    file: 'invalid/endpoint-referenced-by-study-and-series.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.containedProfile,
  },
  {
    file: 'invalid/extension-integer-decimal-point.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.lexicalNumbers,
  },
  {
    file: 'invalid/extension-positive-int-decimal-point.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.lexicalNumbers,
  },
  { file: 'invalid/narrative-form.json', ours: 'invalid', medplum: 'valid', why: WHY.narrative },
  { file: 'invalid/narrative-iframe.json', ours: 'invalid', medplum: 'valid', why: WHY.narrative },
  { file: 'invalid/narrative-nbsp-entity.json', ours: 'invalid', medplum: 'valid', why: WHY.narrative },
  { file: 'invalid/narrative-no-namespace.json', ours: 'invalid', medplum: 'valid', why: WHY.narrative },
  { file: 'invalid/narrative-not-well-formed.json', ours: 'invalid', medplum: 'valid', why: WHY.narrative },
  { file: 'invalid/narrative-onclick.json', ours: 'invalid', medplum: 'valid', why: WHY.narrative },
  { file: 'invalid/narrative-script.json', ours: 'invalid', medplum: 'valid', why: WHY.narrative },
  { file: 'invalid/narrative-whitespace-only.json', ours: 'invalid', medplum: 'valid', why: WHY.narrative },
  { file: 'invalid/number-of-instances-exponent.json', ours: 'invalid', medplum: 'valid', why: WHY.lexicalNumbers },
  {
    file: 'invalid/number-of-series-decimal-point.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.lexicalNumbers,
  },
  { file: 'invalid/primitive-arrays-misaligned.json', ours: 'invalid', medplum: 'valid', why: WHY.primitiveShapes },
  {
    file: 'invalid/primitive-companion-for-complex.json',
    ours: 'invalid',
    medplum: 'valid',
    why: WHY.primitiveShapes,
  },
  { file: 'invalid/series-number-exponent.json', ours: 'invalid', medplum: 'valid', why: WHY.lexicalNumbers },
  { file: 'invalid/servicerequest-intent-invalid.json', ours: 'invalid', medplum: 'valid', why: WHY.requiredBinding },
];

import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus/load';
import { medplumReference, type MedplumReference } from './corpus/medplum';
import { imrValidator, isValid } from './index';

/**
 * Differential test: Medplum's validateResource (base R4 + our IMR snapshot as profile) against our
 * validator, verdict by verdict, on every corpus file. Where they differ, the table below says why;
 * the test fails on any difference the table does not list, and on any listed one that went away.
 */
type Verdict = 'valid' | 'invalid' | 'crash';

const WHY = {
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
} as const;

/** Every known disagreement: file -> what each side says -> why. */
const DISAGREEMENTS: { file: string; ours: Verdict; medplum: Verdict; why: string }[] = [
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
];

const corpus = loadCorpus();
const ours = imrValidator();
let medplum: MedplumReference;

beforeAll(() => {
  medplum = medplumReference();
});

function medplumVerdict(resource: unknown): Verdict {
  const { issues, threw } = medplum.validate(resource);
  if (threw) return 'crash';
  return issues.some((issue) => issue.severity === 'error' || issue.severity === 'fatal') ? 'invalid' : 'valid';
}

describe('differential against Medplum validateResource', () => {
  it('disagrees on exactly the documented files, in the documented direction', () => {
    const actual = corpus.flatMap(({ file, resource }) => {
      const oursSays: Verdict = isValid(ours.validate(resource)) ? 'valid' : 'invalid';
      const medplumSays = medplumVerdict(resource);
      return oursSays === medplumSays ? [] : [{ file, ours: oursSays, medplum: medplumSays }];
    });
    const documented = DISAGREEMENTS.map(({ file, ours: o, medplum: m }) => ({ file, ours: o, medplum: m }));
    const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);
    expect(actual.sort(byFile)).toEqual(documented.sort(byFile));
  });
});

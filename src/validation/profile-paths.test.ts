import type { OperationOutcomeIssue } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { imrValidator } from './index';
import type { JsonObject } from './json';
import { createResourceValidator } from './resources';
import { containedEndpoint, minimalStudy, studyWith, summary } from './testing/fixtures';

/**
 * Profile path audit: every rule of the IMR differentials (ImagingStudy and Imaging Study Endpoint)
 * is reported at the exact element it constrains, and the same shape one step away, where the
 * profile says nothing, is not. Each `it` names the rule as the differential states it.
 */
const imr = imrValidator();
const resources = createResourceValidator();
const errors = (issues: OperationOutcomeIssue[] | undefined) =>
  summary((issues ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal'));
const studyErrors = (edit: (s: JsonObject) => void) => errors(imr.validate(studyWith(edit)).issue);

const DCM_UID = 'urn:dicom:uid';
const FHIR_REST = { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'hl7-fhir-rest' };
/** Breaks both Imaging Study Endpoint rules (connectionType required binding, payloadType 1..1), none of base R4's. */
const plainEndpoint = (id = 'ep'): JsonObject => ({
  ...containedEndpoint(),
  id,
  connectionType: FHIR_REST,
  payloadType: [{ text: 'FHIR' }, { text: 'more' }],
});
/** A base R4 ImagingStudy with none of IMR's additions: no identifier, modality, started or endpoint; a Group subject. */
const bareStudy = (): JsonObject => ({
  resourceType: 'ImagingStudy',
  id: 'bare',
  status: 'available',
  subject: { reference: 'Group/g1' },
});
/** A Provenance whose target is `resource`, contained. */
const provenanceContaining = (resource: JsonObject): JsonObject => ({
  resourceType: 'Provenance',
  contained: [resource],
  target: [{ reference: `#${String(resource.id)}` }],
  recorded: '2024-05-01T12:00:00Z',
  agent: [{ who: { reference: 'Practitioner/pr1' } }],
});

describe('IMR ImagingStudy rules apply at ImagingStudy (validated as IMR) only', () => {
  it('identifier 1..*, modality 1..*, started 1..1, endpoint 1..*: reported on the IMR study...', () => {
    expect(
      studyErrors((s) => {
        delete s.identifier;
        delete s.modality;
        delete s.started;
        delete s.endpoint;
      }).sort(),
    ).toEqual([
      'error required ImagingStudy.endpoint',
      'error required ImagingStudy.identifier',
      'error required ImagingStudy.modality',
      'error required ImagingStudy.started',
    ]);
  });

  it('...not on an ImagingStudy that IMR does not govern (contained in a Provenance: base R4)', () => {
    const report = resources.validate(provenanceContaining(bareStudy()));
    expect(report.valid).toBe(true);
    expect(errors(report.outcome.issue)).toEqual([]);
  });

  it('...nor at the neighbouring series.started or series.endpoint (0..1, 0..* in R4 and IMR)', () => {
    const series = (s: JsonObject) => (s.series as JsonObject[])[0] as JsonObject;
    expect(studyErrors((s) => delete series(s).started)).toEqual([]);
    expect(studyErrors((s) => delete series(s).endpoint)).toEqual([]);
  });

  it('subject only Reference(Patient): reported at ImagingStudy.subject, not at a base study’s subject', () => {
    expect(studyErrors((s) => (s.subject = { reference: 'Group/g1' }))).toEqual([
      'error structure ImagingStudy.subject',
    ]);
    // R4's ImagingStudy.subject allows Patient | Device | Group: the base study above has a Group subject.
    expect(resources.validate(provenanceContaining(bareStudy())).valid).toBe(true);
    // The neighbouring series.performer.actor keeps R4's targets.
    const withPerformer = studyWith((s) => {
      ((s.series as JsonObject[])[0] as JsonObject).performer = [{ actor: { reference: 'Practitioner/pr1' } }];
    });
    expect(errors(imr.validate(withPerformer).issue)).toEqual([]);
  });
});

describe('identifier:studyUID (system = urn:dicom:uid, value 1..1, a DICOM UID) is ImagingStudy.identifier only', () => {
  it('is reported on ImagingStudy.identifier', () => {
    expect(studyErrors((s) => (s.identifier = [{ system: DCM_UID }]))).toEqual([
      'error required ImagingStudy.identifier[0].value',
    ]);
    expect(studyErrors((s) => (s.identifier = [{ system: DCM_UID, value: 'urn:oid:1.2.abc' }]))).toEqual([
      'error value ImagingStudy.identifier[0].value',
    ]);
  });

  it('is not reported for the same identifier on a reference (basedOn.identifier, subject.identifier)', () => {
    expect(
      studyErrors((s) => {
        s.basedOn = [{ identifier: { system: DCM_UID, value: 'not-a-uid' } }];
        s.subject = { reference: 'Patient/p1', identifier: { system: DCM_UID, value: 'urn:oid:1.2.abc' } };
      }),
    ).toEqual([]);
  });

  it('is not reported for the same identifier on a contained Endpoint', () => {
    expect(
      studyErrors((s) => {
        const endpoint = containedEndpoint();
        endpoint.identifier = [
          { system: DCM_UID, value: 'not-a-uid' },
          { system: DCM_UID, value: 'x' },
        ];
        s.contained = [endpoint];
        s.endpoint = [{ reference: '#ep' }];
      }),
    ).toEqual([]);
  });
});

describe('endpoint only Reference(ImagingStudyEndpoint): the Endpoint profile reaches what ImagingStudy.endpoint refers to', () => {
  it('a contained Endpoint that ImagingStudy.endpoint refers to meets the profile', () => {
    const study = studyWith((s) => {
      s.contained = [plainEndpoint()];
      s.endpoint = [{ reference: '#ep' }];
    });
    expect(errors(imr.validate(study).issue)).toEqual([
      'error code-invalid ImagingStudy.contained[0].connectionType',
      'error structure ImagingStudy.contained[0].payloadType',
    ]);
  });

  it('one that only series.endpoint (Reference(Endpoint)) refers to meets base R4 Endpoint', () => {
    const study = studyWith((s) => {
      s.contained = [plainEndpoint('series-ep')];
      ((s.series as JsonObject[])[0] as JsonObject).endpoint = [{ reference: '#series-ep' }];
    });
    expect(errors(imr.validate(study).issue)).toEqual([]);
    // ...but base R4's rules still hold there (status 1..1).
    const broken = studyWith((s) => {
      const endpoint = plainEndpoint('series-ep');
      delete endpoint.status;
      s.contained = [endpoint];
      ((s.series as JsonObject[])[0] as JsonObject).endpoint = [{ reference: '#series-ep' }];
    });
    expect(errors(imr.validate(broken).issue)).toEqual(['error required ImagingStudy.contained[0].status']);
  });

  it('in a Bundle: the entry ImagingStudy.endpoint refers to (by fullUrl) meets the profile, other Endpoints base R4', () => {
    const study = minimalStudy();
    study.endpoint = [{ reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' }];
    ((study.series as JsonObject[])[0] as JsonObject).endpoint = [
      { reference: 'urn:uuid:22222222-2222-4222-8222-222222222222' },
    ];
    const entry = (fullUrl: string, resource: JsonObject) => ({
      fullUrl,
      resource,
      request: { method: 'POST', url: String(resource.resourceType) },
    });
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        entry('urn:uuid:11111111-1111-4111-8111-111111111111', plainEndpoint()),
        entry('urn:uuid:22222222-2222-4222-8222-222222222222', plainEndpoint()),
        entry('urn:uuid:33333333-3333-4333-8333-333333333333', study),
      ],
    };
    for (const e of bundle.entry) delete (e.resource as JsonObject).id;
    expect(errors(resources.validate(bundle).outcome.issue)).toEqual([
      'error code-invalid Bundle.entry[0].resource.connectionType',
      'error structure Bundle.entry[0].resource.payloadType',
    ]);
  });

  it('a standalone Endpoint meets base R4 unless the profile is asked for', () => {
    const endpoint = plainEndpoint();
    expect(errors(resources.validate(endpoint).outcome.issue)).toEqual([]);
    expect(errors(resources.validate(endpoint, 'imaging-study-endpoint').outcome.issue)).toEqual([
      'error code-invalid Endpoint.connectionType',
      'error structure Endpoint.payloadType',
    ]);
  });
});

describe('Imaging Study Endpoint rules apply at their own paths only', () => {
  it('payloadType.coding from the IMR payload value set (extensible): a warning at payloadType.coding, nothing elsewhere', () => {
    const endpoint = containedEndpoint();
    endpoint.payloadType = [{ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113015' }] }];
    // The same DCM coding at the neighbouring connectionType is judged by connectionType's own binding only.
    const issues = resources.validate(endpoint, 'imaging-study-endpoint').outcome.issue;
    expect(summary(issues)).toEqual(['warning code-invalid Endpoint.payloadType[0].coding[0]']);
    const base = resources.validate(endpoint).outcome.issue;
    expect(summary(base.filter((i) => i.severity !== 'information'))).toEqual([]);
  });
});

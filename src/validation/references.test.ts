import { describe, expect, it } from 'vitest';
import { imrValidator } from './index';
import type { JsonObject } from './json';
import { containedEndpoint, studyWith, summary } from './testing/fixtures';

const validator = imrValidator();
const withSubject = (subject: unknown, contained?: unknown[]) =>
  summary(
    validator.validate(
      studyWith((s) => {
        s.subject = subject;
        if (contained) s.contained = contained;
      }),
    ).issue,
  );

describe('reference targets', () => {
  it('accepts a Patient however it is written', () => {
    expect(withSubject({ reference: 'Patient/p1' })).toEqual([]);
    expect(withSubject({ reference: 'Patient/p1/_history/2' })).toEqual([]);
    expect(withSubject({ reference: 'https://fhir.example.org/r4/Patient/p1' })).toEqual([]);
    expect(withSubject({ reference: 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520' })).toEqual([]);
    expect(withSubject({ type: 'Patient', identifier: { system: 'http://h.org/mrn', value: '1' } })).toEqual([]);
    expect(withSubject({ display: 'Jane Doe' })).toEqual([]);
  });

  it('refuses another resource type, from the reference, an absolute URL or Reference.type', () => {
    expect(withSubject({ reference: 'Group/g1' })).toEqual(['error structure ImagingStudy.subject']);
    expect(withSubject({ reference: 'https://fhir.example.org/r4/Device/d1' })).toEqual([
      'error structure ImagingStudy.subject',
    ]);
    expect(withSubject({ type: 'Group', display: 'Ward 3' })).toEqual(['error structure ImagingStudy.subject']);
    const outcome = validator.validate(studyWith((s) => (s.subject = { reference: 'Group/g1' })));
    expect(outcome.issue[0]?.details?.text).toBe('Subject must refer to a Patient (e.g. Patient/123), not a Group');
  });

  it('refuses a Reference.type that contradicts the reference', () => {
    expect(withSubject({ reference: 'Group/g1', type: 'Patient' })).toEqual(['error invalid ImagingStudy.subject']);
  });

  it('warns about references that cannot be checked', () => {
    expect(withSubject({ reference: '12345' })).toEqual(['warning invalid ImagingStudy.subject']);
    expect(withSubject({ reference: 'Patients/1' })).toEqual(['warning invalid ImagingStudy.subject']);
  });

  it('resolves #id against contained resources', () => {
    const patient = { resourceType: 'Patient', id: 'pat' };
    const device = { resourceType: 'Device', id: 'dev' };
    expect(withSubject({ reference: '#pat' }, [patient])).toEqual([]);
    expect(withSubject({ reference: '#dev' }, [device])).toEqual(['error structure ImagingStudy.subject']);
    // A dangling #id is ref-1's error only; the contained Patient is then unreferenced (dom-3).
    expect(withSubject({ reference: '#nobody' }, [patient])).toEqual([
      'error invariant ImagingStudy',
      'error invariant ImagingStudy.subject',
    ]);
  });

  it('checks every reference element with its own targets', () => {
    const study = studyWith((s) => {
      s.interpreter = [{ reference: 'Practitioner/1' }, { reference: 'Patient/p1' }];
      s.referrer = { reference: 'Organization/o1' };
      s.basedOn = [{ reference: 'ServiceRequest/sr1' }];
      s.endpoint = [{ reference: 'Patient/p1' }];
      (s.series as JsonObject[])[0]!.endpoint = [{ reference: 'Endpoint/any' }, { reference: 'Patient/p1' }];
    });
    expect(summary(validator.validate(study).issue)).toEqual([
      'error structure ImagingStudy.endpoint[0]',
      'error structure ImagingStudy.interpreter[1]',
      'error structure ImagingStudy.referrer',
      'error structure ImagingStudy.series[0].endpoint[1]',
    ]);
  });
});

describe('contained resources', () => {
  it('validates a contained Endpoint against the Imaging Study Endpoint profile', () => {
    const valid = studyWith((s) => {
      s.contained = [containedEndpoint()];
      s.endpoint = [{ reference: '#ep' }];
    });
    expect(summary(validator.validate(valid).issue)).toEqual([]);
    const invalid = studyWith((s) => {
      const endpoint = containedEndpoint();
      delete endpoint.payloadType;
      delete endpoint.address;
      endpoint.status = 'online';
      s.contained = [endpoint];
      s.endpoint = [{ reference: '#ep' }];
    });
    expect(summary(validator.validate(invalid).issue)).toEqual([
      'error code-invalid ImagingStudy.contained[0].status',
      'error required ImagingStudy.contained[0].address',
      'error required ImagingStudy.contained[0].payloadType',
    ]);
  });

  it('needs a known resourceType; other types are accepted without a profile', () => {
    const study = studyWith((s) => {
      s.contained = [
        { id: 'x' },
        { resourceType: 'Foo', id: 'y' },
        { resourceType: 'Patient', id: 'pat', anything: 1 },
      ];
      s.subject = { reference: '#pat' };
      s.referrer = { reference: '#x' };
      s.location = { reference: '#y' };
    });
    expect(summary(validator.validate(study).issue)).toEqual([
      'error invalid ImagingStudy.contained[1].resourceType',
      'error required ImagingStudy.contained[0].resourceType',
    ]);
  });

  it('resolves references inside a contained resource against the container', () => {
    const study = studyWith((s) => {
      const endpoint = containedEndpoint();
      endpoint.managingOrganization = { reference: '#org' };
      s.contained = [endpoint, { resourceType: 'Organization', id: 'org' }];
      s.endpoint = [{ reference: '#ep' }];
    });
    expect(summary(validator.validate(study).issue)).toEqual([]);
    const toContainer = studyWith((s) => {
      const endpoint = containedEndpoint();
      endpoint.managingOrganization = { reference: '#' };
      s.contained = [endpoint];
    });
    // `#` is the container: an ImagingStudy is not an Organization, but ref-1 is not broken, and dom-3 is satisfied.
    expect(summary(validator.validate(toContainer).issue)).toEqual([
      'error structure ImagingStudy.contained[0].managingOrganization',
    ]);
  });
});

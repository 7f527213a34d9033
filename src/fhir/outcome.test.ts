import { describe, expect, it } from 'vitest';
import { outcomeMessages } from '../kernel/outcome';
import { toOperationOutcome } from './outcome';
import { CREATE_ENDPOINT, CREATE_PROVENANCE, CREATE_STUDY } from './permissions';
import { httpError, operationOutcome } from './testing/fake-server';

const NEEDED = [CREATE_STUDY, CREATE_ENDPOINT, CREATE_PROVENANCE];
const ALL_GRANTED = ['patient/ImagingStudy.cruds', 'patient/Provenance.c', 'user/Endpoint.crus'];

describe('toOperationOutcome', () => {
  it('returns the OperationOutcome a server sent with an error, though fhirclient consumed the body', async () => {
    const sent = operationOutcome('Series UID is not a valid DICOM UID', 'ImagingStudy.series[0].uid');
    const err = await httpError(400, sent);
    expect((err as unknown as { response: Response }).response.bodyUsed).toBe(true);
    expect(await toOperationOutcome(err)).toEqual(sent);
  });

  it('reads the OperationOutcome from a Response nobody has read yet', async () => {
    const sent = operationOutcome('Invalid status', 'ImagingStudy.status');
    const response = new Response(JSON.stringify(sent), { status: 422 });
    expect(await toOperationOutcome({ status: 422, response })).toEqual(sent);
  });

  it('explains a non-JSON error page by its status instead of showing the page', async () => {
    const outcome = await toOperationOutcome(await httpError(502, '<html><h1>Bad Gateway</h1></html>', 'text/html'));
    expect(outcome.issue).toHaveLength(1);
    expect(outcome.issue[0]?.code).toBe('transient');
    expect(outcomeMessages(outcome)[0]).toBe('The FHIR server had a problem (HTTP 502). Try again in a moment.');
  });

  it('reports a lost connection as transient', async () => {
    const outcome = await toOperationOutcome(new TypeError('Failed to fetch'));
    expect(outcome.issue[0]).toMatchObject({ code: 'transient', severity: 'error' });
    expect(outcomeMessages(outcome)[0]).toMatch(/cannot be reached/);
  });

  it('does not mistake a programming error for a network failure', async () => {
    const outcome = await toOperationOutcome(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(outcome.issue[0]?.code).toBe('exception');
  });

  it('reports a timeout', async () => {
    const timeout = Object.assign(new Error('No answer within 30 s'), { name: 'TimeoutError' });
    const outcome = await toOperationOutcome(timeout);
    expect(outcome.issue[0]?.code).toBe('timeout');
    expect(outcomeMessages(outcome)[0]).toMatch(/did not answer in time/);
  });

  it('turns a 401 into a login issue, whatever the body says', async () => {
    const outcome = await toOperationOutcome(
      await httpError(401, operationOutcome('Token expired', undefined, 'login')),
    );
    expect(outcome.issue).toEqual([expect.objectContaining({ code: 'login', severity: 'error' })]);
  });

  it('names the missing permission of a 403 in plain words', async () => {
    const err = await httpError(403, operationOutcome("The granted scopes do not allow 'c' on ImagingStudy"));
    const granted = ['patient/ImagingStudy.rs', 'patient/Provenance.c', 'user/Endpoint.crus'];
    const outcome = await toOperationOutcome(err, { permissions: NEEDED, grantedScopes: granted });
    expect(outcome.issue[0]?.code).toBe('forbidden');
    expect(outcomeMessages(outcome)[0]).toBe(
      'You are not allowed to create imaging studies for this patient (the app needs the patient/ImagingStudy.c permission). Ask your administrator for access.',
    );
    // The server's own words stay available for support, out of the user's way.
    expect(outcome.issue[0]?.diagnostics).toBe("The granted scopes do not allow 'c' on ImagingStudy");
  });

  it('names SMART v1 scopes when the server granted v1 scopes', async () => {
    const granted = ['patient/ImagingStudy.read', 'patient/Provenance.write', 'user/Endpoint.read'];
    const outcome = await toOperationOutcome(await httpError(403), { permissions: NEEDED, grantedScopes: granted });
    expect(outcomeMessages(outcome)[0]).toBe(
      'You are not allowed to create imaging studies for this patient or add new image locations (endpoints) (the app needs the patient/ImagingStudy.write and user/Endpoint.write permissions). Ask your administrator for access.',
    );
  });

  it('names every needed permission when the scopes seem to allow the save', async () => {
    const outcome = await toOperationOutcome(await httpError(403), { permissions: NEEDED, grantedScopes: ALL_GRANTED });
    expect(outcomeMessages(outcome)[0]).toBe(
      'The FHIR server did not allow this save (the app needs the patient/ImagingStudy.c, user/Endpoint.c and patient/Provenance.c permissions). Ask your administrator for access.',
    );
  });
});

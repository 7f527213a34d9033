import { describe, expect, it } from 'vitest';
import type { Endpoint, ImagingStudy, Provenance } from 'fhir/r4';
import { saveStudy, type SaveOptions, type SaveResult } from './save';
import {
  capabilities,
  fakeServer,
  httpError,
  operationOutcome,
  searchset,
  type RecordedRequest,
} from './testing/fake-server';
import { formRoundTrip, newEndpoint, newStudy, storedStudy, UID } from '../testing/studies';

const FAST: SaveOptions = { now: () => new Date('2024-03-06T08:30:00Z'), retry: { minDelayMs: 0, randomize: false } };
const URN = 'urn:uuid:6f1e3c9a-1b2d-4e5f-8a9b-0c1d2e3f4a5b';

interface Behaviour {
  /** Answers the study write; default: created. */
  study?: (req: RecordedRequest) => unknown;
  provenance?: (req: RecordedRequest) => unknown;
}

/** A server without transactions: it lists no `transaction` interaction in its CapabilityStatement. */
function serverWithoutTransactions(behaviour: Behaviour = {}) {
  let endpoints = 0;
  return fakeServer(async (req) => {
    if (req.url === 'metadata') return capabilities(false);
    if (req.url.startsWith('ImagingStudy?')) return searchset();
    if (req.method === 'POST' && req.url === 'Endpoint') {
      endpoints += 1;
      return { ...(req.json as Endpoint), id: `ep-${endpoints}` };
    }
    if (req.url.startsWith('ImagingStudy')) {
      if (behaviour.study) return behaviour.study(req);
      const body = { ...(req.json as ImagingStudy), id: 'study-1', meta: { versionId: '1' } };
      return { body, response: new Response(null, { status: 201 }) };
    }
    if (req.url === 'Provenance') {
      if (behaviour.provenance) return behaviour.provenance(req);
      return { ...(req.json as Provenance), id: 'prov-1' };
    }
    throw new Error(`unexpected ${req.method} ${req.url}`);
  });
}

const input = () => ({ study: newStudy(URN), newEndpoints: [{ fullUrl: URN, resource: newEndpoint() }] });
const writes = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);

function expectKind<K extends SaveResult['kind']>(result: SaveResult, kind: K): Extract<SaveResult, { kind: K }> {
  expect(result.kind).toBe(kind);
  return result as Extract<SaveResult, { kind: K }>;
}

describe('saveStudy without transactions', () => {
  it('creates the Endpoint, then the study (If-None-Exist), then the Provenance', async () => {
    const fake = serverWithoutTransactions();
    const result = await saveStudy(fake.session, input(), FAST);

    expect(writes(fake.requests)).toEqual(['POST Endpoint', 'POST ImagingStudy', 'POST Provenance']);
    const studyRequest = fake.requests.find((r) => r.url === 'ImagingStudy' && r.method === 'POST');
    expect(studyRequest?.headers?.['if-none-exist']).toBe(`identifier=urn:dicom:uid|urn:oid:${UID}`);
    expect(studyRequest?.includeResponse).toBe(true);
    expect((studyRequest?.json as ImagingStudy).endpoint).toEqual([{ reference: 'Endpoint/ep-1' }]);
    const provenance = fake.requests.find((r) => r.url === 'Provenance')?.json as Provenance;
    expect(provenance.target).toEqual([{ reference: 'ImagingStudy/study-1' }, { reference: 'Endpoint/ep-1' }]);
    expect(provenance.activity?.coding?.[0]?.code).toBe('CREATE');

    const saved = expectKind(result, 'saved');
    expect(saved.endpoints.map((e) => e.id)).toEqual(['ep-1']);
    expect(saved.provenance?.id).toBe('prov-1');
  });

  it('says which Endpoint was created when the study then fails, and reuses it on the next save', async () => {
    let attempts = 0;
    const fake = serverWithoutTransactions({
      study: async (req) => {
        attempts += 1;
        if (attempts === 1) throw await httpError(422, operationOutcome('Started is required', 'ImagingStudy.started'));
        return {
          body: { ...(req.json as ImagingStudy), id: 'study-1' },
          response: new Response(null, { status: 201 }),
        };
      },
    });

    const failed = expectKind(await saveStudy(fake.session, input(), FAST), 'failed');
    expect(failed.created).toEqual(['Endpoint/ep-1']);
    expect(failed.retryable).toBe(false);
    expect(failed.outcome.issue[0]).toMatchObject({
      severity: 'warning',
      code: 'incomplete',
      diagnostics: 'Endpoint/ep-1',
    });
    expect(failed.outcome.issue[0]?.details?.text).toBe(
      'The new endpoint was saved on the server as Endpoint/ep-1, but the imaging study was not. Saving again uses that endpoint instead of creating another.',
    );
    // The server's field issue is still there, for the form to place.
    expect(failed.outcome.issue[1]?.expression).toEqual(['ImagingStudy.started']);

    const retried = await saveStudy(fake.session, input(), FAST);
    expect(expectKind(retried, 'saved').endpoints.map((e) => e.id)).toEqual(['ep-1']);
    expect(writes(fake.requests).filter((w) => w === 'POST Endpoint')).toHaveLength(1);
    const lastStudy = fake.requests.filter((r) => r.url === 'ImagingStudy').at(-1)?.json as ImagingStudy;
    expect(lastStudy.endpoint).toEqual([{ reference: 'Endpoint/ep-1' }]);
  });

  it('updates with an If-Match header', async () => {
    const stored = storedStudy();
    const fake = serverWithoutTransactions({
      study: (req) => ({
        body: { ...(req.json as ImagingStudy), meta: { versionId: '8' } },
        response: new Response(null, { status: 200 }),
      }),
    });
    const result = await saveStudy(
      fake.session,
      { original: stored, study: formRoundTrip(stored), newEndpoints: [] },
      FAST,
    );
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe('ImagingStudy/study-1');
    expect(put?.headers?.['if-match']).toBe('W/"7"');
    expect(expectKind(result, 'saved').study.meta?.versionId).toBe('8');
  });

  it('reports a duplicate when the conditional create matched another study', async () => {
    const other: ImagingStudy = { ...newStudy(), id: 'other', description: 'Someone else’s' };
    const fake = serverWithoutTransactions({
      study: () => ({ body: other, response: new Response(null, { status: 200 }) }),
    });
    expect(expectKind(await saveStudy(fake.session, input(), FAST), 'duplicate').existing.id).toBe('other');
  });

  it('keeps a saved study saved when only the Provenance fails, with a warning', async () => {
    const fake = serverWithoutTransactions({
      provenance: async () => {
        throw await httpError(403);
      },
    });
    const saved = expectKind(await saveStudy(fake.session, input(), FAST), 'saved');
    expect(saved.provenance).toBeUndefined();
    expect(saved.outcome?.issue[0]).toMatchObject({ severity: 'warning', code: 'incomplete' });
    expect(saved.outcome?.issue[0]?.details?.text).toMatch(/^The study was saved, but the record of who changed it/);
  });
});

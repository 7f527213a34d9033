import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bundle, BundleEntry, Endpoint, ImagingStudy, Provenance } from 'fhir/r4';
import { IMR_IMAGINGSTUDY_URL } from '../kernel/canonicals';
import { saveStudy, type SaveOptions, type SaveResult } from './save';
import { lookUpStudyUid, UID_ANSWER_FRESH_MS } from './study-uid-lookup';
import {
  capabilities,
  fakeServer,
  httpError,
  ISS,
  operationOutcome,
  searchset,
  transactionResponse,
  type Handler,
  type RecordedRequest,
} from './testing/fake-server';
import { formRoundTrip, newEndpoint, newStudy, storedStudy, UID } from '../testing/studies';

const NOW = new Date('2024-03-06T08:30:00.000Z');
const FAST: SaveOptions = { now: () => NOW, retry: { minDelayMs: 0, randomize: false } };
const URN = 'urn:uuid:0b0c7a2e-4f1d-4c1e-9a53-2f7d0e1c9b11';

/** A server with transactions; `onTransaction` answers the transaction POST, the rest is routine. */
function server(onTransaction: Handler, options: { existing?: ImagingStudy; stored?: ImagingStudy } = {}) {
  return fakeServer((req) => {
    if (req.url === 'metadata') return capabilities(true);
    if (req.url.startsWith('ImagingStudy?identifier='))
      return searchset(...(options.existing ? [options.existing] : []));
    if (req.method === 'GET' && req.url === 'ImagingStudy/study-1' && options.stored) return options.stored;
    if (req.method === 'POST' && req.url === ISS) return onTransaction(req);
    throw new Error(`unexpected ${req.method} ${req.url}`);
  });
}

const transactions = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST' && r.url === ISS);
const entries = (req: RecordedRequest | undefined) => (req?.json as Bundle).entry as BundleEntry[];

function expectKind<K extends SaveResult['kind']>(result: SaveResult, kind: K): Extract<SaveResult, { kind: K }> {
  expect(result.kind).toBe(kind);
  return result as Extract<SaveResult, { kind: K }>;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('saveStudy: a new study', () => {
  it('sends one transaction: new Endpoint, conditional create of the study, Provenance', async () => {
    const fake = server((req) => transactionResponse(req.json));
    const result = await saveStudy(
      fake.session,
      { study: newStudy(URN), newEndpoints: [{ fullUrl: URN, resource: newEndpoint() }] },
      FAST,
    );

    const tx = transactions(fake.requests);
    expect(tx).toHaveLength(1);
    expect(tx[0]?.headers).toMatchObject({ 'content-type': 'application/fhir+json', prefer: 'return=representation' });
    expect((tx[0]?.json as Bundle).type).toBe('transaction');
    const [endpoint, study, provenance] = entries(tx[0]);
    expect(entries(tx[0])).toHaveLength(3);

    expect(endpoint?.fullUrl).toBe(URN);
    expect(endpoint?.request).toEqual({ method: 'POST', url: 'Endpoint' });
    expect((endpoint?.resource as Endpoint).meta?.profile).toEqual([
      'https://profiles.ihe.net/RAD/IMR/StructureDefinition/imaging-study-endpoint',
    ]);

    expect(study?.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(study?.request).toEqual({
      method: 'POST',
      url: 'ImagingStudy',
      ifNoneExist: `identifier=urn:dicom:uid|urn:oid:${UID}`,
    });
    const sent = study?.resource as ImagingStudy;
    expect(sent.meta?.profile).toEqual(['https://profiles.ihe.net/RAD/IMR/StructureDefinition/imr-imagingstudy']);
    expect(sent.endpoint).toEqual([{ reference: URN }]);

    expect(provenance?.request).toEqual({ method: 'POST', url: 'Provenance' });
    expect(provenance?.resource).toEqual({
      resourceType: 'Provenance',
      target: [{ reference: study?.fullUrl }, { reference: URN }],
      recorded: '2024-03-06T08:30:00.000Z',
      activity: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE', display: 'create' },
        ],
      },
      agent: [
        {
          type: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
                code: 'author',
                display: 'Author',
              },
            ],
          },
          who: { reference: 'Practitioner/pr1' },
        },
      ],
    });

    const saved = expectKind(result, 'saved');
    expect(saved.study.id).toBe('imagingstudy-1');
    expect(saved.endpoints.map((e) => e.id)).toEqual(['endpoint-0']);
    expect(saved.provenance?.resourceType).toBe('Provenance');
  });

  it('looks the UID up first and reports an existing study instead of creating one', async () => {
    const existing: ImagingStudy = { ...newStudy(), id: 'other', description: 'Created by someone else' };
    const fake = server(
      () => {
        throw new Error('must not be sent');
      },
      { existing },
    );
    const result = await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(expectKind(result, 'duplicate').existing.id).toBe('other');
    expect(fake.requests.find((r) => r.url.startsWith('ImagingStudy?'))?.url).toBe(
      `ImagingStudy?identifier=${encodeURIComponent(`urn:dicom:uid|urn:oid:${UID}`)}`,
    );
    expect(transactions(fake.requests)).toHaveLength(0);
  });

  it('reports a duplicate when the conditional create matched a study created meanwhile', async () => {
    const fake = server((req) => {
      const response = transactionResponse(req.json, ['200 OK', '201 Created']);
      (response.entry![0]!.resource as ImagingStudy).description = 'Created meanwhile';
      return response;
    });
    const result = await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(expectKind(result, 'duplicate').existing.description).toBe('Created meanwhile');
  });

  it('creates only the new endpoints the study still refers to', async () => {
    const fake = server((req) => transactionResponse(req.json));
    const unpicked = { fullUrl: 'urn:uuid:5d1f9a55-0000-4000-8000-000000000000', resource: newEndpoint('Unpicked') };
    await saveStudy(
      fake.session,
      { study: newStudy(URN), newEndpoints: [unpicked, { fullUrl: URN, resource: newEndpoint() }] },
      FAST,
    );
    expect(entries(transactions(fake.requests)[0]).map((e) => e.fullUrl)).toEqual([
      URN,
      expect.any(String),
      expect.any(String),
    ]);
  });

  it('saves once when Save is clicked twice', async () => {
    const fake = server((req) => transactionResponse(req.json));
    const input = { study: newStudy(), newEndpoints: [] };
    const [first, second] = await Promise.all([
      saveStudy(fake.session, input, FAST),
      saveStudy(fake.session, input, FAST),
    ]);
    expect(second).toBe(first);
    expect(transactions(fake.requests)).toHaveLength(1);
    // Once it is done, the next save is a new one.
    await saveStudy(fake.session, input, FAST);
    expect(transactions(fake.requests)).toHaveLength(2);
  });

  it('reads the CapabilityStatement once per session', async () => {
    const fake = server((req) => transactionResponse(req.json));
    await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(fake.requests.filter((r) => r.url === 'metadata')).toHaveLength(1);
  });
});

describe('saveStudy: a new study whose UID the editor has just looked up', () => {
  const searches = (requests: RecordedRequest[]) => requests.filter((r) => r.url.startsWith('ImagingStudy?'));

  it('sends only the transaction when a recent lookup found no study with the UID', async () => {
    const fake = server((req) => transactionResponse(req.json));
    expect(await lookUpStudyUid(fake.session, UID)).toBeUndefined();
    const result = await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(result.kind).toBe('saved');
    expect(searches(fake.requests)).toHaveLength(1);
    expect(transactions(fake.requests)).toHaveLength(1);
  });

  it('waits for a lookup still running instead of sending a second one', async () => {
    const existing: ImagingStudy = { ...newStudy(), id: 'other', description: 'Created by someone else' };
    let answer: (bundle: Bundle) => void = () => undefined;
    const fake = fakeServer((req) => {
      if (req.url === 'metadata') return capabilities(true);
      if (req.url.startsWith('ImagingStudy?')) return new Promise<Bundle>((resolve) => (answer = resolve));
      throw new Error(`unexpected ${req.method} ${req.url}`);
    });
    void lookUpStudyUid(fake.session, UID);
    const saving = saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    answer(searchset(existing));
    expect(expectKind(await saving, 'duplicate').existing.id).toBe('other');
    expect(searches(fake.requests)).toHaveLength(1);
    expect(transactions(fake.requests)).toHaveLength(0);
  });

  it('looks again when the lookup found a study (it may have gone since)', async () => {
    const existing: ImagingStudy = { ...newStudy(), id: 'other', description: 'Created by someone else' };
    let found: ImagingStudy | undefined = existing;
    const fake = fakeServer((req) => {
      if (req.url === 'metadata') return capabilities(true);
      if (req.url.startsWith('ImagingStudy?')) return searchset(...(found ? [found] : []));
      if (req.method === 'POST' && req.url === ISS) return transactionResponse(req.json);
      throw new Error(`unexpected ${req.method} ${req.url}`);
    });
    expect((await lookUpStudyUid(fake.session, UID))?.id).toBe('other');
    found = undefined;
    expectKind(await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST), 'saved');
    expect(searches(fake.requests)).toHaveLength(2);
  });

  it('looks again when the lookup failed', async () => {
    let calls = 0;
    const fake = fakeServer((req) => {
      if (req.url === 'metadata') return capabilities(true);
      if (req.url.startsWith('ImagingStudy?')) {
        calls += 1;
        if (calls === 1) throw new TypeError('Failed to fetch');
        return searchset();
      }
      if (req.method === 'POST' && req.url === ISS) return transactionResponse(req.json);
      throw new Error(`unexpected ${req.method} ${req.url}`);
    });
    await expect(lookUpStudyUid(fake.session, UID)).rejects.toThrow('Failed to fetch');
    expect((await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST)).kind).toBe('saved');
    expect(searches(fake.requests)).toHaveLength(2);
  });

  it(`looks again when the answer is older than ${UID_ANSWER_FRESH_MS / 1000} s`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = server((req) => transactionResponse(req.json));
    await lookUpStudyUid(fake.session, UID);
    vi.setSystemTime(Date.now() + UID_ANSWER_FRESH_MS + 1);
    await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(searches(fake.requests)).toHaveLength(2);
  });

  it('does not use the answer of another session or of another UID', async () => {
    const fake = server((req) => transactionResponse(req.json));
    const other = server((req) => transactionResponse(req.json));
    await lookUpStudyUid(other.session, UID);
    await lookUpStudyUid(fake.session, '1.2.3.4.5');
    await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(searches(fake.requests)).toHaveLength(2);
  });

  it('forgets the answer once the UID was saved: the next new study with that UID is looked up again', async () => {
    const fake = server((req) => transactionResponse(req.json));
    await lookUpStudyUid(fake.session, UID);
    await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(searches(fake.requests)).toHaveLength(2);
  });
});

describe('saveStudy: an edit', () => {
  it('updates with If-Match and keeps everything the form does not show', async () => {
    const stored = storedStudy();
    const fake = server((req) => transactionResponse(req.json, ['200 OK', '201 Created']));
    const edited = { ...formRoundTrip(stored), description: 'CT chest with contrast' };
    const result = await saveStudy(fake.session, { original: stored, study: edited, newEndpoints: [] }, FAST);

    expect(fake.requests.some((r) => r.url.startsWith('ImagingStudy?'))).toBe(false);
    const [study, provenance] = entries(transactions(fake.requests)[0]);
    expect(study?.fullUrl).toBe(`${ISS}/ImagingStudy/study-1`);
    expect(study?.request).toEqual({ method: 'PUT', url: 'ImagingStudy/study-1', ifMatch: 'W/"7"' });
    const { meta: _sentMeta, ...sent } = study?.resource as ImagingStudy;
    const { meta: _storedMeta, ...expected } = { ...stored, description: 'CT chest with contrast' };
    expect(sent).toEqual(expected);
    expect((provenance?.resource as Provenance).target).toEqual([{ reference: 'ImagingStudy/study-1' }]);
    expect((provenance?.resource as Provenance).activity?.coding?.[0]?.code).toBe('UPDATE');
    expect(expectKind(result, 'saved').study.description).toBe('CT chest with contrast');
  });

  it('sends the stored study unchanged (but for meta) when nothing was edited', async () => {
    const stored = storedStudy();
    const fake = server((req) => transactionResponse(req.json, ['200 OK', '201 Created']));
    await saveStudy(fake.session, { original: stored, study: formRoundTrip(stored), newEndpoints: [] }, FAST);
    const sent = entries(transactions(fake.requests)[0])[0]?.resource as ImagingStudy;
    expect({ ...sent, meta: undefined }).toEqual({ ...stored, meta: undefined });
  });

  it('validates the study as merged and sends nothing when that has errors', async () => {
    const stored = storedStudy();
    const fake = server((req) => transactionResponse(req.json, ['200 OK', '201 Created']));
    const seen: ImagingStudy[] = [];
    const result = await saveStudy(
      fake.session,
      { original: stored, study: { ...formRoundTrip(stored), description: 'edited' }, newEndpoints: [] },
      {
        ...FAST,
        validate: (study) => {
          seen.push(study);
          return [{ severity: 'error', code: 'invalid', details: { text: 'Kept note is invalid' } }];
        },
      },
    );

    // The validator saw the merged study (the stored content the form does not show included), with its profile.
    expect(seen).toHaveLength(1);
    expect(seen[0]?.description).toBe('edited');
    expect(seen[0]?.meta?.profile).toContain(IMR_IMAGINGSTUDY_URL);
    expect(transactions(fake.requests)).toHaveLength(0);
    const failed = expectKind(result, 'failed');
    expect(failed.outcome.issue[0]?.details?.text).toBe('Kept note is invalid');
    expect(failed.retryable).toBe(false);
  });

  it('turns 412 into a conflict carrying the server version, a diff and a rebase', async () => {
    const stored = storedStudy();
    const current: ImagingStudy = {
      ...storedStudy(),
      meta: { versionId: '8' },
      note: [{ text: 'Changed on the server' }],
    };
    const fake = server(
      async () => {
        throw await httpError(412, operationOutcome('Precondition Failed', undefined, 'processing'));
      },
      { stored: current },
    );
    const edited = { ...formRoundTrip(stored), description: 'Mine' };
    const result = await saveStudy(fake.session, { original: stored, study: edited, newEndpoints: [] }, FAST);

    const conflict = expectKind(result, 'conflict');
    expect(conflict.server).toEqual(current);
    expect(conflict.diff.mine.map((c) => c.path)).toEqual(['ImagingStudy.description']);
    expect(conflict.diff.theirs.map((c) => c.path)).toEqual(['ImagingStudy.note[0].text']);
    expect(conflict.rebased).toMatchObject({ description: 'Mine', note: [{ text: 'Changed on the server' }] });
    expect(transactions(fake.requests)).toHaveLength(1);

    // "Overwrite knowingly": save the user's version over the current one, with its versionId.
    const overwrite = server((req) => transactionResponse(req.json, ['200 OK', '201 Created']));
    await saveStudy(overwrite.session, { original: conflict.server, study: conflict.mine, newEndpoints: [] }, FAST);
    const [study] = entries(transactions(overwrite.requests)[0]);
    expect(study?.request?.ifMatch).toBe('W/"8"');
    expect(study?.resource).toMatchObject({ description: 'Mine', note: [{ text: 'Contrast given.' }] });
  });

  it('treats a 412 as saved when the server already has exactly this version (an earlier attempt went through)', async () => {
    const stored = storedStudy();
    const edited = { ...formRoundTrip(stored), description: 'Mine' };
    const current: ImagingStudy = { ...stored, meta: { versionId: '8' }, description: 'Mine' };
    const fake = server(
      async () => {
        throw await httpError(412);
      },
      { stored: current },
    );
    const result = await saveStudy(fake.session, { original: stored, study: edited, newEndpoints: [] }, FAST);
    expect(expectKind(result, 'saved').study.meta?.versionId).toBe('8');
  });
});

describe('saveStudy: failures', () => {
  it('retries a 500 with exponential backoff and then succeeds', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const fake = server(async (req) => {
      calls += 1;
      if (calls <= 2) throw await httpError(500, operationOutcome('Database unavailable', undefined, 'exception'));
      return transactionResponse(req.json);
    });
    const saving = saveStudy(
      fake.session,
      { study: newStudy(), newEndpoints: [] },
      { now: () => NOW, retry: { randomize: false } },
    );
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(expectKind(await saving, 'saved').study.id).toBe('imagingstudy-0');
    expect(calls).toBe(3);
  });

  it('after a lost connection, looks for the study before sending the create again', async () => {
    const searches: number[] = [];
    let calls = 0;
    const fake = fakeServer((req) => {
      if (req.url === 'metadata') return capabilities(true);
      if (req.url.startsWith('ImagingStudy?')) {
        searches.push(calls);
        return searchset();
      }
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return transactionResponse(req.json);
    });
    const result = await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(result.kind).toBe('saved');
    // Once before the first save, once before the retry.
    expect(searches).toEqual([0, 1]);
  });

  it('does not send the create again when the lost attempt had saved the study', async () => {
    let calls = 0;
    let stored: ImagingStudy | undefined;
    const fake = fakeServer((req) => {
      if (req.url === 'metadata') return capabilities(true);
      if (req.url.startsWith('ImagingStudy?')) return searchset(...(stored ? [stored] : []));
      calls += 1;
      const sent = (req.json as Bundle).entry?.[1]?.resource as ImagingStudy;
      stored = { ...sent, id: 'saved-1', meta: { versionId: '1' }, endpoint: [{ reference: 'Endpoint/e9' }] };
      throw new TypeError('Failed to fetch');
    });
    const result = await saveStudy(
      fake.session,
      { study: newStudy(URN), newEndpoints: [{ fullUrl: URN, resource: newEndpoint() }] },
      FAST,
    );
    expect(expectKind(result, 'saved').study.id).toBe('saved-1');
    expect(calls).toBe(1);
  });

  it('gives up after the retries with a clear, retryable message', async () => {
    const fake = server(async () => {
      throw await httpError(503, '<html>Service Unavailable</html>', 'text/html');
    });
    const result = await saveStudy(
      fake.session,
      { study: newStudy(), newEndpoints: [] },
      { ...FAST, retry: { ...FAST.retry, retries: 2 } },
    );
    const failed = expectKind(result, 'failed');
    expect(failed.retryable).toBe(true);
    expect(transactions(fake.requests)).toHaveLength(3);
    expect(failed.outcome.issue.map((i) => i.details?.text)).toEqual([
      'The study was not saved: the FHIR server could not be reached or had a problem, 3 times in a row. Your changes are still here; try saving again in a moment.',
      'The FHIR server had a problem (HTTP 503). Try again in a moment.',
    ]);
  });

  it('does not retry a rejected study, and points its issues at the study', async () => {
    const fake = server(async () => {
      throw await httpError(400, operationOutcome('Invalid UID', 'Bundle.entry[1].resource.series[0].uid'));
    });
    const result = await saveStudy(
      fake.session,
      { study: newStudy(URN), newEndpoints: [{ fullUrl: URN, resource: newEndpoint() }] },
      FAST,
    );
    const failed = expectKind(result, 'failed');
    expect(failed.retryable).toBe(false);
    expect(failed.outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        details: { text: 'Invalid UID' },
        expression: ['ImagingStudy.series[0].uid'],
      },
    ]);
    expect(transactions(fake.requests)).toHaveLength(1);
  });

  it('names the missing permission on 403', async () => {
    const fake = fakeServer(
      async (req) => {
        if (req.url === 'metadata') return capabilities(true);
        if (req.url.startsWith('ImagingStudy?')) return searchset();
        throw await httpError(403, operationOutcome('Forbidden', undefined, 'forbidden'));
      },
      { grantedScopes: ['patient/ImagingStudy.rs', 'patient/Provenance.c', 'user/Endpoint.rs'] },
    );
    const result = await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST);
    expect(expectKind(result, 'failed').outcome.issue[0]?.details?.text).toBe(
      'You are not allowed to create imaging studies for this patient (the app needs the patient/ImagingStudy.c permission). Ask your administrator for access.',
    );
  });

  it('asks for a relaunch on 401', async () => {
    const fake = server(async () => {
      throw await httpError(401);
    });
    const failed = expectKind(await saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, FAST), 'failed');
    expect(failed.outcome.issue[0]?.code).toBe('login');
    expect(failed.retryable).toBe(false);
  });

  it('gives up on a server that does not answer in time, and aborts the request', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const fake = server((req) => {
      signal = req.signal;
      return new Promise(() => undefined);
    });
    const saving = saveStudy(fake.session, { study: newStudy(), newEndpoints: [] }, { ...FAST, timeoutMs: 10_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    const failed = expectKind(await saving, 'failed');
    expect(failed.outcome.issue[0]?.code).toBe('timeout');
    expect(failed.retryable).toBe(true);
    expect(signal?.aborted).toBe(true);
  });
});

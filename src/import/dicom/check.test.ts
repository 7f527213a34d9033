import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkEndpoint } from './check';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('checkEndpoint for an ihe-iid (viewer) endpoint', () => {
  it('asks the address with HEAD and reports an answer', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    expect(await checkEndpoint('ihe-iid', 'https://viewer.example.org/iid', undefined)).toEqual({
      status: 'ok',
      message: 'The viewer address answers (HTTP 200).',
    });
    expect(fetch).toHaveBeenCalledWith('https://viewer.example.org/iid', expect.objectContaining({ method: 'HEAD' }));
  });

  it('names a login wall and a missing page', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 401 })),
    );
    expect(await checkEndpoint('ihe-iid', 'https://viewer.example.org/iid', undefined)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('asks for a login (HTTP 401)'),
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 404 })),
    );
    expect(await checkEndpoint('ihe-iid', 'https://viewer.example.org/iid', undefined)).toEqual({
      status: 'failed',
      message: 'The viewer address answered HTTP 404: no page there.',
    });
  });

  it('tells a server that is down from one that only refuses CORS', async () => {
    // The cors-mode HEAD fails either way; the opaque no-cors probe gets through only if a server is there.
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await checkEndpoint('ihe-iid', 'https://viewer.example.org/iid', undefined)).toEqual({
      status: 'ok',
      message: 'The viewer address answers.',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await checkEndpoint('ihe-iid', 'https://viewer.example.org/iid', undefined)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('No answer from https://viewer.example.org'),
    });
  });

  it('does not check other connection types or non-URLs', async () => {
    expect(await checkEndpoint('hl7-fhir-rest', 'https://fhir.example.org', undefined)).toMatchObject({
      status: 'warning',
    });
    expect(await checkEndpoint('ihe-iid', 'not a url', undefined)).toMatchObject({ status: 'failed' });
    expect(await checkEndpoint('dicom-wado-rs', 'dicom://pacs:104', undefined)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('not an http(s) address'),
    });
  });
});

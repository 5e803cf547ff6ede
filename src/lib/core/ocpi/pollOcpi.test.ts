import { describe, expect, it } from 'vitest';
import { pollOcpi, type FetchLike } from './pollOcpi';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

// A fake backend: answers in order and records what it was asked.
function fakeFetch(answers: Answer[]) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, headers: init.headers });
    const a = answers.shift();
    if (!a) throw new Error('no more answers');
    const headers = new Map(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: a.status,
      ok: a.status >= 200 && a.status < 300,
      headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null },
      text: async () => (typeof a.body === 'string' ? a.body : JSON.stringify(a.body))
    };
  };
  return { fetch, calls };
}

const envelope = (data: unknown) => ({ data, status_code: 1000, timestamp: '2023-07-01T08:00:00Z' });
const url = 'https://cpo.example/ocpi/2.2.1/locations';

describe('pollOcpi', () => {
  it('sends the Base64 token and conditional headers, and follows Link pages to the end', async () => {
    const { fetch, calls } = fakeFetch([
      { status: 200, body: envelope([{ id: 'L1' }, { id: 'L2' }]), headers: { 'X-Total-Count': '3', ETag: '"v7"', Link: `<${url}?offset=2&limit=2>; rel="next"` } },
      { status: 200, body: envelope([{ id: 'L3' }]) }
    ]);
    const r = await pollOcpi({ url, token: 'abc-123', fetch, etag: '"v6"', lastModified: 'Sat, 01 Jul 2023 07:00:00 GMT', nowMs: () => 42 });
    expect(r).toEqual({
      kind: 'ok',
      data: [{ id: 'L1' }, { id: 'L2' }, { id: 'L3' }],
      totalCount: 3,
      pages: 2,
      etag: '"v7"',
      serverTimeMs: Date.parse('2023-07-01T08:00:00Z'),
      fetchedAtMs: 42
    });
    expect(calls[0].headers).toMatchObject({ Authorization: `Token ${btoa('abc-123')}`, 'If-None-Match': '"v6"', 'If-Modified-Since': 'Sat, 01 Jul 2023 07:00:00 GMT' });
    expect(calls[1].url).toBe(`${url}?offset=2&limit=2`);
    expect(calls[1].headers['If-None-Match']).toBeUndefined();
  });

  it('reports 304 as not-modified, keeping the known ETag', async () => {
    const { fetch } = fakeFetch([{ status: 304 }]);
    const r = await pollOcpi({ url, token: 't', fetch, etag: '"v6"', tokenEncoding: 'raw', nowMs: () => 1 });
    expect(r).toEqual({ kind: 'not-modified', etag: '"v6"', fetchedAtMs: 1 });
  });

  it('sends the raw token for 2.1.1 backends and wraps a single object', async () => {
    const { fetch, calls } = fakeFetch([{ status: 200, body: envelope({ uid: 'E1', status: 'CHARGING' }) }]);
    const r = await pollOcpi({ url: `${url}/DE/GSL/L1/E1`, token: 'plain', tokenEncoding: 'raw', fetch });
    expect(calls[0].headers.Authorization).toBe('Token plain');
    expect(r.kind === 'ok' && r.data).toEqual([{ uid: 'E1', status: 'CHARGING' }]);
  });

  it('resolves a relative next link against the current URL', async () => {
    const { fetch, calls } = fakeFetch([
      { status: 200, body: envelope([1]), headers: { Link: '</ocpi/2.2.1/locations?offset=1>; rel="next", <https://x/y>; rel="prev"' } },
      { status: 200, body: envelope([2]) }
    ]);
    const r = await pollOcpi({ url, token: 't', fetch });
    expect(calls[1].url).toBe('https://cpo.example/ocpi/2.2.1/locations?offset=1');
    expect(r.kind === 'ok' && r.data).toEqual([1, 2]);
  });

  it('error: an OCPI error status or a non-JSON answer is an error outcome, not an exception', async () => {
    const a = await pollOcpi({ url, token: 't', fetch: fakeFetch([{ status: 200, body: { status_code: 2001, status_message: 'Invalid parameters', timestamp: 'x' } }]).fetch });
    expect(a).toMatchObject({ kind: 'error', httpStatus: 200, ocpiStatusCode: 2001, message: 'HTTP 200, OCPI 2001: Invalid parameters' });
    const b = await pollOcpi({ url, token: 't', fetch: fakeFetch([{ status: 502, body: '<html>bad gateway</html>' }]).fetch });
    expect(b).toMatchObject({ kind: 'error', httpStatus: 502, message: 'HTTP 502: the answer is not JSON' });
    const c = await pollOcpi({ url, token: 't', fetch: fakeFetch([{ status: 401, body: { status_code: 2000, timestamp: 'x' } }]).fetch });
    expect(c).toMatchObject({ kind: 'error', httpStatus: 401, ocpiStatusCode: 2000 });
  });

  it('error: a network failure is an offline outcome so the app can keep the last state', async () => {
    const r = await pollOcpi({ url, token: 't', fetch: fakeFetch([]).fetch, nowMs: () => 7 });
    expect(r).toEqual({ kind: 'offline', message: expect.stringContaining('could not reach'), fetchedAtMs: 7 });
  });

  it('error: stops a Link chain that never ends', async () => {
    const loop = Array.from({ length: 5 }, () => ({ status: 200, body: envelope([0]), headers: { Link: `<${url}>; rel="next"` } }));
    const r = await pollOcpi({ url, token: 't', fetch: fakeFetch(loop).fetch, maxPages: 3 });
    expect(r).toMatchObject({ kind: 'error', message: 'stopped after 3 pages (the Link header kept going)' });
  });

  it.each([
    ['another host', 'https://evil.example/steal?offset=2'],
    ['a look-alike subdomain', 'https://cpo.example.evil.example/ocpi/2.2.1/locations?offset=2'],
    ['another port', 'https://cpo.example:8443/ocpi/2.2.1/locations?offset=2'],
    ['plain http on the same host', 'http://cpo.example/ocpi/2.2.1/locations?offset=2'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['credentials in the URL', 'https://u:p@cpo.example/ocpi/2.2.1/locations?offset=2']
  ])('error: a next-page Link to %s is not followed and the token is sent nowhere but the configured origin', async (_what, target) => {
    const { fetch, calls } = fakeFetch([
      { status: 200, body: envelope([{ id: 'L1' }]), headers: { Link: `<${target}>; rel="next"` } },
      { status: 200, body: envelope([{ id: 'L2' }]) }
    ]);
    const r = await pollOcpi({ url, token: 'secret', fetch });
    expect(r).toMatchObject({ kind: 'error', message: expect.stringContaining('was not followed') });
    expect(calls.map((c) => c.url)).toEqual([url]);
    expect(calls.every((c) => new URL(c.url).origin === 'https://cpo.example')).toBe(true);
  });

  it('follows a relative next-page Link on the same origin, and plain http only on localhost', async () => {
    const local = 'http://localhost:8080/ocpi/2.2.1/locations';
    const { fetch, calls } = fakeFetch([
      { status: 200, body: envelope([1]), headers: { Link: '</ocpi/2.2.1/locations?offset=1>; rel="next"' } },
      { status: 200, body: envelope([2]) }
    ]);
    const r = await pollOcpi({ url: local, token: 't', fetch });
    expect(r.kind === 'ok' && r.data).toEqual([1, 2]);
    expect(calls.map((c) => c.url)).toEqual([local, 'http://localhost:8080/ocpi/2.2.1/locations?offset=1']);
    expect(calls.every((c) => c.headers.Authorization === `Token ${btoa('t')}`)).toBe(true);
  });

  it('error: a configured endpoint over plain http (not localhost) is not polled at all', async () => {
    const { fetch, calls } = fakeFetch([{ status: 200, body: envelope([]) }]);
    const r = await pollOcpi({ url: 'http://cpo.example/ocpi/2.2.1/locations', token: 't', fetch });
    expect(r).toMatchObject({ kind: 'error', message: expect.stringContaining('https://') });
    expect(calls).toEqual([]);
  });
});

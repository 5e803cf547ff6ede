import { ocpiEndpointProblem } from './ocpiEndpointProblem';

/** The subset of `fetch` pollOcpi needs (the browser's, Node's, or a test fake). */
export type FetchLike = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; signal?: AbortSignal }
) => Promise<{
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** Parameters of pollOcpi. */
export type PollOcpiParams = {
  /** Module endpoint, e.g. `https://cpo.example/ocpi/2.2.1/locations`. */
  url: string;
  /** The credentials token the backend gave us. */
  token: string;
  fetch: FetchLike;
  /** ETag of the last good answer: sent as If-None-Match. */
  etag?: string;
  /** Last-Modified of the last good answer: sent as If-Modified-Since. */
  lastModified?: string;
  /** OCPI 2.2.1 sends the token Base64-encoded; 2.1.1 backends want it as is. */
  tokenEncoding?: 'base64' | 'raw';
  /** Stop after this many pages (guards against a backend whose Link never ends). */
  maxPages?: number;
  signal?: AbortSignal;
  /** Clock, for the `fetchedAtMs` stamp. */
  nowMs?: () => number;
};

/** What one poll ended with. Network trouble is an outcome, not an exception: offline keeps the last state. */
export type PollOcpiResult =
  | {
      kind: 'ok';
      /** Objects of every page, in order. */
      data: unknown[];
      /** X-Total-Count of the first page, when sent. */
      totalCount?: number;
      pages: number;
      etag?: string;
      lastModified?: string;
      /** The envelope `timestamp` of the last page, epoch ms. */
      serverTimeMs?: number;
      fetchedAtMs: number;
    }
  | { kind: 'not-modified'; etag?: string; lastModified?: string; fetchedAtMs: number }
  | { kind: 'error'; httpStatus?: number; ocpiStatusCode?: number; message: string; fetchedAtMs: number }
  | { kind: 'offline'; message: string; fetchedAtMs: number };

/**
 * Polls an OCPI module endpoint with the given fetch (works in the browser, a worker and Node):
 * `Authorization: Token …`, conditional headers, 304 handling, the OCPI response envelope
 * (`data`, `status_code`, `timestamp`) and pagination through `Link: <…>; rel="next"`. The token is
 * only ever sent to `url`'s origin over https (http for localhost): a Link elsewhere ends the poll
 * with an error before any request is made to it.
 * @example const r = await pollOcpi({ url, token, fetch: globalThis.fetch, etag: last.etag })
 */
export async function pollOcpi({
  url,
  token,
  fetch,
  etag,
  lastModified,
  tokenEncoding = 'base64',
  maxPages = 1000,
  signal,
  nowMs = () => Date.now()
}: PollOcpiParams): Promise<PollOcpiResult> {
  const auth = `Token ${tokenEncoding === 'base64' ? base64Utf8(token) : token}`;
  const data: unknown[] = [];
  let next: string | null = url;
  let pages = 0;
  let totalCount: number | undefined;
  let firstEtag: string | undefined;
  let firstLastModified: string | undefined;
  let serverTimeMs: number | undefined;
  const startProblem = ocpiEndpointProblem({ url });
  if (startProblem) return { kind: 'error', message: `not polled: ${startProblem}`, fetchedAtMs: nowMs() };
  const origin = new URL(url).origin;

  while (next !== null) {
    const linkProblem = pages > 0 ? ocpiEndpointProblem({ url: next, origin }) : null;
    if (linkProblem) return { kind: 'error', message: `the backend's next-page Link (${next}) was not followed: ${linkProblem}`, fetchedAtMs: nowMs() };
    if (pages >= maxPages) {
      return { kind: 'error', message: `stopped after ${maxPages} pages (the Link header kept going)`, fetchedAtMs: nowMs() };
    }
    const headers: Record<string, string> = { Authorization: auth, Accept: 'application/json' };
    // Conditional headers only make sense for the first page: they describe the whole list.
    if (pages === 0 && etag) headers['If-None-Match'] = etag;
    if (pages === 0 && lastModified) headers['If-Modified-Since'] = lastModified;
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await fetch(next, { method: 'GET', headers, signal });
    } catch (cause) {
      return { kind: 'offline', message: `could not reach ${next}: ${(cause as Error)?.message ?? String(cause)}`, fetchedAtMs: nowMs() };
    }
    if (pages === 0 && res.status === 304) {
      const out: PollOcpiResult = { kind: 'not-modified', fetchedAtMs: nowMs() };
      const et = res.headers.get('ETag') ?? etag;
      const lm = res.headers.get('Last-Modified') ?? lastModified;
      if (et) out.etag = et;
      if (lm) out.lastModified = lm;
      return out;
    }
    let body: unknown;
    try {
      body = JSON.parse(await res.text());
    } catch {
      return { kind: 'error', httpStatus: res.status, message: `HTTP ${res.status}: the answer is not JSON`, fetchedAtMs: nowMs() };
    }
    const env = body as { data?: unknown; status_code?: unknown; status_message?: unknown; timestamp?: unknown };
    const code = typeof env?.status_code === 'number' ? env.status_code : undefined;
    if (!res.ok || code === undefined || code < 1000 || code >= 2000) {
      const out: PollOcpiResult = {
        kind: 'error',
        httpStatus: res.status,
        message:
          code === undefined
            ? `HTTP ${res.status}: not an OCPI response (no status_code)`
            : `HTTP ${res.status}, OCPI ${code}${typeof env.status_message === 'string' ? `: ${env.status_message}` : ''}`,
        fetchedAtMs: nowMs()
      };
      if (code !== undefined) out.ocpiStatusCode = code;
      return out;
    }
    if (Array.isArray(env.data)) data.push(...env.data);
    else if (env.data !== undefined && env.data !== null) data.push(env.data);
    if (typeof env.timestamp === 'string' && !Number.isNaN(Date.parse(env.timestamp))) serverTimeMs = Date.parse(env.timestamp);
    if (pages === 0) {
      const total = Number(res.headers.get('X-Total-Count'));
      if (res.headers.get('X-Total-Count') !== null && Number.isFinite(total)) totalCount = total;
      firstEtag = res.headers.get('ETag') ?? undefined;
      firstLastModified = res.headers.get('Last-Modified') ?? undefined;
    }
    pages += 1;
    next = nextLink(res.headers.get('Link'), next);
  }
  const out: PollOcpiResult = { kind: 'ok', data, pages, fetchedAtMs: nowMs() };
  if (totalCount !== undefined) out.totalCount = totalCount;
  if (firstEtag) out.etag = firstEtag;
  if (firstLastModified) out.lastModified = firstLastModified;
  if (serverTimeMs !== undefined) out.serverTimeMs = serverTimeMs;
  return out;
}

// RFC 8288 Link header: `<url>; rel="next"`, possibly among other links; relative URLs resolve against the current one.
function nextLink(header: string | null, current: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!m || !/\brel\s*=\s*"?next"?/i.test(m[2])) continue;
    try {
      return new URL(m[1], current).toString();
    } catch {
      // An unparsable target is returned as is: the origin check refuses it with its text.
      return m[1];
    }
  }
  return null;
}

function base64Utf8(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

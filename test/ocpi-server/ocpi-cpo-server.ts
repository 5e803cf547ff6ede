import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CpoStore, OcpiObject } from './cpo-store';

/** Parameters of {@link createOcpiCpoServer}. */
export type CreateOcpiCpoServerParameters = {
  store: CpoStore;
  /** The credentials token clients must send (`Authorization: Token <base64(token)>`, or raw as 2.1.1 did). */
  token: string;
  /** Objects per page (OCPI pagination via Link / X-Total-Count / X-Limit). */
  pageSize?: number;
};

const MODULES = ['locations', 'sessions', 'cdrs', 'tariffs'] as const;
type Module = (typeof MODULES)[number];
const BASE = '/ocpi/cpo/2.2.1';

/**
 * A small OCPI 2.2.1 CPO (Sender interfaces of Locations, Sessions, CDRs, Tariffs) for development
 * and the e2e tests: token auth, `date_from`/`date_to`, `offset`/`limit` pagination with `Link`,
 * ETag / If-None-Match, CORS for a browser app on another port, Session PATCH (Receiver style), and
 * `/admin/*` routes that drive generated traffic (start, advance the clock, stop → CDR).
 */
export function createOcpiCpoServer({ store, token, pageSize = 2 }: CreateOcpiCpoServerParameters): Server {
  const expected = new Set([`Token ${Buffer.from(token, 'utf8').toString('base64')}`, `Token ${token}`]);
  return createServer((req, res) => {
    void handle(req, res).catch((e) => envelope(res, 500, 3000, `server error: ${(e as Error).message}`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (url.pathname === '/health') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    if (!expected.has(req.headers.authorization ?? '')) return envelope(res, 401, 2001, 'unknown or missing credentials token');
    const parts = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/ocpi/versions') return envelope(res, 200, 1000, undefined, [{ version: '2.2.1', url: `${origin(req)}/ocpi/2.2.1` }]);
    if (url.pathname === '/ocpi/2.2.1') {
      return envelope(res, 200, 1000, undefined, {
        version: '2.2.1',
        endpoints: MODULES.map((m) => ({ identifier: m, role: 'SENDER', url: `${origin(req)}${BASE}/${m}` }))
      });
    }
    if (parts[0] === 'admin') return admin(req, res, parts[1] ?? '');
    if (url.pathname.startsWith(`${BASE}/`)) {
      const module = parts[3] as Module;
      if (!MODULES.includes(module)) return envelope(res, 404, 2003, `no module ${module}`);
      if (req.method === 'PATCH' && module === 'sessions' && parts.length === 7) {
        const body = await readJson(req);
        if (!body || typeof body !== 'object') return envelope(res, 400, 2001, 'expected a JSON object');
        const r = store.patchSession({ countryCode: parts[4], partyId: parts[5], id: parts[6], patch: body as Record<string, unknown> });
        if (r === 'unknown') return envelope(res, 404, 2003, 'unknown session');
        if (r === 'bad') return envelope(res, 400, 2001, 'a PATCH needs last_updated');
        return envelope(res, 200, 1000);
      }
      if (req.method !== 'GET') return envelope(res, 405, 2000, `method ${req.method} not supported`);
      return list(req, res, url, module);
    }
    return envelope(res, 404, 2000, 'not found');
  }

  function list(req: IncomingMessage, res: ServerResponse, url: URL, module: Module): void {
    const from = url.searchParams.get('date_from');
    const to = url.searchParams.get('date_to');
    const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
    const limit = Math.min(pageSize, Math.max(1, Number(url.searchParams.get('limit') ?? pageSize) || pageSize));
    const all = store
      .list(module)
      .filter((o) => (!from || Date.parse(o.last_updated) >= Date.parse(from)) && (!to || Date.parse(o.last_updated) < Date.parse(to)))
      .sort((a, b) => Date.parse(a.last_updated) - Date.parse(b.last_updated));
    const etag = `"${createHash('sha1').update(JSON.stringify(all)).digest('hex')}"`;
    if (offset === 0 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    const page = all.slice(offset, offset + limit);
    const headers: Record<string, string> = { 'X-Total-Count': String(all.length), 'X-Limit': String(limit) };
    if (offset === 0) headers.ETag = etag;
    if (offset + limit < all.length) {
      const next = new URL(url);
      next.searchParams.set('offset', String(offset + limit));
      next.searchParams.set('limit', String(limit));
      headers.Link = `<${origin(req)}${next.pathname}${next.search}>; rel="next"`;
    }
    envelope(res, 200, 1000, undefined, page, headers);
  }

  async function admin(req: IncomingMessage, res: ServerResponse, action: string): Promise<void> {
    if (req.method !== 'POST') return envelope(res, 405, 2000, 'admin routes are POST');
    const body = ((await readJson(req)) ?? {}) as Record<string, unknown>;
    switch (action) {
      case 'start': {
        if (typeof body.id !== 'string' || !body.id) return envelope(res, 400, 2001, 'expected id');
        const s = store.startSession({
          id: body.id,
          locationId: typeof body.location_id === 'string' ? body.location_id : undefined,
          evseUid: typeof body.evse_uid === 'string' ? body.evse_uid : undefined,
          kw: typeof body.kw === 'number' ? body.kw : undefined,
          authorizationReference: typeof body.authorization_reference === 'string' ? body.authorization_reference : undefined,
          startMs: typeof body.start_date_time === 'string' ? Date.parse(body.start_date_time) : undefined
        });
        return envelope(res, 200, 1000, undefined, s);
      }
      case 'reset':
        store.reset(typeof body.now === 'string' && !Number.isNaN(Date.parse(body.now)) ? Date.parse(body.now) : store.nowMs());
        return envelope(res, 200, 1000);
      case 'advance':
        store.advance(typeof body.minutes === 'number' && body.minutes > 0 ? body.minutes : 15);
        return envelope(res, 200, 1000, undefined, { now: new Date(store.nowMs()).toISOString() });
      case 'power':
        return store.setPower(String(body.id), Number(body.kw)) ? envelope(res, 200, 1000) : envelope(res, 404, 2003, 'unknown session');
      case 'stop': {
        const cdr = store.stopSession(String(body.id));
        return cdr ? envelope(res, 200, 1000, undefined, cdr) : envelope(res, 404, 2003, 'unknown session');
      }
      default:
        return envelope(res, 404, 2000, `no admin action ${action}`);
    }
  }

  function envelope(res: ServerResponse, http: number, code: number, message?: string, data?: unknown, headers: Record<string, string> = {}): void {
    const body: Record<string, unknown> = { status_code: code, timestamp: new Date(store.nowMs()).toISOString() };
    if (data !== undefined) body.data = data;
    if (message) body.status_message = message;
    res.writeHead(http, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
  }
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, PATCH, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Accept, Content-Type, If-None-Match, If-Modified-Since');
  res.setHeader('Access-Control-Expose-Headers', 'Link, X-Total-Count, X-Limit, ETag, Last-Modified');
}

function origin(req: IncomingMessage): string {
  return `http://${req.headers.host ?? 'localhost'}`;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 1_000_000) return undefined;
  }
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Re-exported for main.ts. */
export type { OcpiObject };

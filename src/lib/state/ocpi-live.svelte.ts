import type { ValidationIssue } from '$lib/core/errors';
import { pollOcpi, type FetchLike } from '$lib/core/ocpi/pollOcpi';
import { getDb } from '$lib/data/db';
import { reconcileCdrReceipts } from '$lib/data/commit-live-ocpi';
import { ingestLiveOcpi } from '$lib/data/ingest-live-ocpi';
import { pwa } from './pwa.svelte';
import { OcpiPoller } from './ocpi-poller.svelte';
import { livePollUrl, OCPI_LIVE_KEY, validateOcpiLiveConfig, type OcpiLiveConfig, type OcpiLiveMemory } from '$lib/data/ocpi-live-config';

const DEFAULT_CONFIG: OcpiLiveConfig = { sessionsUrl: '', cdrsUrl: '', token: '', intervalS: 30, tokenEncoding: 'base64', enabled: false };

/**
 * Live sessions and CDRs by polling the backend's OCPI Sessions and CDRs modules (pollOcpi: token,
 * ETag, Link pages), sessions first so a CDR finds its session. Each poll asks for what changed since
 * the backend's last answer (`date_from`, with a margin), so a time offline loses nothing: the next
 * poll fetches every update made meanwhile. Offline or an error keeps the stored state (the loop,
 * storage and cross-tab rules are OcpiPoller's).
 */
class OcpiLiveState extends OcpiPoller<OcpiLiveConfig, OcpiLiveMemory> {
  constructor() {
    super({ key: OCPI_LIVE_KEY, defaults: DEFAULT_CONFIG });
  }

  protected validate(config: OcpiLiveConfig): ValidationIssue[] {
    return validateOcpiLiveConfig({ config });
  }

  protected hasEndpoint(config: OcpiLiveConfig): boolean {
    return Boolean(config.sessionsUrl);
  }

  protected sameEndpoint(a: OcpiLiveConfig, b: OcpiLiveConfig): boolean {
    return a.sessionsUrl === b.sessionsUrl && a.cdrsUrl === b.cdrsUrl && a.token === b.token;
  }

  protected async pollOnline({ fetchFn, at }: { fetchFn: FetchLike; at: number }): Promise<void> {
    const changes: string[] = [];
    let outcome: OcpiLiveMemory['lastOutcome'] = 'not-modified';
    const memory: OcpiLiveMemory = { ...this.memory, lastAttemptMs: at };
    for (const module of ['sessions', 'cdrs'] as const) {
      const endpoint = module === 'sessions' ? this.config.sessionsUrl : this.config.cdrsUrl;
      const mem = memory[module] ?? {};
      const url = livePollUrl({ url: endpoint, serverTimeMs: mem.serverTimeMs });
      const r = await pollOcpi({ url, token: this.config.token, tokenEncoding: this.config.tokenEncoding, fetch: fetchFn, etag: mem.url === url ? mem.etag : undefined });
      if (r.kind === 'offline') void pwa.requestFailed();
      else pwa.requestSucceeded();
      if (r.kind === 'offline' || r.kind === 'error') {
        this.memory = { ...memory, lastOutcome: r.kind, lastMessage: `${module}: ${r.message}` };
        return;
      }
      if (r.kind === 'not-modified') continue;
      try {
        const res = await ingestLiveOcpi({ db: getDb(), json: r.data, file: `${module} poll`, kind: module === 'sessions' ? 'session' : 'cdr', mode: 'partial', backend: new URL(endpoint).origin, receivedMs: r.fetchedAtMs });
        changes.push(
          `${res.sessionsWritten + res.cdrsWritten} ${module} updated` +
            (res.receiptsIssued.length ? `, receipt issued for ${res.receiptsIssued.join(', ')}` : '') +
            (res.leftOut ? `, ${res.leftOut} invalid object(s) skipped` : '') +
            (res.issues.length ? `; ${res.issues.map((i) => `${i.file} ${i.where}: ${i.message}`).join('; ')}` : '')
        );
      } catch (e) {
        this.memory = { ...memory, lastOutcome: 'error', lastMessage: `${module}: ${this.applyFailureMessage(e)}` };
        return;
      }
      memory[module] = { url, etag: r.etag, serverTimeMs: r.serverTimeMs ?? mem.serverTimeMs };
      outcome = 'ok';
    }
    const rec = await reconcileCdrReceipts({ db: getDb() });
    if (rec.receiptsIssued.length) changes.push(`receipt re-issued from the CDR for ${rec.receiptsIssued.join(', ')}`);
    this.memory = { ...memory, lastOutcome: outcome, lastSuccessMs: Date.now(), lastMessage: undefined };
    this.lastChange = changes.length ? changes.join('; ') : 'nothing changed since the last poll';
  }
}

/** The app's live sessions/CDRs poller. */
export const ocpiLive = new OcpiLiveState();

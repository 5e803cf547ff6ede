import { ValidationError } from '$lib/core/errors';
import { pollOcpi, type FetchLike } from '$lib/core/ocpi/pollOcpi';
import { getDb } from '$lib/data/db';
import { reconcileCdrReceipts } from '$lib/data/commit-live-ocpi';
import { ingestLiveOcpi } from '$lib/data/ingest-live-ocpi';
import { pwa } from './pwa.svelte';
import { livePollUrl, OCPI_LIVE_KEY, validateOcpiLiveConfig, type OcpiLiveConfig, type OcpiLiveMemory, type OcpiLiveSetting } from '$lib/data/ocpi-live-config';

const DEFAULT_CONFIG: OcpiLiveConfig = { sessionsUrl: '', cdrsUrl: '', token: '', intervalS: 30, tokenEncoding: 'base64', enabled: false };

/**
 * Live sessions and CDRs by polling the backend's OCPI Sessions and CDRs modules (pollOcpi: token,
 * ETag, Link pages), sessions first so a CDR finds its session. Each poll asks for what changed since
 * the backend's last answer (`date_from`, with a margin), so a time offline loses nothing: the next
 * poll fetches every update made meanwhile. Offline or an error keeps the stored state.
 */
class OcpiLiveState {
  config = $state<OcpiLiveConfig>({ ...DEFAULT_CONFIG });
  memory = $state<OcpiLiveMemory>({});
  polling = $state(false);
  nowMs = $state(Date.now());
  lastChange = $state('');
  #timer: ReturnType<typeof setInterval> | null = null;
  #loaded: Promise<void> | null = null;

  /** Reads the stored config; starts polling if it was on. */
  load(): Promise<void> {
    this.#loaded ??= (async () => {
      await this.#adoptStored();
      if (this.config.enabled) this.#schedule();
    })();
    return this.#loaded;
  }

  /** Validates and stores a config; returns the problems (none = saved). */
  async configure(config: OcpiLiveConfig): Promise<ReturnType<typeof validateOcpiLiveConfig>> {
    const issues = validateOcpiLiveConfig({ config });
    if (issues.length) return issues;
    const same = config.sessionsUrl === this.config.sessionsUrl && config.cdrsUrl === this.config.cdrsUrl && config.token === this.config.token;
    this.config = { ...config };
    if (!same) this.memory = { lastSuccessMs: this.memory.lastSuccessMs };
    await this.#save();
    this.#stop();
    if (config.enabled) {
      this.#schedule();
      void this.pollNow();
    }
    return [];
  }

  /** One poll of both modules now. */
  async pollNow(fetchFn: FetchLike = (url, init) => fetch(url, init)): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const at = Date.now();
    try {
      await this.#adoptStored();
      if (!this.config.sessionsUrl) return;
      // The app's one notion of offline (pwa.online), as the status poller uses.
      if (!pwa.online || (typeof navigator !== 'undefined' && navigator.onLine === false)) {
        this.memory = { ...this.memory, lastAttemptMs: at, lastOutcome: 'offline', lastMessage: 'the browser is offline' };
        return;
      }
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
          this.memory = { ...memory, lastOutcome: 'error', lastMessage: `${module}: the answer could not be applied: ${e instanceof ValidationError ? e.issues.map((i) => `${i.where}: ${i.message}`).join('; ') : (e as Error).message}` };
          return;
        }
        memory[module] = { url, etag: r.etag, serverTimeMs: r.serverTimeMs ?? mem.serverTimeMs };
        outcome = 'ok';
      }
      const rec = await reconcileCdrReceipts({ db: getDb() });
      if (rec.receiptsIssued.length) changes.push(`receipt re-issued from the CDR for ${rec.receiptsIssued.join(', ')}`);
      this.memory = { ...memory, lastOutcome: outcome, lastSuccessMs: Date.now(), lastMessage: undefined };
      this.lastChange = changes.length ? changes.join('; ') : 'nothing changed since the last poll';
    } finally {
      this.polling = false;
      this.nowMs = Date.now();
      if (this.config.sessionsUrl) await this.#saveMemory();
    }
  }

  /** Stops polling (keeps the config). */
  async stop(): Promise<void> {
    this.config = { ...this.config, enabled: false };
    this.#stop();
    await this.#save();
  }

  /** Keeps `nowMs` moving while a page shows the age (returns the cleanup). */
  tick(): () => void {
    const id = setInterval(() => (this.nowMs = Date.now()), 5_000);
    return () => clearInterval(id);
  }

  #schedule(): void {
    this.#stop();
    this.#timer = setInterval(() => void this.#timedPoll(), this.config.intervalS * 1000);
  }

  async #timedPoll(): Promise<void> {
    await this.#adoptStored();
    if (!this.config.enabled) return this.#stop();
    await this.pollNow();
  }

  async #adoptStored(): Promise<void> {
    const row = (await getDb().settings.get(OCPI_LIVE_KEY))?.value as OcpiLiveSetting | undefined;
    if (!row) return;
    this.config = { ...DEFAULT_CONFIG, ...row.config };
    this.memory = row.memory ?? {};
  }

  async #saveMemory(): Promise<void> {
    const db = getDb();
    const memory = $state.snapshot(this.memory);
    await db.transaction('rw', db.settings, async () => {
      const stored = (await db.settings.get(OCPI_LIVE_KEY))?.value as OcpiLiveSetting | undefined;
      await db.settings.put({ key: OCPI_LIVE_KEY, value: { config: stored?.config ?? $state.snapshot(this.config), memory } });
    });
  }

  #stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #save(): Promise<void> {
    const value: OcpiLiveSetting = { config: $state.snapshot(this.config), memory: $state.snapshot(this.memory) };
    await getDb().settings.put({ key: OCPI_LIVE_KEY, value });
  }
}

/** The app's live sessions/CDRs poller. */
export const ocpiLive = new OcpiLiveState();

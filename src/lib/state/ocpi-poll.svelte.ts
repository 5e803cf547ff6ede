import { ValidationError } from '$lib/core/errors';
import { pollOcpi, type FetchLike } from '$lib/core/ocpi/pollOcpi';
import { parseOcpiLocations } from '$lib/core/ocpi/parseOcpiLocations';
import { getDb } from '$lib/data/db';
import { commitPolledLocations } from '$lib/data/commit-polled-locations';
import { pwa } from './pwa.svelte';
import { OCPI_POLL_KEY, validateOcpiPollConfig, type OcpiPollConfig, type OcpiPollMemory, type OcpiPollSetting } from '$lib/data/ocpi-poll-config';

const DEFAULT_CONFIG: OcpiPollConfig = { url: '', token: '', intervalS: 60, tokenEncoding: 'base64', enabled: false };

/**
 * Live EVSE status by polling the backend's OCPI Locations module with the browser's fetch. The
 * config and what the last poll left (ETag, Last-Modified, when the state was last confirmed) are
 * stored in Dexie, so a reload keeps the conditional requests and the age of the known state;
 * every poll reads the stored config first, so a change or a Stop in another tab is followed.
 * Offline (the app's network verdict, or the fetch fails) the stored statuses stay as they are; a
 * failed fetch asks the app to check whether the device is offline, an answer tells it it is online.
 */
class OcpiPollState {
  config = $state<OcpiPollConfig>({ ...DEFAULT_CONFIG });
  memory = $state<OcpiPollMemory>({});
  polling = $state(false);
  /** Wall clock, ticking while a page shows the age. */
  nowMs = $state(Date.now());
  /** What the last poll changed, for the status line. */
  lastChange = $state('');
  #timer: ReturnType<typeof setInterval> | null = null;
  #timerIntervalS = 0;
  #loaded: Promise<void> | null = null;

  /** Reads the stored config; starts polling if it was on. */
  load(): Promise<void> {
    this.#loaded ??= (async () => {
      await this.#adoptStored();
      if (this.config.enabled) this.#schedule();
    })();
    return this.#loaded;
  }

  /** Validates and stores a new config; starts or stops polling to match `enabled`. Returns the problems (none = saved). */
  async configure(config: OcpiPollConfig): Promise<ReturnType<typeof validateOcpiPollConfig>> {
    const issues = validateOcpiPollConfig({ config });
    if (issues.length) return issues;
    const sameEndpoint = config.url === this.config.url && config.token === this.config.token;
    this.config = { ...config };
    // A new endpoint's validators mean nothing for the old one.
    if (!sameEndpoint) this.memory = { lastSuccessMs: this.memory.lastSuccessMs };
    await this.#save();
    this.#stop();
    if (config.enabled) {
      this.#schedule();
      void this.pollNow();
    }
    return [];
  }

  /** One poll now (also what the timer runs). */
  async pollNow(fetchFn: FetchLike = (url, init) => fetch(url, init)): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const at = Date.now();
    try {
      // Another tab may have changed the endpoint or token: the stored setting is the truth.
      await this.#adoptStored();
      if (!this.config.url) return;
      if (!pwa.online || (typeof navigator !== 'undefined' && navigator.onLine === false)) {
        this.memory = { ...this.memory, lastAttemptMs: at, lastOutcome: 'offline', lastMessage: 'the browser is offline' };
        return;
      }
      const r = await pollOcpi({
        url: this.config.url,
        token: this.config.token,
        tokenEncoding: this.config.tokenEncoding,
        fetch: fetchFn,
        etag: this.memory.etag,
        lastModified: this.memory.lastModified
      });
      if (r.kind === 'offline') void pwa.requestFailed();
      else pwa.requestSucceeded();
      const base = { ...this.memory, lastAttemptMs: r.fetchedAtMs, lastOutcome: r.kind };
      if (r.kind === 'ok') {
        let parsed: ReturnType<typeof parseOcpiLocations>;
        let result: Awaited<ReturnType<typeof commitPolledLocations>>;
        try {
          parsed = parseOcpiLocations({ input: r.data, file: 'poll', mode: 'partial' });
          result = await commitPolledLocations({ db: getDb(), locations: parsed.locations });
        } catch (e) {
          // An answer that cannot be read or stored is a failed poll: say so, and keep the validators
          // and the last success as they were (the next poll fetches the list again in full).
          this.memory = { ...base, lastOutcome: 'error', lastMessage: `the answer could not be applied: ${e instanceof ValidationError ? e.issues.map((i) => `${i.where}: ${i.message}`).join('; ') : e instanceof Error ? e.message : String(e)}` };
          return;
        }
        this.memory = { ...base, etag: r.etag, lastModified: r.lastModified, lastSuccessMs: r.fetchedAtMs, lastMessage: undefined };
        this.lastChange =
          `${parsed.locations.length} location(s), ${result.changed} status change(s)` +
          (result.unknownLocations.length ? `; not imported here: ${result.unknownLocations.join(', ')}` : '') +
          (parsed.leftOut.length ? `; ${parsed.leftOut.length} invalid object(s) skipped` : '');
      } else if (r.kind === 'not-modified') {
        this.memory = { ...base, lastSuccessMs: r.fetchedAtMs, lastMessage: undefined };
        this.lastChange = 'not modified since the last poll';
      } else {
        this.memory = { ...base, lastMessage: r.message };
      }
    } finally {
      this.polling = false;
      this.nowMs = Date.now();
      if (this.config.url) await this.#saveMemory();
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
    this.#timerIntervalS = this.config.intervalS;
    this.#timer = setInterval(() => void this.#timedPoll(), this.config.intervalS * 1000);
  }

  // A timer tick: a tab whose polling was stopped or re-timed in another tab follows the stored setting.
  async #timedPoll(): Promise<void> {
    await this.#adoptStored();
    if (!this.config.enabled) return this.#stop();
    if (this.config.intervalS !== this.#timerIntervalS) this.#schedule();
    await this.pollNow();
  }

  async #adoptStored(): Promise<void> {
    const row = (await getDb().settings.get(OCPI_POLL_KEY))?.value as OcpiPollSetting | undefined;
    if (!row) return;
    this.config = { ...DEFAULT_CONFIG, ...row.config };
    this.memory = row.memory ?? {};
  }

  // After a poll only the memory is ours to write: the config stays as stored (another tab may have changed it meanwhile).
  async #saveMemory(): Promise<void> {
    const db = getDb();
    const memory = $state.snapshot(this.memory);
    await db.transaction('rw', db.settings, async () => {
      const stored = (await db.settings.get(OCPI_POLL_KEY))?.value as OcpiPollSetting | undefined;
      await db.settings.put({ key: OCPI_POLL_KEY, value: { config: stored?.config ?? $state.snapshot(this.config), memory } });
    });
  }

  #stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #save(): Promise<void> {
    const value: OcpiPollSetting = { config: $state.snapshot(this.config), memory: $state.snapshot(this.memory) };
    await getDb().settings.put({ key: OCPI_POLL_KEY, value });
  }
}

/** The app's OCPI status poller. */
export const ocpiPoll = new OcpiPollState();

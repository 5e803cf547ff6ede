import { ValidationError, type ValidationIssue } from '$lib/core/errors';
import type { FetchLike } from '$lib/core/ocpi/pollOcpi';
import { getDb } from '$lib/data/db';
import type { OcpiPollerMemory } from '$lib/data/ocpi-endpoint-settings';
import { pwa } from './pwa.svelte';

/**
 * The loop every OCPI poller shares: config and memory stored in Dexie settings under one key, a
 * timer at the configured interval, one poll at a time, offline skipped. Every poll and timer tick
 * reads the stored setting first, so a change, a re-timing or a Stop in another tab is followed;
 * after a poll only the memory is written back. Subclasses say what one poll fetches and stores.
 */
export abstract class OcpiPoller<C extends { intervalS: number; enabled: boolean }, M extends OcpiPollerMemory> {
  config = $state<C>({} as C);
  memory = $state<M>({} as M);
  polling = $state(false);
  /** Wall clock, ticking while a page shows the age. */
  nowMs = $state(Date.now());
  /** What the last poll changed, for the status line. */
  lastChange = $state('');
  #timer: ReturnType<typeof setInterval> | null = null;
  #timerIntervalS = 0;
  #loaded: Promise<void> | null = null;
  readonly #key: string;
  readonly #defaults: C;

  /** `key` names the settings row; `defaults` fill what a stored row lacks. */
  constructor({ key, defaults }: { key: string; defaults: C }) {
    this.#key = key;
    this.#defaults = defaults;
    this.config = { ...defaults };
  }

  /** The config's problems (empty = valid). */
  protected abstract validate(config: C): ValidationIssue[];
  /** Whether the config names an endpoint to poll. */
  protected abstract hasEndpoint(config: C): boolean;
  /** Whether two configs poll the same endpoint(s) with the same token (else the validators are dropped). */
  protected abstract sameEndpoint(a: C, b: C): boolean;
  /** One poll while online: fetches, stores, and sets `memory` and `lastChange`. */
  protected abstract pollOnline({ fetchFn, at }: { fetchFn: FetchLike; at: number }): Promise<void>;

  /** Reads the stored config; starts polling if it was on. */
  load(): Promise<void> {
    this.#loaded ??= (async () => {
      await this.#adoptStored();
      if (this.config.enabled) this.#schedule();
    })();
    return this.#loaded;
  }

  /** Validates and stores a config; starts or stops polling to match `enabled`. Returns the problems (none = saved). */
  async configure(config: C): Promise<ValidationIssue[]> {
    const issues = this.validate(config);
    if (issues.length) return issues;
    const same = this.sameEndpoint(config, this.config);
    this.config = { ...config };
    // A new endpoint's validators mean nothing for the old one.
    if (!same) this.memory = { lastSuccessMs: this.memory.lastSuccessMs } as M;
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
      if (!this.hasEndpoint(this.config)) return;
      // The app's one notion of offline (pwa.online).
      if (!pwa.online || (typeof navigator !== 'undefined' && navigator.onLine === false)) {
        this.memory = { ...this.memory, lastAttemptMs: at, lastOutcome: 'offline', lastMessage: 'the browser is offline' };
        return;
      }
      await this.pollOnline({ fetchFn, at });
    } finally {
      this.polling = false;
      this.nowMs = Date.now();
      if (this.hasEndpoint(this.config)) await this.#saveMemory();
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
    const row = (await getDb().settings.get(this.#key))?.value as { config: C; memory?: M } | undefined;
    if (!row) return;
    this.config = { ...this.#defaults, ...row.config };
    this.memory = row.memory ?? ({} as M);
  }

  // After a poll only the memory is ours to write: the config stays as stored (another tab may have changed it meanwhile).
  async #saveMemory(): Promise<void> {
    const db = getDb();
    const memory = $state.snapshot(this.memory);
    await db.transaction('rw', db.settings, async () => {
      const stored = (await db.settings.get(this.#key))?.value as { config: C } | undefined;
      await db.settings.put({ key: this.#key, value: { config: stored?.config ?? $state.snapshot(this.config), memory } });
    });
  }

  /** The message of an answer that could not be read or stored (a ValidationError lists every issue). */
  protected applyFailureMessage(e: unknown): string {
    return `the answer could not be applied: ${e instanceof ValidationError ? e.issues.map((i) => `${i.where}: ${i.message}`).join('; ') : e instanceof Error ? e.message : String(e)}`;
  }

  #stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #save(): Promise<void> {
    await getDb().settings.put({ key: this.#key, value: { config: $state.snapshot(this.config), memory: $state.snapshot(this.memory) } });
  }
}

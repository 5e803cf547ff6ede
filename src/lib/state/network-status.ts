/** The subset of fetch a connectivity probe needs. */
export type ProbeFetch = (url: string, init: { method: 'GET'; cache: 'no-store'; signal?: AbortSignal }) => Promise<unknown>;

/** Parameters of `NetworkStatus`. */
export type NetworkStatusParams = {
  /** The browser's flag at start (navigator.onLine): believed when false, checked when true. */
  initialOnline: boolean;
  /** A same-origin URL the service worker does not answer from its cache (a query string misses the precache). */
  probeUrl: () => string;
  fetch: ProbeFetch;
  /** Called when the verdict changes. */
  onChange: (online: boolean) => void;
  /** How often to re-check while offline, ms (a success clears the banner). */
  recheckMs?: number;
  /** A probe that takes longer than this counts as failed, ms. */
  timeoutMs?: number;
};

/**
 * Online or offline, as a device needs it: `navigator.onLine` says "offline" reliably but may
 * say "online" while every request fails (a captive network; Chromium after a reload under
 * DevTools' offline mode). So "online" is verified by a request, any failed request reported by
 * the app marks offline, and while offline a probe re-checks until one succeeds.
 */
export class NetworkStatus {
  #online: boolean;
  #timer: ReturnType<typeof setInterval> | null = null;
  #probing: Promise<boolean> | null = null;
  readonly #p: Required<NetworkStatusParams>;

  constructor(params: NetworkStatusParams) {
    this.#p = { recheckMs: 10_000, timeoutMs: 8_000, ...params };
    this.#online = params.initialOnline;
    if (!this.#online) this.#startRechecks();
  }

  get online(): boolean {
    return this.#online;
  }

  /** A request failed at the network level (no answer at all): offline until a request succeeds. */
  reportFailure(): void {
    this.#set(false);
  }

  /** A request got an answer (any HTTP status): online. */
  reportSuccess(): void {
    this.#set(true);
  }

  /** The browser fired `offline`: believed at once. */
  browserOffline(): void {
    this.#set(false);
  }

  /** The browser fired `online`: believed at once (so nothing waits on the check), then verified with a probe. */
  browserOnline(): Promise<boolean> {
    this.#set(true);
    return this.probe();
  }

  /** One request to the probe URL; its outcome sets the verdict. Concurrent calls share one request. */
  probe(): Promise<boolean> {
    this.#probing ??= (async () => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), this.#p.timeoutMs);
      try {
        await this.#p.fetch(this.#p.probeUrl(), { method: 'GET', cache: 'no-store', signal: abort.signal });
        this.reportSuccess();
        return true;
      } catch {
        this.reportFailure();
        return false;
      } finally {
        clearTimeout(timer);
        this.#probing = null;
      }
    })();
    return this.#probing;
  }

  /** Stops the re-check timer. */
  dispose(): void {
    this.#stopRechecks();
  }

  #set(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    if (online) this.#stopRechecks();
    else this.#startRechecks();
    this.#p.onChange(online);
  }

  #startRechecks(): void {
    this.#timer ??= setInterval(() => void this.probe(), this.#p.recheckMs);
  }

  #stopRechecks(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/// <reference types="vite-plugin-pwa/vanillajs" />
import { base } from '$app/paths';
import { NetworkStatus } from './network-status';

/**
 * Service-worker lifecycle as runes: offline readiness, the "new version available" prompt, and
 * whether the device is online (NetworkStatus: the browser's flag, checked by a request, since
 * `navigator.onLine` can say online while every request fails). The worker precaches the app and
 * the HiGHS wasm (vite.config.ts).
 */
class PwaState {
  /** A new build is waiting; the user decides when to switch (a session may be running). */
  needRefresh = $state(false);
  /** The app (and solver) are cached: it now works offline. */
  offlineReady = $state(false);
  online = $state(true);
  registered = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | undefined;
  #started = false;
  #network: NetworkStatus | null = null;

  /** Registers the service worker once (browser only). */
  async start(): Promise<void> {
    if (this.#started || typeof window === 'undefined') return;
    this.#started = true;
    const network = new NetworkStatus({
      initialOnline: navigator.onLine,
      // version.json exists in every build; the query string makes the service worker's precache miss, so this goes to the network.
      probeUrl: () => `${base}/_app/version.json?online-probe=${Date.now()}`,
      fetch: (url, init) => fetch(url, init),
      onChange: (online) => (this.online = online)
    });
    this.#network = network;
    this.online = network.online;
    if (network.online) void network.probe();
    addEventListener('online', () => void network.browserOnline());
    addEventListener('offline', () => network.browserOffline());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void network.probe();
    });
    if (!('serviceWorker' in navigator)) return;
    const { registerSW } = await import('virtual:pwa-register');
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.needRefresh = true),
      onOfflineReady: () => {
        this.offlineReady = true;
        // A one-time notice: it goes away by itself.
        setTimeout(() => (this.offlineReady = false), 10_000);
      },
      onRegisteredSW: () => (this.registered = true)
    });
  }

  /**
   * A request of the app failed without an answer (e.g. the OCPI poll): checks the app's own
   * origin, and shows "offline" if that fails too (a remote backend being down is not offline).
   * Returns the verdict.
   */
  async requestFailed(): Promise<boolean> {
    return this.#network ? this.#network.probe() : this.online;
  }

  /** A request of the app got an answer: the device is online. */
  requestSucceeded(): void {
    this.#network?.reportSuccess();
  }

  /** Activates the waiting service worker and reloads onto the new version. */
  async update(): Promise<void> {
    this.needRefresh = false;
    await this.#update?.(true);
  }

  /** Keeps the current version until the next visit. */
  dismiss(): void {
    this.needRefresh = false;
    this.offlineReady = false;
  }
}

/** The app's PWA state. */
export const pwa = new PwaState();

/// <reference types="vite-plugin-pwa/vanillajs" />

/**
 * Service-worker lifecycle as runes: offline readiness, the "new version available" prompt, and
 * the browser's online flag. The worker precaches the app and the HiGHS wasm (vite.config.ts).
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

  /** Registers the service worker once (browser only). */
  async start(): Promise<void> {
    if (this.#started || typeof window === 'undefined') return;
    this.#started = true;
    this.online = navigator.onLine;
    addEventListener('online', () => (this.online = true));
    addEventListener('offline', () => (this.online = false));
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

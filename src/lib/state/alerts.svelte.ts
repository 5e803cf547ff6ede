/** One message shown in the app's banner area. */
export type Alert = { id: number; kind: string; level: 'warn' | 'bad' | 'info' | 'ok'; message: string };

/**
 * App-wide banners (solver fallbacks, import errors). One alert per `kind` at a time, so a
 * solver failing at every gate shows one updated banner rather than a pile.
 */
class AlertsState {
  items = $state<Alert[]>([]);
  #next = 1;

  /** Shows (or replaces) the banner of this kind. */
  show({ kind, level = 'warn', message }: { kind: string; level?: Alert['level']; message: string }): void {
    const rest = this.items.filter((a) => a.kind !== kind);
    this.items = [...rest, { id: this.#next++, kind, level, message }];
  }

  /** Removes one banner. */
  dismiss(id: number): void {
    this.items = this.items.filter((a) => a.id !== id);
  }
}

/** The app's banners. */
export const alerts = new AlertsState();

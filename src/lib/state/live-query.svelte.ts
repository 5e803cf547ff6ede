import { liveQuery } from 'dexie';

/**
 * A Dexie `liveQuery` as a rune: `current` updates whenever the tables it read change, in this
 * tab or another one. Create it during component setup (it lives as long as the component);
 * `deps` is read inside an effect, so the query restarts when those runes change.
 */
export class LiveQuery<T, D = void> {
  current = $state.raw<T | undefined>(undefined);
  error = $state.raw<unknown>(null);
  /** True once the first result arrived. */
  loaded = $state(false);

  constructor(query: (deps: D) => Promise<T> | T, deps?: () => D) {
    $effect(() => {
      const d = deps ? deps() : (undefined as D);
      const sub = liveQuery(() => query(d)).subscribe({
        next: (value) => {
          this.current = value;
          this.loaded = true;
          this.error = null;
        },
        error: (e) => (this.error = e)
      });
      return () => sub.unsubscribe();
    });
  }
}
